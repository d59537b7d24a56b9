CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    first TEXT,
    last TEXT,
    full_name TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL
);
