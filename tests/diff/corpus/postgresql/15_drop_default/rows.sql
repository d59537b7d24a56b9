INSERT INTO event VALUES (1, 'warn');
