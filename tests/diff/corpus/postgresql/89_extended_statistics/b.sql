CREATE TABLE address (id integer, city text, zip text, country text);
CREATE STATISTICS address_place (ndistinct, dependencies) ON city, zip, country FROM address;
ALTER STATISTICS address_place SET STATISTICS 500;
CREATE STATISTICS address_zip_expr ON lower(zip), city FROM address;
