INSERT INTO membership VALUES (1, 10, 'admin'), (2, 10, NULL);
