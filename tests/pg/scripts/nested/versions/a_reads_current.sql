-- reads the current revision
--
-- Revision ID: a
-- Revises:
-- Create Date: 2026-11-21 10:15:00.000000

-- migrate:upgrade
CREATE TABLE seen AS SELECT migrate_current() AS current_during_a, migrate_heads() AS heads;

-- migrate:downgrade
DROP TABLE seen;
