CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE legacy (id INTEGER PRIMARY KEY, payload TEXT);
CREATE VIEW legacy_view AS SELECT payload FROM legacy;
