CREATE TABLE tag (id integer, label text);
