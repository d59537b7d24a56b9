INSERT INTO account VALUES (1, 'Ann'), (2, 'ann');
