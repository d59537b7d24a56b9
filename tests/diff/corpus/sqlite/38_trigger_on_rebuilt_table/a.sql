CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT, updated TEXT);
CREATE TRIGGER account_touch AFTER UPDATE OF name ON account
BEGIN
    UPDATE account SET updated = 'now' WHERE id = NEW.id;
END;
