-- References from rex.explanations (by qid), scored predictions from rex.predictions (by model version and qid),
-- predictions made without a model (kept, never scored), and one metric table per (model version, split) run.
CREATE TABLE reference_explanations (
    qid         TEXT PRIMARY KEY,
    split       TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    explanation JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE predictions (
    model_version TEXT        NOT NULL,
    qid           TEXT        NOT NULL,
    split         TEXT        NOT NULL,
    prediction    JSONB       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (model_version, qid)
);
CREATE INDEX predictions_run ON predictions (model_version, split);

CREATE TABLE unscored_predictions (
    qid        TEXT PRIMARY KEY,
    prediction JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE evaluations (
    run_id        TEXT PRIMARY KEY,
    model_version TEXT        NOT NULL,
    split         TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    event         JSONB       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
