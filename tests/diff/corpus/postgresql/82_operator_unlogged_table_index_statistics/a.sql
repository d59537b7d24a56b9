CREATE TABLE post (id integer PRIMARY KEY, tags text NOT NULL);
CREATE INDEX post_tag_words ON post USING btree ((string_to_array(tags, ' ')));
CREATE SEQUENCE rate_limit_id_seq;
CREATE TABLE rate_limit (id bigint DEFAULT nextval('rate_limit_id_seq') NOT NULL, key text PRIMARY KEY, points double precision NOT NULL);
ALTER SEQUENCE rate_limit_id_seq OWNED BY rate_limit.id;
