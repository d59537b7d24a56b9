CREATE TABLE city (id integer PRIMARY KEY);
CREATE TABLE measurement (city_id integer NOT NULL, logdate date NOT NULL, peaktemp integer, PRIMARY KEY (city_id, logdate)) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurement_y2025 PARTITION OF measurement (CONSTRAINT peak_sane CHECK (peaktemp < 100)) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurement_other PARTITION OF measurement DEFAULT;
CREATE INDEX measurement_peak ON measurement (peaktemp);
