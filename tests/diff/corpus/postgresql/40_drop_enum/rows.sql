INSERT INTO person VALUES (1, 'sad');
