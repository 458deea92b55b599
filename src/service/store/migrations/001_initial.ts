/**
 * The first schema. Bodies that are read whole (a plan, a day's payload, a dataset's
 * rows) are JSON text; the columns beside them are what queries filter on.
 */
export const sql = `
CREATE TABLE datasets (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  files      TEXT NOT NULL, -- JSON: the uploaded file names
  policy     TEXT NOT NULL, -- JSON Policy
  calendar   TEXT NOT NULL, -- JSON Calendar
  warnings   TEXT NOT NULL  -- JSON ImportProblem[]
);

CREATE TABLE dataset_lines (
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  line       TEXT NOT NULL,
  seq        INTEGER NOT NULL, -- order in the uploaded file
  body       TEXT NOT NULL,    -- JSON Line
  PRIMARY KEY (dataset_id, line)
) WITHOUT ROWID;

CREATE TABLE dataset_retailers (
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  retailer   TEXT NOT NULL,
  line       TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  body       TEXT NOT NULL, -- JSON Retailer
  PRIMARY KEY (dataset_id, retailer)
) WITHOUT ROWID;
CREATE INDEX dataset_retailers_by_line ON dataset_retailers(dataset_id, line);

-- A plan job; its plan, once made, has the same id.
CREATE TABLE jobs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('plan', 'replan')),
  dataset_id     TEXT NOT NULL REFERENCES datasets(id),
  parent_plan_id TEXT REFERENCES jobs(id),
  request        TEXT NOT NULL, -- JSON: start, weeks, seed, timeLimitMs, lines, blocked
  status         TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  lines_done     INTEGER NOT NULL DEFAULT 0,
  lines_total    INTEGER NOT NULL DEFAULT 0,
  error_code     TEXT,
  error          TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  started_at     TEXT,
  finished_at    TEXT
);
CREATE INDEX jobs_by_status ON jobs(status);

CREATE TABLE plans (
  id         TEXT PRIMARY KEY REFERENCES jobs(id),
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  start      TEXT NOT NULL,
  weeks      INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  body       TEXT NOT NULL -- JSON Plan
);

-- A manager's day as the phone receives it, built once when the plan is stored.
CREATE TABLE plan_days (
  plan_id        TEXT NOT NULL REFERENCES plans(id),
  line           TEXT NOT NULL,
  date           TEXT NOT NULL,
  planned_visits INTEGER NOT NULL,
  retailers      TEXT NOT NULL, -- JSON string[]: the retailers planned that day, any mode
  etag           TEXT NOT NULL,
  body           TEXT NOT NULL, -- JSON day payload
  PRIMARY KEY (plan_id, line, date)
) WITHOUT ROWID;

-- Plans are kept by id and never overwritten.
CREATE TRIGGER plans_never_updated BEFORE UPDATE ON plans BEGIN SELECT RAISE(ABORT, 'plans are never overwritten'); END;
CREATE TRIGGER plans_never_deleted BEFORE DELETE ON plans BEGIN SELECT RAISE(ABORT, 'plans are never deleted'); END;
CREATE TRIGGER plan_days_never_updated BEFORE UPDATE ON plan_days BEGIN SELECT RAISE(ABORT, 'plans are never overwritten'); END;

CREATE TABLE visits (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE, -- the client's id (retries are idempotent) or one the server made
  dataset_id  TEXT NOT NULL REFERENCES datasets(id),
  plan_id     TEXT NOT NULL REFERENCES plans(id),
  line        TEXT NOT NULL,
  retailer    TEXT NOT NULL,
  date        TEXT NOT NULL,
  mode        TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('done', 'failed', 'unplanned')),
  reason      TEXT,
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  received_at TEXT NOT NULL,
  key_id      TEXT NOT NULL
);
CREATE INDEX visits_by_day ON visits(dataset_id, line, date);
`;
