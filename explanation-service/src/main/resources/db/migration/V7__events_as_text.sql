-- The program and the explanation event are written by this service's event codec and only ever read back whole
-- (REST, republishing): the json type's check parsed every one of them again on insert, about 5 KB per question.
ALTER TABLE explanations ALTER COLUMN program TYPE text USING program::text;
ALTER TABLE explanations ALTER COLUMN explanation TYPE text USING explanation::text;
-- a type change resets the column's storage to the type's default (compressed): out of line, uncompressed, as in V4
ALTER TABLE explanations ALTER COLUMN explanation SET STORAGE EXTERNAL;
