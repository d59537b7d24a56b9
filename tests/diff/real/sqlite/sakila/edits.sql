-- edit: a column added
ALTER TABLE film ADD COLUMN streaming_url TEXT;
-- edit: a trigger dropped and an index added
DROP TRIGGER actor_trigger_au;
CREATE INDEX idx_payment_date ON payment (payment_date);
-- edit: a view added
CREATE VIEW customer_names AS SELECT first_name || ' ' || last_name AS name FROM customer;
