INSERT INTO reading VALUES (101, 5), (7, 3);
