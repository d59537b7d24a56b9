CREATE TABLE job (id integer PRIMARY KEY, state text NOT NULL, due date);
CREATE INDEX ix_job_due ON job (due) WHERE state <> 'done';
