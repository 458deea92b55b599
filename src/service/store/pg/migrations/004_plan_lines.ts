/**
 * As ../../migrations/004_plan_lines.ts: json_each and json_extract become
 * json_array_elements WITH ORDINALITY and ->, ->>; the triggers become plpgsql functions
 * (a WHEN clause where SQLite had one).
 */
export const sql = `
CREATE TABLE plan_lines (
  plan_id        TEXT NOT NULL REFERENCES plans(id),
  line           TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  source_plan_id TEXT NOT NULL REFERENCES plans(id),
  summary        TEXT NOT NULL,
  body           TEXT,
  PRIMARY KEY (plan_id, line)
);
CREATE INDEX plan_lines_by_source ON plan_lines(source_plan_id, line);

INSERT INTO plan_lines (plan_id, line, seq, source_plan_id, summary, body)
  SELECT p.id, l.value->>'line', l.ord - 1, p.id,
         json_build_object('manager', l.value->'manager', 'figures', l.value->'figures',
                           'notPlaced', json_array_length(l.value->'notPlaced'), 'error', l.value->'error')::text,
         l.value::text
  FROM plans p, json_array_elements(p.body::json->'lines') WITH ORDINALITY AS l(value, ord);

DROP TRIGGER plans_never_updated ON plans;
UPDATE plans SET body = (body::jsonb - 'lines')::text WHERE body::jsonb ? 'lines';
CREATE TRIGGER plans_never_updated BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION plans_never_overwritten();

ALTER TABLE jobs ADD COLUMN purged_at TEXT;
DROP TRIGGER plans_never_deleted ON plans;
CREATE FUNCTION plans_deleted_only_when_purged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT purged_at FROM jobs WHERE id = OLD.id) IS NULL THEN
    RAISE EXCEPTION 'plans are never deleted, except superseded ones by the retention policy';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER plans_deleted_only_when_purged BEFORE DELETE ON plans FOR EACH ROW EXECUTE FUNCTION plans_deleted_only_when_purged();
CREATE TRIGGER plan_lines_never_updated BEFORE UPDATE OF plan_id, line, seq, summary ON plan_lines
  FOR EACH ROW EXECUTE FUNCTION plans_never_overwritten();
CREATE TRIGGER plan_lines_body_kept BEFORE UPDATE OF body ON plan_lines
  FOR EACH ROW WHEN (OLD.body IS NOT NULL) EXECUTE FUNCTION plans_never_overwritten();

CREATE INDEX visits_by_plan ON visits(plan_id);
CREATE INDEX visits_by_date ON visits(date);
`;
