CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE FUNCTION mood_rank(mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT CASE $1 WHEN 'sad' THEN 0 WHEN 'ok' THEN 1 ELSE 2 END$$;
CREATE FUNCTION mood_lt(mood, mood) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT mood_rank($1) < mood_rank($2)';
CREATE OPERATOR <<< (LEFTARG = mood, RIGHTARG = mood, FUNCTION = mood_lt, COMMUTATOR = >>>, NEGATOR = >>=);
