INSERT INTO author VALUES (1, 'le guin'), (2, 'pratchett');
INSERT INTO book VALUES (1, 1, 'the dispossessed'), (2, 2, 'mort'), (3, NULL, 'anonymous');
