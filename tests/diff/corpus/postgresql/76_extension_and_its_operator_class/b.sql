CREATE EXTENSION btree_gist;
CREATE TABLE booking (id integer, room integer);
CREATE INDEX booking_room ON booking USING gist (room);
