-- position: the question's index in the file an import read it from (null for questions posted over REST); the
-- export writes each import's rows in this order, whatever partition or replica stored them first.
ALTER TABLE explanations ADD COLUMN position BIGINT;

-- The per-image gender state of the original, per split: what same/different on gender appended to the attributes
-- of the image's objects (object id -> values, in order), saved with the rows of the batch that changed it, so that a
-- restarted or another replica continues it. appends (the number of values) only grows: an older state never
-- overwrites a newer one.
CREATE TABLE image_states (
    split      TEXT        NOT NULL,
    image_id   TEXT        NOT NULL,
    appended   JSONB       NOT NULL,
    appends    INTEGER     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (split, image_id)
);

-- The program (with its image's scene graph and boxes) and the explanation event are kept as received and published,
-- for the REST API; nothing queries inside them, so json (checked, stored as text) instead of jsonb: no conversion
-- of every program to jsonb's binary form on insert.
ALTER TABLE explanations ALTER COLUMN program TYPE json USING program::json;
ALTER TABLE explanations ALTER COLUMN explanation TYPE json USING explanation::json;
