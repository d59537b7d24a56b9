INSERT INTO account VALUES (1, 'Ann@x'), (2, 'bob@x');
