CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE TABLE old_log (id integer PRIMARY KEY, line text);
CREATE TABLE setting (key text PRIMARY KEY, value text);
