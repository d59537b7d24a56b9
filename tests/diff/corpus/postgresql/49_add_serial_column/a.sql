CREATE TABLE visit (at timestamp NOT NULL);
