INSERT INTO wallet VALUES (1, 'ann', 500), (2, 'bob', 5);
