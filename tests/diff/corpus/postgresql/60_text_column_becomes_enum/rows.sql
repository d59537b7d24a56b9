INSERT INTO shirt VALUES (1, 's'), (2, 'l');
