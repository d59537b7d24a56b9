INSERT INTO word VALUES (1, 'b'), (2, 'B');
