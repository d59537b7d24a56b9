-- slow
--
-- Revision ID: b
-- Revises: a
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_b (id INTEGER PRIMARY KEY);
SELECT pg_sleep(30);

-- migrate:downgrade
DROP TABLE t_b;
