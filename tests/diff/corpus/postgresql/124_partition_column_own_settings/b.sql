-- the parent's default and a type change: reading_2 follows them, reading_1 keeps its own default
CREATE TABLE reading (sensor integer NOT NULL, value bigint DEFAULT 3, note text, at date) PARTITION BY LIST (sensor);
CREATE TABLE reading_1 PARTITION OF reading (value WITH OPTIONS DEFAULT 9, note WITH OPTIONS NOT NULL) FOR VALUES IN (1);
CREATE TABLE reading_2 PARTITION OF reading FOR VALUES IN (2);
ALTER TABLE ONLY reading_2 ALTER COLUMN at SET DEFAULT CURRENT_DATE;
-- a new partition with a default of its own
CREATE TABLE reading_3 PARTITION OF reading (note WITH OPTIONS DEFAULT 'three') FOR VALUES IN (3);
