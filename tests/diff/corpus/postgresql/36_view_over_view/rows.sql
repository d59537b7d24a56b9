INSERT INTO wallet VALUES (1, 'ann', 5000), (2, 'bob', 5);
