CREATE TABLE ddl_log (tag text, at timestamptz);
