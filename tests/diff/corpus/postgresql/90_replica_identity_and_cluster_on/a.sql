CREATE TABLE item (id integer NOT NULL, code text NOT NULL, name text);
CREATE UNIQUE INDEX item_code ON item (code);
CREATE TABLE tag (id integer PRIMARY KEY, label text);
ALTER TABLE tag REPLICA IDENTITY FULL;
ALTER TABLE tag CLUSTER ON tag_pkey;
