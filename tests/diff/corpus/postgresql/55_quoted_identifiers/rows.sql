INSERT INTO "User Account" VALUES (1, 'Ann Smith');
