-- Names its schema, as pg_dump does.
CREATE TABLE public.elsewhere (id INTEGER);
