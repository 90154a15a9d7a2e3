-- Programs received from rex.programs and the GQA-REX explanation produced for each; upserted by qid.
CREATE TABLE explanations (
    qid            TEXT PRIMARY KEY,
    image_id       TEXT        NOT NULL,
    split          TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('PENDING', 'EXPLAINED', 'REJECTED')),
    correlation_id TEXT        NOT NULL,
    program        JSONB       NOT NULL,
    explanation    JSONB       NOT NULL,
    deliveries     INTEGER     NOT NULL DEFAULT 1,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX explanations_split_status ON explanations (split, status);
