INSERT INTO player VALUES (1, 'x'), (2, 'y');
