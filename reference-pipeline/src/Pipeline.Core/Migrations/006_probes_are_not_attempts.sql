-- A set-aside job sent back to work as a probe of its dependency (SetAsideJobs.ReviveAsync with
-- probe) carries the dependency it probes until it is claimed. That claim is not an attempt of
-- the job: the probe asks whether the dependency is healthy again, and an outage of any length
-- must not inflate the job's attempts. The claim clears it and hands it to the worker, which
-- logs a probe that finds its dependency still down as information, not as a new error.
ALTER TABLE upload_pipeline.upload_jobs ADD COLUMN IF NOT EXISTS probe_of text;
