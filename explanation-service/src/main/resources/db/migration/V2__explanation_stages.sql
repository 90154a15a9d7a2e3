-- One record per question with the chain's output at every stage (issue 7), or its drop / rejection.
-- seq: first-arrival order (kept by the upsert), the order `rex dataset export --from-db` writes in, so that the
-- corpus vocabularies and dictionaries come out in the same first-appearance order as `rex dataset build`.
ALTER TABLE explanations ADD COLUMN seq BIGSERIAL;
ALTER TABLE explanations ADD COLUMN answer TEXT;
-- the abstracted program as rex-gqa's AbstractStep list (simplified_semantics_{split}.json)
ALTER TABLE explanations ADD COLUMN semantics JSONB;
ALTER TABLE explanations ADD COLUMN raw_explanation TEXT;
ALTER TABLE explanations ADD COLUMN processed_explanation TEXT;
ALTER TABLE explanations ADD COLUMN grounded_explanation TEXT;
ALTER TABLE explanations ADD COLUMN converted_explanation TEXT;
-- a deliberate drop of the original (DIRECTION, ERROR, SCENE, EMPTY, FINAL_ERROR): status DROPPED
ALTER TABLE explanations ADD COLUMN drop_reason TEXT;
ALTER TABLE explanations ADD COLUMN rejection_stage TEXT;
ALTER TABLE explanations ADD COLUMN rejection_code TEXT;
ALTER TABLE explanations ADD COLUMN rejection_detail TEXT;
ALTER TABLE explanations DROP CONSTRAINT explanations_status_check;
ALTER TABLE explanations ADD CONSTRAINT explanations_status_check
    CHECK (status IN ('PENDING', 'EXPLAINED', 'REJECTED', 'DROPPED'));
CREATE INDEX explanations_seq ON explanations (seq);
