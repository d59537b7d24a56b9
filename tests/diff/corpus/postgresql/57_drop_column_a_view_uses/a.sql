CREATE TABLE wallet (id integer PRIMARY KEY, owner text, balance integer);
CREATE VIEW owners AS SELECT id, owner, balance FROM wallet;
