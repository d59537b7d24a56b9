CREATE TABLE ticket (id integer PRIMARY KEY, status text DEFAULT 'new', priority integer DEFAULT 1);
