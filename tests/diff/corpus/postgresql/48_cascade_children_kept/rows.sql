INSERT INTO customer VALUES (1, 'ann'), (2, 'bob');
INSERT INTO orders VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30);
INSERT INTO address VALUES (1, 1, 'oslo'), (2, 2, 'lima');
