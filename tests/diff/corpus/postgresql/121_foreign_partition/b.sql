CREATE TABLE city (id integer PRIMARY KEY);
CREATE FOREIGN DATA WRAPPER mirror;
CREATE SERVER archive FOREIGN DATA WRAPPER mirror OPTIONS (host 'archive.example');
CREATE TABLE measurement (city_id integer NOT NULL, logdate date NOT NULL, peak integer DEFAULT 3, low integer)
    PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- a foreign partition with a default, a not null, a check and a column option of its own
CREATE FOREIGN TABLE measurement_y2024 PARTITION OF measurement (
    peak WITH OPTIONS DEFAULT 5,
    low WITH OPTIONS NOT NULL,
    CONSTRAINT low_sane CHECK (low > -100)
) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') SERVER archive OPTIONS (table_name 'measurement_2024');
ALTER FOREIGN TABLE measurement_y2024 ALTER COLUMN low OPTIONS (column_name 'LOW');
COMMENT ON FOREIGN TABLE measurement_y2024 IS 'archived';
-- one that only inherits, attached as pg_dump writes it
CREATE FOREIGN TABLE measurement_y2023 (city_id integer NOT NULL, logdate date NOT NULL, peak integer DEFAULT 3, low integer)
    SERVER archive;
ALTER TABLE measurement ATTACH PARTITION measurement_y2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
-- PostgreSQL refuses a unique index here (a foreign partition cannot hold it); a plain one skips them
CREATE INDEX measurement_peak ON measurement (peak);
COMMENT ON COLUMN measurement_y2024.low IS 'the low';
