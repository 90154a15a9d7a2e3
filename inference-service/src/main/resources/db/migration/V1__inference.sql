-- Inference requests and their predictions, upserted by qid (the models table is the shared migration db/models).
CREATE TABLE predictions (
    qid            TEXT PRIMARY KEY,
    image_id       TEXT        NOT NULL,
    split          TEXT,
    status         TEXT        NOT NULL CHECK (status IN ('PREDICTED', 'NO_MODEL')),
    model_version  TEXT,
    correlation_id TEXT        NOT NULL,
    request        JSONB       NOT NULL,
    prediction     JSONB       NOT NULL,
    deliveries     INTEGER     NOT NULL DEFAULT 1,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
