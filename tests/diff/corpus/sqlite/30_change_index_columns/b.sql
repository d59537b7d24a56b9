CREATE TABLE ticket (id INTEGER PRIMARY KEY, status TEXT NOT NULL, created TEXT NOT NULL);
CREATE INDEX ix_ticket ON ticket (status, created DESC);
