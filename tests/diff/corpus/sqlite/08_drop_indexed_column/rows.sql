INSERT INTO account VALUES (1, 'ann', 'ann@example.org'), (2, 'bob', NULL);
