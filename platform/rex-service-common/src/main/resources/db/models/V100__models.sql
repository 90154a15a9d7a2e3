-- Checkpoints announced on rex.models (shared by training and inference; see dev.rex.service.ModelTable).
CREATE TABLE models (
    model_name TEXT        NOT NULL,
    version    TEXT        NOT NULL,
    location   TEXT        NOT NULL,
    sha256     CHAR(64)    NOT NULL,
    event      JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (model_name, version)
);
