INSERT INTO book VALUES (1, 'a book', 10, '9780000000001');
INSERT INTO pen VALUES (2, 'a pen', 2, 'blue');
