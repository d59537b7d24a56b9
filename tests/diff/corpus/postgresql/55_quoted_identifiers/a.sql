CREATE TABLE "User Account" ("ID" integer PRIMARY KEY, "Full Name" text);
