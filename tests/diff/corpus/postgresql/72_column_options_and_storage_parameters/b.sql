CREATE TABLE event (id integer, kind text, payload text) WITH (fillfactor = 70);
ALTER TABLE event ALTER COLUMN kind SET (n_distinct = 12);
ALTER TABLE event ALTER COLUMN kind SET STATISTICS 500;
ALTER TABLE event ALTER COLUMN payload SET STORAGE EXTERNAL;
