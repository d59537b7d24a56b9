INSERT INTO customer VALUES (1), (2);
INSERT INTO orders VALUES (1, 1), (2, 1), (3, 2);
