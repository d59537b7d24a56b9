-- crlf file
-- Revision ID: c0ffee
-- Revises: f00dfeed

-- migrate:downgrade
DROP TABLE x;
-- migrate:upgrade
CREATE TABLE x (id INT);
