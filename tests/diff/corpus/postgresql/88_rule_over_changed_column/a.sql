CREATE TABLE account (id integer PRIMARY KEY, balance integer, note text);
CREATE TABLE account_audit (account_id integer, balance integer);
CREATE RULE account_audited AS ON UPDATE TO account DO ALSO INSERT INTO account_audit VALUES (new.id, new.balance);
