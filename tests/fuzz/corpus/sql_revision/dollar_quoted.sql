
-- REVISION ID: f00dfeed
-- revises: 27c6f0e1d2c3
-- message after the keys: add a function
-- Depends On:
-- migrate:upgrade   
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
    -- migrate:downgrade inside a body is not a marker
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- migrate:downgrade
