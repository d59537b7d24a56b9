CREATE TABLE event (id INTEGER PRIMARY KEY, kind INTEGER, at TEXT);
CREATE INDEX ix_event_kind ON event (kind);
CREATE UNIQUE INDEX ix_event_at ON event (at, id);
