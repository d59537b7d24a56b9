CREATE TABLE note (id integer);
-- Named so that the table and the operator class sort before what they use.
CREATE ACCESS METHOD z_heap TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD z_heap IS 'heap, by another name';
CREATE TABLE item (id integer NOT NULL, name text) USING z_heap;
CREATE ACCESS METHOD z_hash TYPE INDEX HANDLER hashhandler;
CREATE OPERATOR CLASS a_int4_ops DEFAULT FOR TYPE integer USING z_hash AS OPERATOR 1 =, FUNCTION 1 hashint4(integer);
