-- create account
--
-- Revision ID: aa11aa11aa11
-- Revises: 
-- Create Date: 2026-11-21 10:15:00.000000

-- migrate:upgrade
CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE INDEX ix_account_name ON account (name);

-- migrate:downgrade
DROP TABLE account;
