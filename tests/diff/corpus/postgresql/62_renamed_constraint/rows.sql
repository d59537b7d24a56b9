INSERT INTO account VALUES (1, 'a@x'), (2, NULL);
