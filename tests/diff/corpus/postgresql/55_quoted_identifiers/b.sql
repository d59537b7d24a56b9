CREATE TABLE "User Account" ("ID" integer PRIMARY KEY, "Full Name" varchar(100) NOT NULL, "select" text);
CREATE INDEX "IX Name" ON "User Account" ("Full Name");
CREATE TYPE "Colour" AS ENUM ('Red', 'it''s blue');
CREATE TABLE "Paint" (id integer PRIMARY KEY, c "Colour");
