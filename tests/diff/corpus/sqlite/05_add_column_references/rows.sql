INSERT INTO team VALUES (1, 'red');
INSERT INTO member VALUES (1, 'ann'), (2, 'bob');
