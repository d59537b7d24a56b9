CREATE TEXT SEARCH DICTIONARY english_nostop (TEMPLATE = snowball, language = 'english');
CREATE TEXT SEARCH CONFIGURATION doc_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION doc_english ALTER MAPPING FOR asciiword, word WITH english_nostop;
CREATE TABLE doc (id integer, body text);
CREATE INDEX doc_body ON doc USING gin (to_tsvector('doc_english', body));
