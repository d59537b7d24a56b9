CREATE TABLE sale (id integer, region text, amount numeric);
