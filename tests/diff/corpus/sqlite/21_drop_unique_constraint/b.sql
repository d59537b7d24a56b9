CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email TEXT
);
