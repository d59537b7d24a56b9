-- second
--
-- Revision ID: b
-- Revises: a
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_b (id INTEGER PRIMARY KEY);
INSERT INTO t_a (id) VALUES (7);

-- migrate:downgrade
DROP TABLE missing_table;
