-- A redelivered program is compared with the stored one by content (input_sha256: the program event without its
-- id), and published_at says whether the row's explanation event reached the broker: the same input delivered
-- again is neither explained nor published again (its stored event is published only if it never was).
ALTER TABLE explanations ADD COLUMN input_sha256 TEXT;
ALTER TABLE explanations ADD COLUMN published_at TIMESTAMPTZ;
