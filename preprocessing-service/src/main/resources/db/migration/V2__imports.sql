-- Bulk imports (POST /api/imports): accepted work survives a restart; unfinished imports are resumed at start-up.
CREATE SEQUENCE import_ids;
CREATE TABLE imports (
    id             TEXT PRIMARY KEY,
    state          TEXT        NOT NULL,
    request        JSONB       NOT NULL,
    correlation_id TEXT        NOT NULL,
    status         JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX imports_state ON imports (state);
