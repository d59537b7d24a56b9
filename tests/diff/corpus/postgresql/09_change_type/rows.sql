INSERT INTO item VALUES (1, 5, 'five'), (2, NULL, 'none');
