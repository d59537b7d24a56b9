CREATE TABLE address (id integer, city text, zip text, country text);
CREATE STATISTICS address_place (dependencies) ON city, zip FROM address;
