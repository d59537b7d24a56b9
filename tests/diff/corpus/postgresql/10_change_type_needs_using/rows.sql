INSERT INTO reading VALUES (1, '1.50', '2024-01-02'), (2, '20', NULL);
