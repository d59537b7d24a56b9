CREATE SEQUENCE ticket_number AS bigint START 100 INCREMENT 5 MAXVALUE 1000000 CYCLE;
CREATE TABLE ticket (id integer PRIMARY KEY, number integer DEFAULT nextval('ticket_number'));
