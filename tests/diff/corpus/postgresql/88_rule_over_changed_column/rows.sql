INSERT INTO account VALUES (1, 10, 'a'), (2, 20, 'b');
