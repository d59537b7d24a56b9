INSERT INTO ticket VALUES (1, 'done', 2);
