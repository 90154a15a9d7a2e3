-- Questions as ingested from rex.questions; the consumer upserts by qid (idempotent redelivery).
CREATE TABLE questions (
    qid                   TEXT PRIMARY KEY,
    image_id              TEXT        NOT NULL,
    split                 TEXT        NOT NULL,
    question              TEXT        NOT NULL,
    answer                TEXT,
    correlation_id        TEXT        NOT NULL,
    routed_to_explanation BOOLEAN     NOT NULL,
    routed_to_inference   BOOLEAN     NOT NULL,
    -- why the GQA program could not be abstracted (rex-gqa RejectionCode + detail); null when it was, or has none
    program_rejection     TEXT,
    event                 JSONB       NOT NULL,
    deliveries            INTEGER     NOT NULL DEFAULT 1,
    received_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX questions_image ON questions (image_id);
CREATE INDEX questions_split ON questions (split);
