INSERT INTO sale VALUES (1, 'eu', 5000), (2, 'us', 10);
