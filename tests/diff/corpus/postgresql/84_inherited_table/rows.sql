INSERT INTO item VALUES (1, 'pen');
