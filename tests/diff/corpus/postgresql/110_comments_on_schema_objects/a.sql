CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION nocase IS 'old';
CREATE TEXT SEARCH CONFIGURATION plain (COPY = simple);
CREATE FOREIGN DATA WRAPPER mirror;
CREATE SERVER archive FOREIGN DATA WRAPPER mirror;
CREATE FOREIGN TABLE old_note (id integer) SERVER archive;
COMMENT ON FOREIGN TABLE old_note IS 'archived notes';
