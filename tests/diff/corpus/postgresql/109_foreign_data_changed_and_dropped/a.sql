CREATE EXTENSION postgres_fdw;
CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'archive.example', dbname 'archive');
CREATE SERVER retired FOREIGN DATA WRAPPER postgres_fdw;
CREATE FOREIGN TABLE old_note (id integer, body text) SERVER archive OPTIONS (table_name 'note');
CREATE FOREIGN TABLE old_tag (id integer) SERVER retired;
CREATE FOREIGN DATA WRAPPER unused;
