-- Idle workers LISTEN on 'upload_jobs_ready' and claim at once instead of waiting for their next
-- poll. The trigger fires when a job becomes claimable now (an upload, a parser webhook making a
-- parked job due, a release, an immediate retry); PostgreSQL delivers it at commit and folds
-- identical notifications of one transaction into one. Jobs due later are found by the worker's
-- schedule-aware idle wait, and polling remains the fallback when the listener is disconnected.
CREATE OR REPLACE FUNCTION upload_pipeline.notify_job_ready() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state IN ('queued', 'retryable') AND NEW.next_attempt_at <= now() THEN
        PERFORM pg_notify('upload_jobs_ready', '');
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS upload_jobs_ready ON upload_pipeline.upload_jobs;
CREATE TRIGGER upload_jobs_ready
    AFTER INSERT OR UPDATE OF state, next_attempt_at ON upload_pipeline.upload_jobs
    FOR EACH ROW EXECUTE FUNCTION upload_pipeline.notify_job_ready();

-- A job waiting for the parser is parked, not failed: parked_at marks it so that the claim that
-- resumes it does not count an attempt.
ALTER TABLE upload_pipeline.upload_jobs ADD COLUMN IF NOT EXISTS parked_at timestamptz;

-- Set by the parser webhook (api-server) when it arrives while the job is still being worked on,
-- between the upload to the parser and parking: the park then makes the job due at once instead
-- of after the poll interval, so a fast parser's completion is never missed.
ALTER TABLE upload_pipeline.upload_jobs ADD COLUMN IF NOT EXISTS parser_finished_at timestamptz;
