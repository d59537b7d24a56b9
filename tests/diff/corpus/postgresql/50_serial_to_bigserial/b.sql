CREATE TABLE post (id bigserial PRIMARY KEY, title text);
