INSERT INTO wallet VALUES (1, 'ann', 5);
