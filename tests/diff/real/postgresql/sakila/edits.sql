-- edit: a new monthly child table of payment, with its check, index and insert rule
CREATE TABLE payment_p2007_07 (CONSTRAINT payment_p2007_07_payment_date_check CHECK (((payment_date >= '2007-07-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-08-01 00:00:00'::timestamp without time zone)))
)
INHERITS (payment);
CREATE INDEX idx_fk_payment_p2007_07_customer_id ON payment_p2007_07 USING btree (customer_id);
CREATE RULE payment_insert_p2007_07 AS ON INSERT TO payment WHERE ((new.payment_date >= '2007-07-01 00:00:00'::timestamp without time zone) AND (new.payment_date < '2007-08-01 00:00:00'::timestamp without time zone)) DO INSTEAD INSERT INTO payment_p2007_07 (payment_id, customer_id, staff_id, rental_id, amount, payment_date) VALUES (DEFAULT, new.customer_id, new.staff_id, new.rental_id, new.amount, new.payment_date);
-- edit: a column of payment, which its children inherit, and an old month's rule dropped
ALTER TABLE payment ADD COLUMN refunded boolean DEFAULT false NOT NULL;
DROP RULE payment_insert_p2007_01 ON payment;
-- edit: extended statistics, a replica identity and the index CLUSTER uses
CREATE STATISTICS customer_store_address (dependencies) ON store_id, address_id FROM customer;
ALTER TABLE rental REPLICA IDENTITY FULL;
ALTER TABLE film CLUSTER ON idx_title;
