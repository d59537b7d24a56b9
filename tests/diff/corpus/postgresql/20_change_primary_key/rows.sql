INSERT INTO membership VALUES (1, 10), (2, 10);
