CREATE TABLE ticket (id integer PRIMARY KEY, status text DEFAULT 'open', priority integer DEFAULT 3);
