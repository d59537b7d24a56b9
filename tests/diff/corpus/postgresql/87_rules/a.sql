CREATE TABLE event (id integer PRIMARY KEY, kind text, body text);
CREATE TABLE event_log (id integer, kind text);
CREATE RULE event_delete AS ON DELETE TO event DO INSTEAD NOTHING;
