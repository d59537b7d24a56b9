-- Transaction control has no place in a target schema.
CREATE TABLE fine (id INTEGER);
COMMIT;
