CREATE TABLE sale (id INTEGER PRIMARY KEY, region TEXT, amount INTEGER);
CREATE VIEW sale_eu AS SELECT * FROM sale WHERE region = 'eu';
CREATE VIEW sale_eu_big AS SELECT * FROM sale_eu WHERE amount > 1000;
