CREATE TABLE account (
    id   INTEGER,
    name CHARACTER VARYING (50) DEFAULT 'x' NOT NULL,
    PRIMARY KEY (id)
);
-- a comment
CREATE INDEX ix_name ON account USING btree (name);
