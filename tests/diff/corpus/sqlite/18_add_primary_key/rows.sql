INSERT INTO tag VALUES ('a', 'A'), ('b', NULL);
