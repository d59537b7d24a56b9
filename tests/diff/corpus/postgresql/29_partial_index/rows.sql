INSERT INTO job VALUES (1, 'done', '2024-01-01'), (2, 'open', NULL);
