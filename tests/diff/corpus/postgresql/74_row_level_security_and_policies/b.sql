CREATE TABLE note (id integer, owner text, body text);
ALTER TABLE note ENABLE ROW LEVEL SECURITY;
CREATE POLICY note_owner ON note FOR SELECT USING (owner = current_user);
CREATE POLICY note_insert ON note AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (owner = current_user);
