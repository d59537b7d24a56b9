-- left one
--
-- Revision ID: l1
-- Revises: a0
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: left
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_l1 (id INTEGER);

-- migrate:downgrade
DROP TABLE t_l1;
