CREATE TYPE status AS ENUM ('draft', 'published', 'archived');
CREATE TABLE post (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'draft', history status[]);
CREATE VIEW live_posts AS SELECT id FROM post WHERE status = 'published';
