-- The training corpus collected from rex.explanations, upserted by qid (the models table is the shared migration db/models).
CREATE TABLE training_examples (
    qid            TEXT PRIMARY KEY,
    split          TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    correlation_id TEXT        NOT NULL,
    explanation    JSONB       NOT NULL,
    deliveries     INTEGER     NOT NULL DEFAULT 1,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX training_examples_split_status ON training_examples (split, status);
