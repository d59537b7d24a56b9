CREATE TEXT SEARCH DICTIONARY english_stem_stop (TEMPLATE = snowball, language = 'english', stopwords = 'english');
CREATE TEXT SEARCH CONFIGURATION doc_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION doc_english ALTER MAPPING FOR asciiword WITH english_stem_stop;
CREATE TEXT SEARCH CONFIGURATION plain (COPY = simple);
CREATE TEXT SEARCH CONFIGURATION kept (COPY = simple);
CREATE TABLE doc (id integer, body text);
CREATE INDEX doc_body ON doc USING gin (to_tsvector('kept', body));
