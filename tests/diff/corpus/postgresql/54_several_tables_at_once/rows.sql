INSERT INTO account VALUES (1, 'ann'), (2, 'bob');
INSERT INTO old_log VALUES (1, 'x');
INSERT INTO setting VALUES ('a', '1'), ('b', '2');
