CREATE TABLE artist (id INTEGER, name TEXT, PRIMARY KEY (id), UNIQUE (name));
CREATE TABLE album (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    artist_id INTEGER,
    title TEXT NOT NULL,
    FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE,
    CONSTRAINT album_title UNIQUE (artist_id, title)
);
