INSERT INTO doc VALUES (1, '{a,b}', '{"k": 1}'), (2, '{}', NULL);
