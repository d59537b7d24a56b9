CREATE TEXT SEARCH TEMPLATE word_template (LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE word_template IS 'no INIT';
CREATE TEXT SEARCH DICTIONARY a_dict (TEMPLATE = word_template);
CREATE TEXT SEARCH PARSER word_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
COMMENT ON TEXT SEARCH PARSER word_parser IS 'with headlines';
CREATE TEXT SEARCH CONFIGURATION a_config (PARSER = word_parser);
ALTER TEXT SEARCH CONFIGURATION a_config ADD MAPPING FOR asciiword WITH a_dict;
CREATE TABLE doc (id integer, body text);
