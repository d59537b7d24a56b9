INSERT INTO tag VALUES (1, 'a'), (2, 'b');
