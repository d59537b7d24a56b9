-- a file without its id
--
-- Revises: a

-- migrate:upgrade
SELECT 1;
