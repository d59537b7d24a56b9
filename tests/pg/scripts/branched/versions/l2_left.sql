-- left two
--
-- Revision ID: l2
-- Revises: l1
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_l2 (id INTEGER);

-- migrate:downgrade
DROP TABLE t_l2;
