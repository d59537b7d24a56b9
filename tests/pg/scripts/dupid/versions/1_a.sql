-- first
--
-- Revision ID: a
-- Revises: 
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
SELECT 1;

-- migrate:downgrade
SELECT 1;
