CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    age INTEGER,
    CHECK (age >= 0 AND age < 150)
);
