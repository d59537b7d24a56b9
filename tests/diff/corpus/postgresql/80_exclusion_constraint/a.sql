CREATE TABLE booking (room integer NOT NULL, during tstzrange NOT NULL);
