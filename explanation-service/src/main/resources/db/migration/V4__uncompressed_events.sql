-- The explanation event (about 4 KB, most of it the image's 36 detected boxes as 17-digit decimals) is stored out of
-- line without compression: pglz compressing it, and the program with its image's scene graph that rows held until
-- now, took more than half of the database's CPU during an ingest. The program column now holds the program without
-- the image's scene graph, boxes and grounding reference (ExplanationRepository.storedProgram): small, kept inline.
ALTER TABLE explanations ALTER COLUMN explanation SET STORAGE EXTERNAL;
