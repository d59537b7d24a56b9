CREATE TYPE price AS (amount numeric, currency text);
CREATE FUNCTION price_text(price) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1.amount || ' ' || $1.currency $$;
CREATE CAST (price AS text) WITH FUNCTION price_text(price) AS ASSIGNMENT;
CREATE FUNCTION flag_of(integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 <> 0';
CREATE TYPE currency AS ENUM ('EUR', 'USD');
CREATE CAST (currency AS text) WITH INOUT;
CREATE TABLE payment (id integer, amount text);
