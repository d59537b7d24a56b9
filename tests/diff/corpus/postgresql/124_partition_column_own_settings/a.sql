CREATE TABLE reading (sensor integer NOT NULL, value integer DEFAULT 2, note text, at date) PARTITION BY LIST (sensor);
CREATE TABLE reading_1 PARTITION OF reading FOR VALUES IN (1);
CREATE TABLE reading_2 PARTITION OF reading FOR VALUES IN (2);
ALTER TABLE ONLY reading_1 ALTER COLUMN value SET DEFAULT 9;
