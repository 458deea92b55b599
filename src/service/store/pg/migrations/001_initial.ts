/**
 * The first schema, as ../../migrations/001_initial.ts in PostgreSQL's dialect. Bodies are
 * TEXT as in SQLite, not jsonb: a day's body is served byte for byte (its ETag), and
 * queries that read into a body cast it to json, which keeps its text and key order.
 * `rowid` (an identity column, last so that positional inserts leave it out) is SQLite's
 * rowid: insertion order, the tie-break of lists ordered by a timestamp.
 */
export const sql = `
CREATE TABLE datasets (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  files      TEXT NOT NULL,
  policy     TEXT NOT NULL,
  calendar   TEXT NOT NULL,
  warnings   TEXT NOT NULL,
  rowid      BIGINT GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE dataset_lines (
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  line       TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  body       TEXT NOT NULL,
  PRIMARY KEY (dataset_id, line)
);

CREATE TABLE dataset_retailers (
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  retailer   TEXT NOT NULL,
  line       TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  body       TEXT NOT NULL,
  PRIMARY KEY (dataset_id, retailer)
);
CREATE INDEX dataset_retailers_by_line ON dataset_retailers(dataset_id, line);

CREATE TABLE jobs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('plan', 'replan')),
  dataset_id     TEXT NOT NULL REFERENCES datasets(id),
  parent_plan_id TEXT REFERENCES jobs(id),
  request        TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  lines_done     INTEGER NOT NULL DEFAULT 0,
  lines_total    INTEGER NOT NULL DEFAULT 0,
  error_code     TEXT,
  error          TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  started_at     TEXT,
  finished_at    TEXT,
  rowid          BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX jobs_by_status ON jobs(status);

CREATE TABLE plans (
  id         TEXT PRIMARY KEY REFERENCES jobs(id),
  dataset_id TEXT NOT NULL REFERENCES datasets(id),
  start      TEXT NOT NULL,
  weeks      INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  body       TEXT NOT NULL,
  rowid      BIGINT GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE plan_days (
  plan_id        TEXT NOT NULL REFERENCES plans(id),
  line           TEXT NOT NULL,
  date           TEXT NOT NULL,
  planned_visits INTEGER NOT NULL,
  retailers      TEXT NOT NULL,
  etag           TEXT NOT NULL,
  body           TEXT NOT NULL,
  PRIMARY KEY (plan_id, line, date)
);

-- Plans are kept by id and never overwritten (SQLite's RAISE(ABORT) triggers).
CREATE FUNCTION plans_never_overwritten() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'plans are never overwritten'; END $$;
CREATE FUNCTION plans_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'plans are never deleted'; END $$;
CREATE TRIGGER plans_never_updated BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION plans_never_overwritten();
CREATE TRIGGER plans_never_deleted BEFORE DELETE ON plans FOR EACH ROW EXECUTE FUNCTION plans_never_deleted();
CREATE TRIGGER plan_days_never_updated BEFORE UPDATE ON plan_days FOR EACH ROW EXECUTE FUNCTION plans_never_overwritten();
-- Row triggers do not see TRUNCATE, which SQLite does not have.
CREATE TRIGGER plans_never_truncated BEFORE TRUNCATE ON plans FOR EACH STATEMENT EXECUTE FUNCTION plans_never_deleted();

CREATE TABLE visits (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
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
