INSERT INTO account VALUES (1, 'a@x');
