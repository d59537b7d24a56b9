CREATE TYPE price AS (amount numeric, currency text);
CREATE FUNCTION price_text(price) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1.amount || ' ' || $1.currency $$;
CREATE CAST (price AS text) WITH FUNCTION price_text(price);
CREATE FUNCTION price_number(price) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1.amount';
CREATE CAST (price AS numeric) WITH FUNCTION price_number(price) AS IMPLICIT;
-- Between built-in types, by a function of the schema.
CREATE FUNCTION yes_no(boolean) RETURNS "char" LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 THEN 'y' ELSE 'n' END::"char" $$;
CREATE CAST (boolean AS "char") WITH FUNCTION yes_no(boolean);
