CREATE TABLE "Order Items" ("Item Id" INTEGER PRIMARY KEY, "Unit Price" INTEGER, [qty] INTEGER);
