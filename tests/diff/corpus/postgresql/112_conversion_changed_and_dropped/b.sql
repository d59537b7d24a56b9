CREATE TABLE message (id integer, body text);
CREATE DEFAULT CONVERSION latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION latin1_utf8 IS 'Latin-1 in, by default';
CREATE DEFAULT CONVERSION utf8_latin1 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
COMMENT ON CONVERSION utf8_latin1 IS 'Latin-1 out';
