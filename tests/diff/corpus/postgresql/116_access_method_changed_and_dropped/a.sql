CREATE ACCESS METHOD z_heap TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD z_heap IS 'heap, by another name';
CREATE TABLE item (id integer NOT NULL, name text) USING z_heap;
CREATE ACCESS METHOD z_index TYPE INDEX HANDLER bthandler;
CREATE ACCESS METHOD old_hash TYPE INDEX HANDLER hashhandler;
CREATE OPERATOR CLASS old_int4_ops DEFAULT FOR TYPE integer USING old_hash AS OPERATOR 1 =, FUNCTION 1 hashint4(integer);
CREATE TABLE note (id integer);
