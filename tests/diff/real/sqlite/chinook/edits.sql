-- edit: a column added
ALTER TABLE [Album] ADD COLUMN [ReleaseYear] INTEGER;
-- edit: a new table referencing another, with its index
CREATE TABLE [Review] ([ReviewId] INTEGER NOT NULL, [TrackId] INTEGER NOT NULL, [Stars] INTEGER NOT NULL, CONSTRAINT [PK_Review] PRIMARY KEY ([ReviewId]), FOREIGN KEY ([TrackId]) REFERENCES [Track] ([TrackId]) ON DELETE CASCADE);
CREATE INDEX [IFK_ReviewTrackId] ON [Review] ([TrackId]);
-- edit: an index dropped and a view added
DROP INDEX [IFK_AlbumArtistId];
CREATE VIEW [AlbumTitles] AS SELECT [Album].[Title], [Artist].[Name] FROM [Album] JOIN [Artist] USING ([ArtistId]);
