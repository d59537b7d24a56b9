CREATE FUNCTION double_it(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + x';
CREATE TABLE account (id integer);
CREATE PROCEDURE reset_accounts() LANGUAGE sql AS 'DELETE FROM account';
