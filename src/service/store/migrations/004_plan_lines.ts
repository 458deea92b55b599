/**
 * A plan's lines in rows of their own, so that a re-plan stores only the lines it
 * changed: each row either holds its line (`source_plan_id` = its plan, `body` set) or
 * names the plan that holds it. `summary` is what lists show (manager, figures, visits
 * not placed, error), so that listing plans parses no line. Existing plans are split
 * here; their bodies keep the plan's head (horizon, figures, ratios).
 *
 * Superseded plans may now be deleted, by the retention policy only: the job row stays,
 * with `purged_at`, and a trigger refuses deleting a plan whose job does not have it.
 */
export const sql = `
CREATE TABLE plan_lines (
  plan_id        TEXT NOT NULL REFERENCES plans(id),
  line           TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  source_plan_id TEXT NOT NULL REFERENCES plans(id),
  summary        TEXT NOT NULL, -- JSON { manager, figures, notPlaced, error }
  body           TEXT,          -- JSON LinePlan, when source_plan_id = plan_id
  PRIMARY KEY (plan_id, line)
) WITHOUT ROWID;
CREATE INDEX plan_lines_by_source ON plan_lines(source_plan_id, line);

INSERT INTO plan_lines (plan_id, line, seq, source_plan_id, summary, body)
  SELECT p.id, json_extract(l.value, '$.line'), l.key, p.id,
         json_object('manager', json_extract(l.value, '$.manager'), 'figures', json(json_extract(l.value, '$.figures')),
                     'notPlaced', json_array_length(l.value, '$.notPlaced'), 'error', json_extract(l.value, '$.error')),
         l.value
  FROM plans p, json_each(p.body, '$.lines') l;

DROP TRIGGER plans_never_updated;
UPDATE plans SET body = json_remove(body, '$.lines');
CREATE TRIGGER plans_never_updated BEFORE UPDATE ON plans BEGIN SELECT RAISE(ABORT, 'plans are never overwritten'); END;

ALTER TABLE jobs ADD COLUMN purged_at TEXT; -- when the retention policy deleted this job's (superseded) plan
DROP TRIGGER plans_never_deleted;
CREATE TRIGGER plans_deleted_only_when_purged BEFORE DELETE ON plans
  WHEN (SELECT purged_at FROM jobs WHERE id = OLD.id) IS NULL
  BEGIN SELECT RAISE(ABORT, 'plans are never deleted, except superseded ones by the retention policy'); END;
-- A line's row never changes, except that a referring row may take over the body of a plan being deleted.
CREATE TRIGGER plan_lines_never_updated BEFORE UPDATE OF plan_id, line, seq, summary ON plan_lines
  BEGIN SELECT RAISE(ABORT, 'plans are never overwritten'); END;
CREATE TRIGGER plan_lines_body_kept BEFORE UPDATE OF body ON plan_lines WHEN OLD.body IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'plans are never overwritten'); END;

-- Retention: whether a plan has visit records, and visits by date.
CREATE INDEX visits_by_plan ON visits(plan_id);
CREATE INDEX visits_by_date ON visits(date);
`;
