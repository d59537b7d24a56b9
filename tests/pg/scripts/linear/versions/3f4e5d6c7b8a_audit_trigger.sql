-- audit trigger
--
-- Revision ID: 3f4e5d6c7b8a
-- Revises: 7c8d9e0f1a2b
-- Create Date: 2026-11-21 10:15:00.000000
-- Branch Labels: 
-- Depends On: 

-- migrate:upgrade
CREATE TABLE account_audit (account_id INTEGER, changed_at TIMESTAMPTZ DEFAULT now());
CREATE FUNCTION account_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO account_audit (account_id) VALUES (NEW.id); -- a semicolon inside the body
    RETURN NEW;
END
$$;
CREATE TRIGGER account_audit AFTER INSERT ON account FOR EACH ROW EXECUTE FUNCTION account_audit();

-- migrate:downgrade
DROP TRIGGER account_audit ON account;
DROP FUNCTION account_audit();
DROP TABLE account_audit;
