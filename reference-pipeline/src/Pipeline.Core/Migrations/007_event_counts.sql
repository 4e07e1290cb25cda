-- The metrics scrape reports how many stage transitions and retries the audit trail holds
-- (pipeline_stage_transitions_total, pipeline_job_retries_total). Counted on every scrape, they
-- would cost more the longer the trail grows; these counters are kept by a trigger in the
-- transaction that writes each event, so a scrape reads a few rows whatever the trail's length.
CREATE TABLE IF NOT EXISTS upload_pipeline.event_counts (
    event_type text   NOT NULL,
    stage      text   NOT NULL,  -- '' for an event without a stage
    count      bigint NOT NULL,
    PRIMARY KEY (event_type, stage)
);

CREATE OR REPLACE FUNCTION upload_pipeline.count_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO upload_pipeline.event_counts (event_type, stage, count)
    VALUES (NEW.event_type, coalesce(NEW.stage, ''), 1)
    ON CONFLICT (event_type, stage) DO UPDATE SET count = upload_pipeline.event_counts.count + 1;
    RETURN NULL;
END
$$;

-- No event is written while the trigger is created and the trail counted, so each is counted
-- exactly once: by the count below or by the trigger.
LOCK TABLE upload_pipeline.events IN SHARE ROW EXCLUSIVE MODE;
DROP TRIGGER IF EXISTS events_counted ON upload_pipeline.events;
CREATE TRIGGER events_counted
    AFTER INSERT ON upload_pipeline.events
    FOR EACH ROW WHEN (NEW.event_type IN ('stage_transition', 'retry_scheduled'))
    EXECUTE FUNCTION upload_pipeline.count_event();
INSERT INTO upload_pipeline.event_counts (event_type, stage, count)
SELECT event_type, coalesce(stage, ''), count(*)
FROM upload_pipeline.events
WHERE event_type IN ('stage_transition', 'retry_scheduled')
GROUP BY event_type, coalesce(stage, '')
ON CONFLICT (event_type, stage) DO UPDATE SET count = EXCLUDED.count;

-- Stage durations read only the last hour's transitions: found by this index, not by a scan of the trail.
CREATE INDEX IF NOT EXISTS events_type_time_idx ON upload_pipeline.events (event_type, created_at);
