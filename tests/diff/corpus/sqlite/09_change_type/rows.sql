INSERT INTO product VALUES (1, 100, 'pen'), (2, 250, 'ink');
