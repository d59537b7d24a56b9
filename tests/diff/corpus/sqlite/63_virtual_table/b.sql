CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);
-- Its shadow tables (doc_index_data, ...) are the virtual table's own.
CREATE VIRTUAL TABLE doc_index USING fts5(title, body);
