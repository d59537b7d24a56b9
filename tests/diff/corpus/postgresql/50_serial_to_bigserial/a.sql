CREATE TABLE post (id serial PRIMARY KEY, title text);
