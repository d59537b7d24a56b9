CREATE TABLE tag (id integer PRIMARY KEY);
-- A bigint sequence for an integer column (not what serial makes), owned by
-- the column of a table the diff creates.
CREATE SEQUENCE favorite_id_seq;
CREATE TABLE favorite (id integer DEFAULT nextval('favorite_id_seq') NOT NULL, tag_id integer REFERENCES tag (id));
ALTER SEQUENCE favorite_id_seq OWNED BY favorite.id;
