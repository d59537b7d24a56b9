INSERT INTO country VALUES (1, 'no'), (2, 'pe');
