CREATE TABLE wallet (id integer PRIMARY KEY, owner text, balance integer);
CREATE VIEW rich AS SELECT id, owner, balance FROM wallet WHERE balance > 100;
CREATE VIEW richest AS SELECT owner FROM rich WHERE balance > 1000;
