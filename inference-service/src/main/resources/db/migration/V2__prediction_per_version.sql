-- A prediction per (qid, model version): a question asked again of another version keeps both answers, and a
-- redelivered request (same request id) finds its stored answer instead of running the model again.
-- Requests no model answered (NO_MODEL, VERSION_UNAVAILABLE) are kept under the version ''.
ALTER TABLE predictions ADD COLUMN request_id TEXT;
UPDATE predictions SET request_id = request ->> 'id';
ALTER TABLE predictions ALTER COLUMN request_id SET NOT NULL;
UPDATE predictions SET model_version = '' WHERE model_version IS NULL;
ALTER TABLE predictions ALTER COLUMN model_version SET DEFAULT '';
ALTER TABLE predictions ALTER COLUMN model_version SET NOT NULL;
ALTER TABLE predictions DROP CONSTRAINT predictions_pkey;
ALTER TABLE predictions ADD PRIMARY KEY (qid, model_version);
ALTER TABLE predictions DROP CONSTRAINT predictions_status_check;
ALTER TABLE predictions ADD CONSTRAINT predictions_status_check
    CHECK (status IN ('PREDICTED', 'NO_MODEL', 'VERSION_UNAVAILABLE'));
ALTER TABLE predictions ADD COLUMN requested_version TEXT;
CREATE INDEX predictions_request_id ON predictions (request_id);
CREATE INDEX predictions_qid_updated ON predictions (qid, updated_at DESC);
