CREATE TABLE shipment (id integer);
