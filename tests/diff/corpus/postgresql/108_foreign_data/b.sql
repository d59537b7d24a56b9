CREATE TABLE local_note (id integer);
CREATE FUNCTION mirror_validator(text[], oid) RETURNS void LANGUAGE plpgsql AS 'BEGIN END';
CREATE FOREIGN DATA WRAPPER mirror VALIDATOR mirror_validator OPTIONS (debug 'on');
CREATE SERVER archive TYPE 'mirror' VERSION '2' FOREIGN DATA WRAPPER mirror OPTIONS (host 'archive.example', port '5433');
CREATE SERVER spare FOREIGN DATA WRAPPER mirror;
CREATE FOREIGN TABLE old_note (
    id integer OPTIONS (column_name 'ID') NOT NULL,
    body text COLLATE "C" DEFAULT '',
    CONSTRAINT old_note_id CHECK (id > 0)
) SERVER archive OPTIONS (schema_name 'archive', table_name 'note');
CREATE VIEW all_notes AS SELECT id FROM local_note UNION ALL SELECT id FROM old_note;
