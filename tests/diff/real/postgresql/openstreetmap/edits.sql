-- edit: a note status added, and a partial GiST index of open notes
ALTER TYPE public.note_status_enum ADD VALUE 'archived';
CREATE INDEX notes_open_tile_idx ON public.notes USING gist (tile, updated_at) WHERE (status = 'open'::public.note_status_enum);
-- edit: the size limit function rewritten, and a function used by a check
CREATE OR REPLACE FUNCTION public.api_size_limit(user_id bigint) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT 30000000::bigint $$;
CREATE FUNCTION public.valid_latitude(integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 BETWEEN -900000000 AND 900000000 $$;
ALTER TABLE public.notes ADD CONSTRAINT notes_latitude_check CHECK (public.valid_latitude(latitude));
-- edit: an enum type and a table of note mutes keyed on it, with an exclusion of overlapping periods
CREATE TYPE public.note_mute_enum AS ENUM ('day', 'week', 'forever');
CREATE TABLE public.note_mutes (note_id bigint NOT NULL REFERENCES public.notes (id), user_id bigint NOT NULL REFERENCES public.users (id), kind public.note_mute_enum DEFAULT 'day' NOT NULL, during tstzrange NOT NULL, EXCLUDE USING gist (user_id WITH =, note_id WITH =, during WITH &&));
CREATE INDEX index_note_mutes_on_user_id ON public.note_mutes USING btree (user_id);
