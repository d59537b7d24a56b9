INSERT INTO ticket (id) VALUES (1);
INSERT INTO ticket VALUES (2, 'closed');
