CREATE ACCESS METHOD z_heap TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD z_heap IS 'kept';
CREATE TABLE item (id integer NOT NULL, name text) USING z_heap;
CREATE ACCESS METHOD z_index TYPE INDEX HANDLER hashhandler;
CREATE TABLE note (id integer);
