CREATE TABLE "Order Items" ("Item Id" INTEGER PRIMARY KEY, "Unit Price" REAL, [qty] INTEGER, "Discount %" REAL DEFAULT 0);
