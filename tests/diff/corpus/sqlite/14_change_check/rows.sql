INSERT INTO person VALUES (1, 30), (2, 99), (3, NULL);
