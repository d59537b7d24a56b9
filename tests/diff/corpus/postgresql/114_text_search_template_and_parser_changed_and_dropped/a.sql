CREATE TEXT SEARCH TEMPLATE word_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY a_dict (TEMPLATE = word_template);
CREATE TEXT SEARCH PARSER word_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype);
COMMENT ON TEXT SEARCH PARSER word_parser IS 'no headlines';
CREATE TEXT SEARCH CONFIGURATION a_config (PARSER = word_parser);
ALTER TEXT SEARCH CONFIGURATION a_config ADD MAPPING FOR asciiword WITH a_dict;
CREATE TEXT SEARCH TEMPLATE old_template (LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE old_template IS 'unused';
CREATE TEXT SEARCH PARSER old_parser (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype);
CREATE TABLE doc (id integer, body text);
