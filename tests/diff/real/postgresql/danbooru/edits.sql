-- edit: rate limits made logged with another fill factor, and the trigram index on tag names dropped
ALTER TABLE public.rate_limits SET LOGGED;
ALTER TABLE public.rate_limits SET (fillfactor='70');
DROP INDEX public.index_tags_on_name_trgm;
-- edit: the operator's function rewritten, a negator operator, and a check that uses the operator
CREATE OR REPLACE FUNCTION public.reverse_textregexeq(text, text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$ SELECT $2 ~ $1; $_$;
CREATE FUNCTION public.reverse_textregexne(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $_$ SELECT $2 !~ $1; $_$;
CREATE OPERATOR public.!~<< (FUNCTION = public.reverse_textregexne, LEFTARG = text, RIGHTARG = text, NEGATOR = OPERATOR(public.~<<));
ALTER TABLE public.tags ADD CONSTRAINT tags_name_no_space CHECK (('\s' OPERATOR(public.!~<<) (name)::text));
-- edit: an API key table with a pgcrypto default and a soundex column of fuzzystrmatch, shown by a view
CREATE TABLE public.api_key_hashes (id bigserial PRIMARY KEY, user_id integer NOT NULL REFERENCES public.users (id), key_hash bytea DEFAULT public.digest(public.gen_random_bytes(32), 'sha256') NOT NULL, name_soundex text, created_at timestamp(6) without time zone NOT NULL);
CREATE VIEW public.api_key_hash_counts AS SELECT user_id, count(*) AS keys FROM public.api_key_hashes GROUP BY user_id;
