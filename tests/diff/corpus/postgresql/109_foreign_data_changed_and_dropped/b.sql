CREATE EXTENSION postgres_fdw;
CREATE SERVER archive FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'archive.example', dbname 'archive');
CREATE FOREIGN TABLE old_note (id integer, body text, kind text) SERVER archive OPTIONS (table_name 'note_v2');
