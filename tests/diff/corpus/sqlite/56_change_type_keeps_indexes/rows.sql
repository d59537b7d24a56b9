INSERT INTO event VALUES (1, 3, '2024'), (2, 4, '2025');
