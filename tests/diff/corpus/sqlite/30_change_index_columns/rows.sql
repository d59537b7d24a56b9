INSERT INTO ticket VALUES (1, 'open', '2024-01-01');
