CREATE TABLE wallet (id INTEGER PRIMARY KEY, owner TEXT, balance REAL);
CREATE VIEW rich AS SELECT id, owner FROM wallet WHERE balance > 100;
