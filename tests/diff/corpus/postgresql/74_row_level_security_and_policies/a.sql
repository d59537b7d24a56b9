CREATE TABLE note (id integer, owner text, body text);
