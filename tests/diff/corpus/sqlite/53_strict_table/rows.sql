INSERT INTO metric VALUES (1, 'cpu', 0.5), (2, 'mem', 12.0);
