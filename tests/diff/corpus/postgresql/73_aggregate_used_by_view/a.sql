CREATE TABLE sale (id integer, amount numeric);
