CREATE COLLATION french (provider = icu, locale = 'fr-CA');
CREATE TABLE label (id integer, text_c text);
