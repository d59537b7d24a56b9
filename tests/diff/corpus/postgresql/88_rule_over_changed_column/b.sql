CREATE TABLE account (id integer PRIMARY KEY, balance bigint);
CREATE TABLE account_audit (account_id integer, balance bigint);
CREATE RULE account_audited AS ON UPDATE TO account DO ALSO INSERT INTO account_audit VALUES (new.id, new.balance);
