-- Set-aside jobs are looked up whenever a dependency proves healthy (SetAsideJobs.ReviveAsync):
-- a small partial index keeps that lookup cheap however many finished jobs the table holds.
CREATE INDEX IF NOT EXISTS upload_jobs_set_aside_idx
    ON upload_pipeline.upload_jobs (updated_at) WHERE state = 'deadletter';
