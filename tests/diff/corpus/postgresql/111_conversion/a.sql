CREATE TABLE message (id integer, body text);
