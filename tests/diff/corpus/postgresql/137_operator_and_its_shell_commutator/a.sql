CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE FUNCTION mood_rank(mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT CASE $1 WHEN 'sad' THEN 0 WHEN 'ok' THEN 1 ELSE 2 END$$;
