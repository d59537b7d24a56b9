CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES account(id),
    action TEXT NOT NULL
);
