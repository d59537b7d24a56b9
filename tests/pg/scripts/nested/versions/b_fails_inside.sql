-- a migrate call inside a step fails
--
-- Revision ID: b
-- Revises: a
-- Create Date: 2026-11-21 10:15:00.000000

-- migrate:upgrade
CREATE TABLE t_b (id INTEGER);
SELECT migrate_upgrade('zzzz');

-- migrate:downgrade
DROP TABLE t_b;
