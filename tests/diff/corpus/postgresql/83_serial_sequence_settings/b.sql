-- The serial columns' sequences with settings of their own: the sequences
-- are altered in place, keeping their current values and the columns' defaults.
CREATE TABLE issue (id serial PRIMARY KEY, title text NOT NULL);
ALTER SEQUENCE issue_id_seq CACHE 10;
CREATE TABLE note (id bigserial PRIMARY KEY, body text);
ALTER SEQUENCE note_id_seq INCREMENT BY 5 START WITH 100 RESTART WITH 100;
