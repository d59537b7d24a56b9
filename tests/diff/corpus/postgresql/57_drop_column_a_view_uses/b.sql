CREATE TABLE wallet (id integer PRIMARY KEY, owner text);
CREATE VIEW owners AS SELECT id, owner FROM wallet;
