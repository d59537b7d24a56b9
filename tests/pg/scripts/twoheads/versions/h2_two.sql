-- two
--
-- Revision ID: h2
-- Revises: h0
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_h2 (id INTEGER);

-- migrate:downgrade
DROP TABLE t_h2;
