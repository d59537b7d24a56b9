CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT);
CREATE TRIGGER account_audit AFTER INSERT ON account
BEGIN
    INSERT INTO audit (what) VALUES ('insert ' || NEW.name);
END;
