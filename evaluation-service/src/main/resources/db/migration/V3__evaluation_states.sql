-- Evaluation states a dashboard lives on (rex.evaluations, schema version 2): the latest event per (model version,
-- split), the counts a run saw (expected references, missing predictions) and the model's name; the training
-- progress seen on rex.training.progress (the dashboard's curves). The V1 table of per-run-id events is replaced.
DROP TABLE evaluations;

ALTER TABLE evaluation_runs ADD COLUMN model_name TEXT;
ALTER TABLE evaluation_runs ADD COLUMN expected_count BIGINT;
ALTER TABLE evaluation_runs ADD COLUMN missing_count BIGINT;

CREATE TABLE evaluation_states (
    model_version TEXT        NOT NULL,
    split         TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    event         JSONB       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (model_version, split)
);

CREATE TABLE training_progress (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    TEXT        NOT NULL UNIQUE,
    run_id      TEXT        NOT NULL,
    model_name  TEXT        NOT NULL,
    phase       TEXT        NOT NULL,
    event       JSONB       NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX training_progress_run ON training_progress (run_id, seq);

CREATE INDEX reference_explanations_split ON reference_explanations (split);
