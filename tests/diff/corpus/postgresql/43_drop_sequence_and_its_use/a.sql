CREATE SEQUENCE ticket_number;
CREATE TABLE ticket (id integer PRIMARY KEY, number bigint DEFAULT nextval('ticket_number'));
