/**
 * A plan job's finished lines, one row per line and attempt, written by the queue's
 * planner workers (PostgreSQL, jobs/queue/): the plan is merged from them once the last
 * is in. The primary key is what keeps a line that two workers ran (a lease that ran out
 * on a slow worker) from appearing twice. SQLite's in-process runner never writes it;
 * the table is here so that both stores keep the same schema versions.
 */
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
