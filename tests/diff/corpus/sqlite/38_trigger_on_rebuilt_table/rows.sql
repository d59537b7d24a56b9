INSERT INTO account VALUES (1, 'ann', NULL), (2, 'bob', 'x');
