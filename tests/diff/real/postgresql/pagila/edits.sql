-- edit: a column with a default and its index
ALTER TABLE public.customer ADD COLUMN loyalty_points integer DEFAULT 0 NOT NULL;
CREATE INDEX idx_customer_loyalty ON public.customer USING btree (loyalty_points);
-- edit: a function rewritten and a trigger dropped
CREATE OR REPLACE FUNCTION public.last_day(timestamp with time zone) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT
    AS $_$ SELECT (date_trunc('month', $1) + interval '1 month' - interval '1 day')::date $_$;
DROP TRIGGER last_updated ON public.actor;
-- edit: a new partition and a table comment
CREATE TABLE public.payment_p2024_01 PARTITION OF public.payment FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00');
COMMENT ON TABLE public.film IS 'every film the stores rent';
