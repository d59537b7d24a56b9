CREATE TABLE issue (id serial PRIMARY KEY, title text NOT NULL);
CREATE TABLE note (id bigserial PRIMARY KEY, body text);
