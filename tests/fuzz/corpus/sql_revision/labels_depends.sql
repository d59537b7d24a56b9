-- create invoice table
--
-- Revision ID: 27c6f0e1d2c3
-- Revises: ae1027a6acf
-- Create Date: 2026-11-21 10:30:00.000000
-- Branch Labels: billing, invoices
-- Depends On: accounts, 3512b954651e

-- migrate:upgrade
CREATE TABLE invoice (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account(id));
CREATE TRIGGER invoice_touch AFTER UPDATE ON invoice BEGIN
    UPDATE invoice SET id = id WHERE id = NEW.id;
END;

-- migrate:downgrade
DROP TABLE invoice;
