-- A target schema PostgreSQL rejects.
CREATE TABLE fine (id INTEGER);
CREATE TABLE broken (;
