-- Training runs started over REST (dev.rex.training.runs): one row per run, one per finished epoch.
-- Epochs are 1-based here and in the events (the library's are 0-based).
CREATE TABLE training_runs (
    id              TEXT PRIMARY KEY,
    status          TEXT        NOT NULL,   -- QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
    mode            TEXT        NOT NULL,
    model_name      TEXT        NOT NULL,
    request         JSONB       NOT NULL,   -- the POSTed configuration, as given
    out_dir         TEXT        NOT NULL,
    epochs          INTEGER     NOT NULL,
    train_samples   INTEGER,
    val_samples     INTEGER,
    steps_per_epoch INTEGER,
    global_step     BIGINT      NOT NULL DEFAULT 0,
    last_losses     JSONB       NOT NULL DEFAULT '{}',
    samples_per_second DOUBLE PRECISION,
    best_epoch      INTEGER,
    best_score      DOUBLE PRECISION,
    best_version    TEXT,
    message         TEXT,
    cancel_requested BOOLEAN    NOT NULL DEFAULT false,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX training_runs_status ON training_runs (status);

CREATE TABLE training_epochs (
    run_id             TEXT             NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
    epoch              INTEGER          NOT NULL,
    train_losses       JSONB            NOT NULL,  -- mean of each loss over the epoch's steps
    val_metrics        JSONB            NOT NULL,  -- empty when the epoch does not validate
    best               BOOLEAN          NOT NULL,
    checkpoint         TEXT             NOT NULL,
    seconds            DOUBLE PRECISION NOT NULL,
    samples_per_second DOUBLE PRECISION NOT NULL,
    created_at         TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, epoch)
);
