-- right one
--
-- Revision ID: r1
-- Revises: a0
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: right
-- Depends On: l1

-- migrate:upgrade
CREATE TABLE t_r1 (id INTEGER);

-- migrate:downgrade
DROP TABLE t_r1;
