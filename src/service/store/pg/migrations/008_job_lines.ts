/** As ../../migrations/008_job_lines.ts. */
export const sql = `
CREATE TABLE job_lines (
  job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  attempt     INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  line        TEXT NOT NULL,
  body        TEXT NOT NULL,
  worker      TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  PRIMARY KEY (job_id, attempt, seq)
);
`;
