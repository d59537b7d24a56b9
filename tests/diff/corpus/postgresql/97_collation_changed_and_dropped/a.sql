CREATE COLLATION french (provider = icu, locale = 'fr');
CREATE COLLATION bytes (provider = libc, locale = 'C');
CREATE TABLE label (id integer, text_c text COLLATE bytes);
