-- The reference pipeline's schema (DESIGN.md §2). Applied once, in file-name order, by
-- MigrationRunner at service start; every statement is idempotent so concurrent starts are safe.
CREATE SCHEMA IF NOT EXISTS upload_pipeline;

-- One row per (user, file sha256): uploading the same bytes twice returns the first row.
CREATE TABLE IF NOT EXISTS upload_pipeline.documents (
    document_id    uuid        PRIMARY KEY,
    user_id        text        NOT NULL,
    filename       text        NOT NULL,
    mime           text        NOT NULL,
    size_bytes     bigint      NOT NULL CHECK (size_bytes > 0),
    sha256         text        NOT NULL,
    storage_path   text        NOT NULL,
    parsed_path    text,
    parsed_sha256  text,
    page_count     int,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_user_sha256_key UNIQUE (user_id, sha256)
);

-- The durable work queue. A worker owns a job while lease_expires_at is in the future; every
-- claim increments lease_token, and a stage commits only if the token is still the worker's
-- (fencing), so a worker that lost its lease cannot overwrite work another worker resumed.
CREATE TABLE IF NOT EXISTS upload_pipeline.upload_jobs (
    job_id               uuid        PRIMARY KEY,
    document_id          uuid        NOT NULL REFERENCES upload_pipeline.documents ON DELETE CASCADE,
    user_id              text        NOT NULL,
    correlation_id       uuid        NOT NULL,
    idempotency_key      text        NOT NULL UNIQUE,
    stage                text        NOT NULL CHECK (stage IN ('job_validated', 'parsing', 'parsed',
                             'parse_validated', 'chunking', 'chunks_buffered', 'embedding',
                             'embeddings_buffered', 'embedded')),
    state                text        NOT NULL CHECK (state IN ('queued', 'working', 'retryable', 'done', 'deadletter')),
    attempt_count        int         NOT NULL DEFAULT 0,
    retry_count          int         NOT NULL DEFAULT 0,
    payload              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_error_code      text,
    last_error_message   text,
    last_error_retryable boolean,
    next_attempt_at      timestamptz NOT NULL DEFAULT now(),
    claimed_by           text,
    lease_token          bigint      NOT NULL DEFAULT 0,
    lease_expires_at     timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    finished_at          timestamptz
);
CREATE INDEX IF NOT EXISTS upload_jobs_ready_idx
    ON upload_pipeline.upload_jobs (next_attempt_at) WHERE state IN ('queued', 'retryable');
CREATE INDEX IF NOT EXISTS upload_jobs_lease_idx
    ON upload_pipeline.upload_jobs (lease_expires_at) WHERE state = 'working';
CREATE INDEX IF NOT EXISTS upload_jobs_document_idx ON upload_pipeline.upload_jobs (document_id);

-- Chunks staged per (document, ordinal, chunker version): re-running chunking upserts, never duplicates.
CREATE TABLE IF NOT EXISTS upload_pipeline.document_chunk_buffer (
    chunk_id        uuid        NOT NULL UNIQUE,
    document_id     uuid        NOT NULL REFERENCES upload_pipeline.documents ON DELETE CASCADE,
    chunk_ordinal   int         NOT NULL,
    chunker_version text        NOT NULL,
    content         text        NOT NULL,
    content_sha256  text        NOT NULL,
    token_count     int         NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, chunk_ordinal, chunker_version)
);

-- Vectors staged per (chunk, embedding model).
CREATE TABLE IF NOT EXISTS upload_pipeline.document_vector_buffer (
    chunk_id        uuid        NOT NULL REFERENCES upload_pipeline.document_chunk_buffer (chunk_id) ON DELETE CASCADE,
    embedding_model text        NOT NULL,
    document_id     uuid        NOT NULL REFERENCES upload_pipeline.documents ON DELETE CASCADE,
    embedding       real[]      NOT NULL,
    dimensions      int         NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chunk_id, embedding_model)
);

-- The final vectors, written in one transaction when the job reaches `embedded`.
CREATE TABLE IF NOT EXISTS upload_pipeline.document_chunks (
    chunk_id        uuid        PRIMARY KEY,
    document_id     uuid        NOT NULL REFERENCES upload_pipeline.documents ON DELETE CASCADE,
    chunk_ordinal   int         NOT NULL,
    chunker_version text        NOT NULL,
    embedding_model text        NOT NULL,
    content         text        NOT NULL,
    token_count     int         NOT NULL,
    embedding       real[]      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_chunks_natural_key UNIQUE (document_id, chunk_ordinal, chunker_version, embedding_model)
);

-- The audit trail: every transition, retry, error and recovery, with the job's correlation id.
CREATE TABLE IF NOT EXISTS upload_pipeline.events (
    event_id       bigserial   PRIMARY KEY,
    job_id         uuid,
    document_id    uuid,
    correlation_id uuid        NOT NULL,
    event_type     text        NOT NULL,
    stage          text,
    state          text,
    worker_id      text,
    detail         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS events_job_idx ON upload_pipeline.events (job_id, event_id);
CREATE INDEX IF NOT EXISTS events_correlation_idx ON upload_pipeline.events (correlation_id);
