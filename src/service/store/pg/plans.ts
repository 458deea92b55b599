import type { LinePlan, Plan, PlanFigures } from '../../../domain/plan.ts';
import { etagOf, type DayRow } from '../../plans/dayView.ts';
import type { Plans } from '../interfaces.ts';
import { summaryOf, withPlanId, type LineSummary, type PlanMeta, type PlanSummary, type StoredPlan } from '../plans.ts';
import { transaction, type Pool, type Queryable } from './db.ts';

type PlanHead = Omit<Plan, 'lines'>;

/** Days per INSERT when a plan is stored (a four-week city plan has 2,100). */
const DAYS_PER_INSERT = 500;

const SOURCE = 'FROM plan_lines pl JOIN plan_days d ON d.plan_id = pl.source_plan_id AND d.line = pl.line AND d.date = $1 WHERE pl.plan_id = $2 AND pl.line = $3';

/** What recording a visit checks against; on the pool or on a transaction's client. */
export async function dayHead(db: Queryable, planId: string, line: string, date: string): Promise<{ plannedVisits: number; retailers: string[] } | undefined> {
  const row = (await db.query<{ planned_visits: number; retailers: string }>({ name: 'plan_day_head', text: `SELECT d.planned_visits, d.retailers ${SOURCE}`, values: [date, planId, line] })).rows[0];
  return row && { plannedVisits: row.planned_visits, retailers: JSON.parse(row.retailers) };
}

/**
 * Plans on PostgreSQL: the statements of ../plans.ts, json_extract read as json's ->
 * (pg parses a json value; its text and key order are the stored ones). Written once
 * (triggers refuse updates); whole plans and columns cached, as there.
 */
export class PgPlans implements Plans {
  readonly #pool: Pool;
  readonly #cache = new Map<string, StoredPlan>();
  readonly #metaCache = new Map<string, PlanMeta>();

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async insert(jobId: string, datasetId: string, plan: Plan, days: DayRow[], base?: { planId: string; changed: readonly string[] }): Promise<void> {
    const changed = base ? new Set(base.changed) : undefined;
    await transaction(this.#pool, async (c) => {
      const { lines, ...head } = plan;
      await c.query('INSERT INTO plans (id, dataset_id, start, weeks, created_at, body) VALUES ($1, $2, $3, $4, $5, $6)', [
        jobId, datasetId, plan.start, plan.weeks, new Date().toISOString(), JSON.stringify(head),
      ]);
      const sourceOf = base ? await sources(c, base.planId) : new Map<string, string>();
      const rows = lines.map((l, seq) => {
        const inherited = changed && !changed.has(l.line) ? sourceOf.get(l.line) : undefined;
        return { line: l.line, seq, source: inherited ?? jobId, summary: JSON.stringify(summaryOf(l)), body: inherited ? null : JSON.stringify(l) };
      });
      await c.query(
        'INSERT INTO plan_lines (plan_id, line, seq, source_plan_id, summary, body) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[])',
        [jobId, rows.map((r) => r.line), rows.map((r) => r.seq), rows.map((r) => r.source), rows.map((r) => r.summary), rows.map((r) => r.body)],
      );
      const held = days.filter((d) => !(changed && !changed.has(d.line) && sourceOf.has(d.line)));
      for (let from = 0; from < held.length; from += DAYS_PER_INSERT) {
        const page = held.slice(from, from + DAYS_PER_INSERT);
        await c.query(
          'INSERT INTO plan_days (plan_id, line, date, planned_visits, retailers, etag, body) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])',
          [jobId, page.map((d) => d.line), page.map((d) => d.date), page.map((d) => d.plannedVisits), page.map((d) => JSON.stringify(d.retailers)), page.map((d) => d.etag), page.map((d) => d.body)],
        );
      }
      await c.query("UPDATE jobs SET status = 'succeeded', lines_done = lines_total, finished_at = $1 WHERE id = $2", [new Date().toISOString(), jobId]);
    });
    const meta = await this.meta(jobId);
    if (meta) this.#remember({ ...meta, plan });
  }

  async meta(id: string): Promise<PlanMeta | undefined> {
    const hit = this.#metaCache.get(id);
    if (hit) return hit;
    const row = (
      await this.#pool.query<{ id: string; dataset_id: string; city: string; start: string; weeks: number; created_at: string; seed: number }>({
        name: 'plan_meta',
        text: "SELECT p.id, p.dataset_id, d.city, p.start, p.weeks, p.created_at, p.body::json->'seed' AS seed FROM plans p JOIN datasets d ON d.id = p.dataset_id WHERE p.id = $1",
        values: [id],
      })
    ).rows[0];
    if (!row) return undefined;
    const meta = { id: row.id, datasetId: row.dataset_id, city: row.city, seed: row.seed, start: row.start, weeks: row.weeks, createdAt: row.created_at };
    if (this.#metaCache.size >= 1000) this.#metaCache.delete(this.#metaCache.keys().next().value!);
    this.#metaCache.set(id, meta);
    return meta;
  }

  async get(id: string): Promise<StoredPlan | undefined> {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const meta = await this.meta(id);
    if (!meta) return undefined;
    const head = (await this.#pool.query<{ body: string }>('SELECT body FROM plans WHERE id = $1', [id])).rows[0];
    // Deleted by the retention policy since its columns were cached.
    if (!head) return undefined;
    const { rows } = await this.#pool.query<{ body: string }>(
      `SELECT COALESCE(pl.body, src.body) AS body FROM plan_lines pl
       LEFT JOIN plan_lines src ON src.plan_id = pl.source_plan_id AND src.line = pl.line
       WHERE pl.plan_id = $1 ORDER BY pl.seq`,
      [id],
    );
    return this.#remember({ ...meta, plan: { ...(JSON.parse(head.body) as PlanHead), lines: rows.map((r) => JSON.parse(r.body) as LinePlan) } });
  }

  #remember(stored: StoredPlan): StoredPlan {
    if (this.#cache.size >= 3) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(stored.id, stored);
    return stored;
  }

  async summary(id: string, withLines = true): Promise<PlanSummary | undefined> {
    const row = (await this.#pool.query<{ figures: PlanFigures; ratios: Plan['ratios'] }>("SELECT body::json->'figures' AS figures, body::json->'ratios' AS ratios FROM plans WHERE id = $1", [id]))
      .rows[0];
    if (!row) return undefined;
    if (!withLines) return { figures: row.figures, ratios: row.ratios, lines: [] };
    const { rows } = await this.#pool.query<{ line: string; summary: string }>('SELECT line, summary FROM plan_lines WHERE plan_id = $1 ORDER BY seq', [id]);
    return { figures: row.figures, ratios: row.ratios, lines: rows.map((r) => ({ line: r.line, ...(JSON.parse(r.summary) as Omit<LineSummary, 'line'>) })) };
  }

  async figures(id: string): Promise<{ figures: PlanFigures; baseline: PlanFigures; ratios: Plan['ratios']; lines: (LineSummary & { baseline: PlanFigures })[] } | undefined> {
    const head = (
      await this.#pool.query<{ figures: PlanFigures; baseline: PlanFigures; ratios: Plan['ratios'] }>(
        "SELECT body::json->'figures' AS figures, body::json->'baseline' AS baseline, body::json->'ratios' AS ratios FROM plans WHERE id = $1",
        [id],
      )
    ).rows[0];
    if (!head) return undefined;
    const { rows } = await this.#pool.query<{ line: string; summary: string; baseline: PlanFigures }>(
      `SELECT pl.line, pl.summary, src.body::json->'baseline' AS baseline FROM plan_lines pl
       JOIN plan_lines src ON src.plan_id = pl.source_plan_id AND src.line = pl.line WHERE pl.plan_id = $1 ORDER BY pl.seq`,
      [id],
    );
    return { ...head, lines: rows.map((r) => ({ line: r.line, ...(JSON.parse(r.summary) as Omit<LineSummary, 'line'>), baseline: r.baseline })) };
  }

  async line(id: string, line: string): Promise<LinePlan | undefined> {
    const row = (
      await this.#pool.query<{ body: string }>(
        'SELECT src.body FROM plan_lines pl JOIN plan_lines src ON src.plan_id = pl.source_plan_id AND src.line = pl.line WHERE pl.plan_id = $1 AND pl.line = $2',
        [id, line],
      )
    ).rows[0];
    return row && (JSON.parse(row.body) as LinePlan);
  }

  async hasLine(id: string, line: string): Promise<boolean> {
    return (await this.#pool.query('SELECT 1 FROM plan_lines WHERE plan_id = $1 AND line = $2', [id, line])).rowCount === 1;
  }

  heldLines(id: string): Promise<string[]> {
    return heldLines(this.#pool, id);
  }

  async day(planId: string, line: string, date: string): Promise<{ etag: string; body: string } | undefined> {
    const row = (
      await this.#pool.query<{ source: string; etag: string; body: string }>({ name: 'plan_day', text: `SELECT pl.source_plan_id AS source, d.etag, d.body ${SOURCE}`, values: [date, planId, line] })
    ).rows[0];
    if (!row) return undefined;
    if (row.source === planId) return { etag: row.etag, body: row.body };
    const body = withPlanId(row.body, planId);
    return { etag: etagOf(body), body };
  }

  dayHead(planId: string, line: string, date: string): Promise<{ plannedVisits: number; retailers: string[] } | undefined> {
    return dayHead(this.#pool, planId, line, date);
  }

  async purge(id: string, now = new Date().toISOString()): Promise<void> {
    await transaction(this.#pool, async (c) => {
      for (const line of await heldLines(c, id)) {
        const readers = (
          await c.query<{ plan_id: string }>(
            `SELECT pl.plan_id FROM plan_lines pl JOIN plans p ON p.id = pl.plan_id
             WHERE pl.source_plan_id = $1 AND pl.line = $2 AND pl.plan_id != $1 ORDER BY p.created_at, p.rowid`,
            [id, line],
          )
        ).rows.map((r) => r.plan_id);
        if (readers.length === 0) continue;
        const heir = readers[0];
        await c.query('UPDATE plan_lines SET body = (SELECT body FROM plan_lines WHERE plan_id = $1 AND line = $2) WHERE plan_id = $3 AND line = $2', [id, line, heir]);
        await c.query('UPDATE plan_lines SET source_plan_id = $1 WHERE source_plan_id = $2 AND line = $3', [heir, id, line]);
        const { rows } = await c.query<{ date: string; planned_visits: number; retailers: string; body: string }>(
          'SELECT date, planned_visits, retailers, body FROM plan_days WHERE plan_id = $1 AND line = $2',
          [id, line],
        );
        const bodies = rows.map((d) => withPlanId(d.body, heir));
        await c.query(
          'INSERT INTO plan_days (plan_id, line, date, planned_visits, retailers, etag, body) SELECT $1, $2, * FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[])',
          [heir, line, rows.map((d) => d.date), rows.map((d) => d.planned_visits), rows.map((d) => d.retailers), bodies.map(etagOf), bodies],
        );
      }
      await c.query('DELETE FROM plan_days WHERE plan_id = $1', [id]);
      await c.query('DELETE FROM plan_lines WHERE plan_id = $1', [id]);
      await c.query('UPDATE jobs SET purged_at = $1 WHERE id = $2', [now, id]);
      await c.query('DELETE FROM plans WHERE id = $1', [id]);
    });
    this.#cache.delete(id);
    this.#metaCache.delete(id);
  }

  async superseded(cutoff: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(
      `SELECT p.id FROM plans p JOIN jobs j ON j.id = p.id
       WHERE EXISTS (
         SELECT 1 FROM jobs r
         WHERE r.status = 'succeeded' AND r.finished_at < $1 AND r.id != p.id AND (
           r.parent_plan_id = p.id OR (
             r.kind = 'plan' AND r.dataset_id = p.dataset_id AND r.created_at > j.created_at
             AND r.request::json->>'start' = p.start AND (r.request::json->>'weeks')::int = p.weeks
             AND r.request::json->>'lines' IS NULL)))
         AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.plan_id = p.id)
       ORDER BY p.created_at, p.rowid`,
      [cutoff],
    );
    return rows.map((r) => r.id);
  }
}

/** The lines a plan holds itself (the rest it reads from other plans). */
async function heldLines(db: Queryable, id: string): Promise<string[]> {
  return (await db.query<{ line: string }>('SELECT line FROM plan_lines WHERE plan_id = $1 AND source_plan_id = plan_id ORDER BY seq', [id])).rows.map((r) => r.line);
}

/** Where each line of a plan is held: the plan itself, or the one it reads the line from. */
async function sources(db: Queryable, planId: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ line: string; source_plan_id: string }>('SELECT line, source_plan_id FROM plan_lines WHERE plan_id = $1', [planId]);
  return new Map(rows.map((r) => [r.line, r.source_plan_id]));
}
