CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email TEXT,
    CONSTRAINT uq_account_email UNIQUE (email)
);
