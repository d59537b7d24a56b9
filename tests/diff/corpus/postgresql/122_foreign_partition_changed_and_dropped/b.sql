CREATE FOREIGN DATA WRAPPER mirror;
CREATE SERVER archive FOREIGN DATA WRAPPER mirror;
-- the parent's default changes: the partition that follows it follows, the one with its own keeps it
CREATE TABLE measurement (city_id integer NOT NULL, logdate date NOT NULL, peak integer DEFAULT 4)
    PARTITION BY RANGE (logdate);
CREATE FOREIGN TABLE measurement_y2024 PARTITION OF measurement (peak WITH OPTIONS DEFAULT 5)
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') SERVER archive;
-- options change
CREATE FOREIGN TABLE measurement_y2023 PARTITION OF measurement
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01') SERVER archive OPTIONS (table_name 'measurement_2023');
-- bound changes
CREATE FOREIGN TABLE measurement_y2022 PARTITION OF measurement
    FOR VALUES FROM ('2021-01-01') TO ('2023-01-01') SERVER archive;
