INSERT INTO account VALUES (1, 'ann', 'a'), (2, 'bob', 'b');
