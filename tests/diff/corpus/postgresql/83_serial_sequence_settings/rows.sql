INSERT INTO issue (title) VALUES ('one'), ('two');
INSERT INTO note (body) VALUES ('first');
