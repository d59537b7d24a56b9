CREATE TABLE sale (id integer, region text, amount numeric);
CREATE MATERIALIZED VIEW region_total AS SELECT region, sum(amount) AS total FROM sale GROUP BY region;
CREATE UNIQUE INDEX region_total_region ON region_total (region);
COMMENT ON MATERIALIZED VIEW region_total IS 'per region';
