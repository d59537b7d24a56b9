-- create orders
--
-- Revision ID: 3f4e5d6c7b8a
-- Revises: 7c8d9e0f1a2b
-- Create Date: 2026-11-21 10:25:00.000000

-- migrate:upgrade
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    total NUMERIC NOT NULL DEFAULT 0
);

-- migrate:downgrade
DROP TABLE orders;
