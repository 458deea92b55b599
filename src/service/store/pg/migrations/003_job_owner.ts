/** As ../../migrations/003_job_owner.ts. */
export const sql = `
ALTER TABLE jobs ADD COLUMN key_id TEXT;
ALTER TABLE jobs ADD COLUMN cancelled_by TEXT;
ALTER TABLE jobs ADD COLUMN cancelled_at TEXT;
ALTER TABLE jobs ADD COLUMN queued_at TEXT;
UPDATE jobs SET queued_at = created_at;
CREATE INDEX jobs_by_key ON jobs(key_id, status);
`;
