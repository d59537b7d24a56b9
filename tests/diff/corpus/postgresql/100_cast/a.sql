CREATE TABLE payment (id integer, amount text);
