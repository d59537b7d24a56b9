CREATE TABLE account (id integer PRIMARY KEY);
CREATE TABLE invoice (id integer, account_id integer);
ALTER TABLE invoice ADD CONSTRAINT invoice_account_fk FOREIGN KEY (account_id) REFERENCES account (id) NOT VALID;
ALTER TABLE invoice ADD CONSTRAINT invoice_id_positive CHECK (id > 0) NOT VALID;
