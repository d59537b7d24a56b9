-- native step on top
--
-- Revision ID: 3a1f0c2b9d8e
-- Revises: 1975ea83b712
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
ALTER TABLE account ADD COLUMN name TEXT;

-- migrate:downgrade
ALTER TABLE account DROP COLUMN name;
