CREATE TABLE booking (room integer NOT NULL, during tstzrange NOT NULL, CONSTRAINT booking_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0));
CREATE TABLE closure (during tstzrange NOT NULL, EXCLUDE USING gist (during WITH &&));
