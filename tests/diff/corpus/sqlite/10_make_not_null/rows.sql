INSERT INTO account (id, name) VALUES (1, 'ann'), (2, 'bob'), (3, 'cid');
