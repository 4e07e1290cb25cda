-- The paid providers' spend ledger: one row per call, reserved before it is made and settled from
-- the provider's own usage figures (OpenAI usage.total_tokens, LlamaParse job_metadata credits).
-- A reservation is refused (and recorded as refused) when it would take the run's spend past the cap.
CREATE TABLE IF NOT EXISTS upload_pipeline.provider_spend (
    spend_id        bigserial PRIMARY KEY,
    run_id          text        NOT NULL,
    provider        text        NOT NULL CHECK (provider IN ('llamaparse', 'openai')),
    job_id          uuid,
    status          text        NOT NULL CHECK (status IN ('reserved', 'settled', 'released', 'refused')),
    estimated_usd   numeric(14, 8) NOT NULL,
    actual_usd      numeric(14, 8),
    cap_usd         numeric(14, 8) NOT NULL,
    units           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    settled_at      timestamptz
);
CREATE INDEX IF NOT EXISTS provider_spend_run ON upload_pipeline.provider_spend (run_id, provider);
