-- A batch's rows were marked published one by one once its Kafka transaction committed: a second version of every
-- row, and its WAL, for one bit. Now each row names the batch that stored it (batch_id) and the batch is marked once
-- (published_batches). A row is published when its published_at is set (rows stored before this change, and stored
-- events published again by a later batch) or its batch is marked.
CREATE TABLE published_batches (
    batch_id     TEXT PRIMARY KEY,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE explanations ADD COLUMN batch_id TEXT;
-- rows are no longer updated in place as a rule: pack new pages full again (V5 left room for the mark)
ALTER TABLE explanations SET (fillfactor = 100);
