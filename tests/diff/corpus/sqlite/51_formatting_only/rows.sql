INSERT INTO account VALUES (1, 'ann', NULL);
