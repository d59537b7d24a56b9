CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email TEXT,
    CONSTRAINT uq_a UNIQUE (email)
);
