INSERT INTO post (title) VALUES ('a'), ('b');
