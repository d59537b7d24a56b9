CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE SEQUENCE invoice_number START 1000 INCREMENT 10;
