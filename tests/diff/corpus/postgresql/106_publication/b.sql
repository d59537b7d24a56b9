CREATE TABLE customer (id integer PRIMARY KEY, name text, secret text, region text);
CREATE TABLE invoice (id integer PRIMARY KEY, total numeric);
CREATE TABLE audit (id integer PRIMARY KEY, what text);
CREATE PUBLICATION billing FOR TABLE customer (id, name, region) WHERE (region = 'EU'), TABLE invoice WITH (publish = 'insert, update');
CREATE PUBLICATION everything FOR ALL TABLES;
CREATE PUBLICATION audit_feed FOR TABLE audit WITH (publish_via_partition_root = true);
