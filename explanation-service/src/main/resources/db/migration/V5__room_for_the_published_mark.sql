-- Each row is written twice: stored with published_at NULL in the batch's transaction, then marked once the batch's
-- Kafka transaction committed. Rows were packed into full pages, so every mark wrote a new row version on another
-- page and a new entry in each of the table's indexes. With room left in each page the mark is a heap-only update
-- (published_at is in no index): the new version stays on its page and no index is touched.
ALTER TABLE explanations SET (fillfactor = 70);
