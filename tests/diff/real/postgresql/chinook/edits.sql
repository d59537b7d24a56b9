-- edit: a column with a check
ALTER TABLE album ADD COLUMN release_year integer CHECK (release_year > 1900);
-- edit: an index dropped and a column widened
DROP INDEX album_artist_id_idx;
ALTER TABLE customer ALTER COLUMN email TYPE varchar(120);
-- edit: a new table referencing another, and a view over it
CREATE TABLE review (review_id int PRIMARY KEY, track_id int NOT NULL REFERENCES track (track_id) ON DELETE CASCADE, stars int NOT NULL);
CREATE VIEW track_rating AS SELECT track_id, avg(stars) AS stars FROM review GROUP BY track_id;
