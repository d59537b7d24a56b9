INSERT INTO employee VALUES (1, NULL, 'boss'), (2, 1, 'ann'), (3, 2, 'bob');
