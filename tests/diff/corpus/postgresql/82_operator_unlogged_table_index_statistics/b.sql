CREATE TABLE post (id integer PRIMARY KEY, tags text NOT NULL);
CREATE INDEX post_tag_words ON post USING btree ((string_to_array(tags, ' ')));
ALTER INDEX post_tag_words ALTER COLUMN 1 SET STATISTICS 3000;
-- As pg_dump writes an unlogged table's serial column: the sequence stays logged.
CREATE SEQUENCE rate_limit_id_seq;
CREATE UNLOGGED TABLE rate_limit (id bigint DEFAULT nextval('rate_limit_id_seq') NOT NULL, key text PRIMARY KEY, points double precision NOT NULL);
ALTER SEQUENCE rate_limit_id_seq OWNED BY rate_limit.id;
-- Written as a serial column of an unlogged table, the sequence is unlogged too.
CREATE UNLOGGED TABLE hit (id bigserial PRIMARY KEY);
CREATE FUNCTION reverse_textregexeq(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT textregexeq($2, $1) $$;
CREATE OPERATOR ~<< (FUNCTION = reverse_textregexeq, LEFTARG = text, RIGHTARG = text);
CREATE TABLE pattern (p text CHECK (p ~<< '^[a-z]+$'));
