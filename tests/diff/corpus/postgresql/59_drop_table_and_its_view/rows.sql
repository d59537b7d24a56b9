INSERT INTO account VALUES (1, 'ann'), (2, 'bob');
INSERT INTO legacy VALUES (1, 1);
