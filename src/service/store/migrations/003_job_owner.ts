/**
 * Who asked for a job and who cancelled it: a key may have one job waiting, managers
 * leave room for planners, and a job can be cancelled while queued or running, and a restart resumes only
 * jobs queued recently. A
 * cancelled job is `failed` with the code JOB_CANCELLED (so it can be retried), and
 * these columns say by whom and when.
 */
export const sql = `
ALTER TABLE jobs ADD COLUMN key_id TEXT;       -- the key that asked for the job; NULL for the service's own (npm start)
ALTER TABLE jobs ADD COLUMN cancelled_by TEXT; -- a key id, or 'service' for a queued job not resumed after a restart
ALTER TABLE jobs ADD COLUMN cancelled_at TEXT;
ALTER TABLE jobs ADD COLUMN queued_at TEXT;    -- when it last entered the queue (created or retried): a restart resumes recent ones
UPDATE jobs SET queued_at = created_at;
CREATE INDEX jobs_by_key ON jobs(key_id, status);
`;
