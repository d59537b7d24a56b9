CREATE TABLE item (id integer NOT NULL, code text NOT NULL, name text);
CREATE UNIQUE INDEX item_code ON item (code);
ALTER TABLE item REPLICA IDENTITY USING INDEX item_code;
ALTER TABLE item CLUSTER ON item_code;
CREATE TABLE tag (id integer PRIMARY KEY, label text);
ALTER TABLE tag REPLICA IDENTITY NOTHING;
