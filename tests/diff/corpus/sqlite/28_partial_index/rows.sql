INSERT INTO ticket VALUES (1, 'open', '2024-01-01'), (2, 'pending', '2024-01-02'), (3, 'closed', '2024-01-03');
