-- Uses a table the target schema does not define.
CREATE VIEW v AS SELECT * FROM nowhere;
