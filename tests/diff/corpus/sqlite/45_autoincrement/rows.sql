INSERT INTO event VALUES (1, 'a'), (7, 'b');
