-- base
--
-- Revision ID: h0
-- Revises: 
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_h0 (id INTEGER);

-- migrate:downgrade
DROP TABLE t_h0;
