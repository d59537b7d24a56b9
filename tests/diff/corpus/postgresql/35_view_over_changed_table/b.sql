CREATE TABLE wallet (id integer PRIMARY KEY, owner text, balance numeric(12,2));
CREATE VIEW rich AS SELECT id, owner FROM wallet WHERE balance > 100;
