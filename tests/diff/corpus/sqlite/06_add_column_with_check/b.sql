CREATE TABLE player (id INTEGER PRIMARY KEY, nick TEXT, score INTEGER CHECK (score >= 0));
