CREATE TABLE event (id integer, kind text, payload text);
