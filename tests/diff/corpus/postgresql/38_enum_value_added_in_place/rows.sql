INSERT INTO person VALUES (1, 'sad'), (2, 'happy');
