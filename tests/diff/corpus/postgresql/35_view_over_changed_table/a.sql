CREATE TABLE wallet (id integer PRIMARY KEY, owner text, balance integer);
CREATE VIEW rich AS SELECT id, owner FROM wallet WHERE balance > 100;
