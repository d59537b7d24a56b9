CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, updated TEXT);
CREATE TRIGGER account_touch AFTER UPDATE ON account
BEGIN
    UPDATE account SET updated = 'later' WHERE id = NEW.id;
END;
