-- One row per metric computation of a (model version, split): queued by the debounce or by POST /api/evaluations,
-- then run, then COMPLETE (metrics computed), NO_REFERENCES (nothing to score yet) or FAILED (error says why).
-- Its metric table is evaluation_metrics: one row per metric, value NULL when not computed, the note saying why.
CREATE SEQUENCE evaluation_run_seq;

CREATE TABLE evaluation_runs (
    seq               BIGINT      NOT NULL UNIQUE,
    run_id            TEXT PRIMARY KEY,
    model_version     TEXT        NOT NULL,
    split             TEXT        NOT NULL,
    trigger           TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    prediction_count  BIGINT,
    reference_count   BIGINT,
    caption_items     INTEGER,
    empty_predictions INTEGER,
    no_reference      INTEGER,
    notes             JSONB,
    error             TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ
);
CREATE INDEX evaluation_runs_pair ON evaluation_runs (model_version, split, seq DESC);

CREATE TABLE evaluation_metrics (
    run_id   TEXT             NOT NULL REFERENCES evaluation_runs (run_id) ON DELETE CASCADE,
    position INTEGER          NOT NULL,
    metric   TEXT             NOT NULL,
    value    DOUBLE PRECISION,
    note     TEXT,
    PRIMARY KEY (run_id, metric)
);
