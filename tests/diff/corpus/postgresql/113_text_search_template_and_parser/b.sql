CREATE TABLE doc (id integer, body text);
-- Named so that the dictionary and the configuration sort before what they use.
CREATE TEXT SEARCH TEMPLATE word_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE word_template IS 'lower-cased words';
CREATE TEXT SEARCH DICTIONARY a_dict (TEMPLATE = word_template, STOPWORDS = english);
CREATE TEXT SEARCH PARSER word_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
COMMENT ON TEXT SEARCH PARSER word_parser IS 'the default parser, again';
CREATE TEXT SEARCH CONFIGURATION a_config (PARSER = word_parser);
ALTER TEXT SEARCH CONFIGURATION a_config ADD MAPPING FOR asciiword, word WITH a_dict;
CREATE INDEX doc_body ON doc USING gin (to_tsvector('a_config', body));
