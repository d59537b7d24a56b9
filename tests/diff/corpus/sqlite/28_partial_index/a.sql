CREATE TABLE ticket (id INTEGER PRIMARY KEY, status TEXT NOT NULL, created TEXT NOT NULL);
CREATE INDEX ix_ticket_open ON ticket (created) WHERE status = 'open';
