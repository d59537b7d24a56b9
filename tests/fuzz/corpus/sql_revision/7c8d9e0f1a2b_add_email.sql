-- add email to account
--
-- Revision ID: 7c8d9e0f1a2b
-- Revises: 1a2b3c4d5e6f
-- Create Date: 2026-11-21 10:20:00.000000

-- migrate:upgrade
ALTER TABLE account ADD COLUMN email VARCHAR(200);
CREATE INDEX ix_account_email ON account (email);

-- migrate:downgrade
DROP INDEX ix_account_email;
ALTER TABLE account DROP COLUMN email;
