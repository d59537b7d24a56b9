-- third
--
-- Revision ID: c
-- Revises: b
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE t_c (id INTEGER PRIMARY KEY);
INSERT INTO missing_table (id) VALUES (1);
CREATE TABLE never (id INTEGER);

-- migrate:downgrade
DROP TABLE t_c;
