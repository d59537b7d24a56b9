CREATE TABLE event (id integer PRIMARY KEY, kind text, body text);
CREATE TABLE event_log (id integer, kind text);
CREATE VIEW event_kinds AS SELECT id, kind FROM event;
CREATE RULE event_delete AS ON DELETE TO event WHERE old.kind = 'kept' DO INSTEAD NOTHING;
CREATE RULE event_logged AS ON INSERT TO event DO ALSO INSERT INTO event_log (id, kind) VALUES (new.id, new.kind);
CREATE RULE event_kinds_insert AS ON INSERT TO event_kinds DO INSTEAD INSERT INTO event (id, kind) VALUES (new.id, new.kind);
