INSERT INTO "Order Items" VALUES (1, 10, 2), (2, 20, 1);
