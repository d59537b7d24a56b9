INSERT INTO account VALUES (1, 'ann', 1), (2, 'bob', 0);
