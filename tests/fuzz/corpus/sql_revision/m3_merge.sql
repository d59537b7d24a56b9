-- merge
--
-- Revision ID: m3
-- Revises: l2, r1
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_m3 (id INTEGER);

-- migrate:downgrade
DROP TABLE t_m3;
