-- Revision ID: twice
-- migrate:upgrade
SELECT 1;
-- migrate:upgrade
SELECT 2;
