-- tags
--
-- Revision ID: bb22bb22bb22
-- Revises: aa11aa11aa11
-- Create Date: 2026-11-21 10:16:00.000000

-- migrate:upgrade
CREATE TYPE tag_kind AS ENUM ('topic', 'person');
CREATE SEQUENCE tag_seq;
CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id),
    kind tag_kind NOT NULL DEFAULT 'topic',
    CONSTRAINT tag_account_kind UNIQUE (account_id, kind)
);
CREATE VIEW tag_view AS SELECT id, kind FROM tag;

-- migrate:downgrade
DROP VIEW tag_view;
DROP TABLE tag;
DROP SEQUENCE tag_seq;
DROP TYPE tag_kind;
