CREATE TABLE visit (at timestamp NOT NULL, id serial NOT NULL);
