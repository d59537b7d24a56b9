CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION c_bytes (provider = libc, lc_collate = 'C', lc_ctype = 'C.utf8');
CREATE TABLE person (id integer, name text COLLATE nocase, code text COLLATE c_bytes);
CREATE INDEX person_name ON person (name);
