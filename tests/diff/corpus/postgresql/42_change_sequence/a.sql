CREATE SEQUENCE ticket_number AS integer START 1;
CREATE TABLE ticket (id integer PRIMARY KEY, number integer DEFAULT nextval('ticket_number'));
