CREATE TABLE author (id integer PRIMARY KEY);
CREATE TABLE book (id integer PRIMARY KEY, author_id integer, CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id));
