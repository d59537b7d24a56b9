CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, updated TEXT);
CREATE TRIGGER account_touch AFTER UPDATE OF name ON account
BEGIN
    UPDATE account SET updated = 'now' WHERE id = NEW.id;
END;
