import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { LinePlan, Plan, PlanFigures } from '../../domain/plan.ts';
import { etagOf, type DayRow } from '../plans/dayView.ts';
import { transaction } from './db.ts';

/** A plan's columns: what checks need, without its lines. */
export interface PlanMeta {
  id: string;
  datasetId: string;
  /** Its dataset's city: every access check reads it. */
  city: string;
  seed: number;
  start: string;
  weeks: number;
  createdAt: string;
}

export interface StoredPlan extends PlanMeta {
  plan: Plan;
}

/** What a list shows of a line: no days. */
export interface LineSummary {
  line: string;
  manager: string;
  figures: PlanFigures;
  notPlaced: number;
  error: string | null;
}

/** What a list shows of a plan: its head and its lines' summaries. */
export interface PlanSummary {
  figures: PlanFigures;
  ratios: Plan['ratios'];
  lines: LineSummary[];
}

type PlanHead = Omit<Plan, 'lines'>;

/**
 * Plans, their lines and their served days. Written once (triggers refuse updates). A
 * re-plan stores only the lines it changed: its other lines are rows naming the plan
 * that holds them (see migrations/004_plan_lines.ts), and their days are served from
 * there with this plan's id put in. Reads of whole plans are cached.
 */
export class PlanStore {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, StoredPlan>();
  /** Plans never change: their columns are kept for the checks every request makes. */
  readonly #metaCache = new Map<string, PlanMeta>();
  readonly #meta: StatementSync;
  readonly #day: StatementSync;
  readonly #dayHead: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#meta = db.prepare(
      "SELECT p.id, p.dataset_id, d.city, p.start, p.weeks, p.created_at, json_extract(p.body, '$.seed') AS seed FROM plans p JOIN datasets d ON d.id = p.dataset_id WHERE p.id = ?",
    );
    const source = 'FROM plan_lines pl JOIN plan_days d ON d.plan_id = pl.source_plan_id AND d.line = pl.line AND d.date = ? WHERE pl.plan_id = ? AND pl.line = ?';
    this.#day = db.prepare(`SELECT pl.source_plan_id AS source, d.etag, d.body ${source}`);
    this.#dayHead = db.prepare(`SELECT d.planned_visits, d.retailers ${source}`);
  }

  /**
   * Stores a job's plan and marks the job succeeded, in one transaction. With `base`,
   * the plan revises `base.planId` and holds only the lines in `base.changed`; the others
   * are read from where the base plan reads them. `days` are the held lines' days.
   */
  insert(jobId: string, datasetId: string, plan: Plan, days: DayRow[], base?: { planId: string; changed: readonly string[] }): void {
    const db = this.#db;
    const changed = base ? new Set(base.changed) : undefined;
    transaction(db, () => {
      const { lines, ...head } = plan;
      db.prepare('INSERT INTO plans (id, dataset_id, start, weeks, created_at, body) VALUES (?, ?, ?, ?, ?, ?)').run(
        jobId, datasetId, plan.start, plan.weeks, new Date().toISOString(), JSON.stringify(head),
      );
      const sourceOf = base ? this.#sources(base.planId) : new Map<string, string>();
      const line = db.prepare('INSERT INTO plan_lines (plan_id, line, seq, source_plan_id, summary, body) VALUES (?, ?, ?, ?, ?, ?)');
      lines.forEach((l, seq) => {
        const inherited = changed && !changed.has(l.line) ? sourceOf.get(l.line) : undefined;
        line.run(jobId, l.line, seq, inherited ?? jobId, JSON.stringify(summaryOf(l)), inherited ? null : JSON.stringify(l));
      });
      const day = db.prepare('INSERT INTO plan_days (plan_id, line, date, planned_visits, retailers, etag, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const d of days) {
        if (changed && !changed.has(d.line) && sourceOf.has(d.line)) continue;
        day.run(jobId, d.line, d.date, d.plannedVisits, JSON.stringify(d.retailers), d.etag, d.body);
      }
      db.prepare("UPDATE jobs SET status = 'succeeded', lines_done = lines_total, finished_at = ? WHERE id = ?").run(new Date().toISOString(), jobId);
    });
    // The next re-plan of this plan reads it whole: keep the one in hand rather than parse it back.
    const meta = this.meta(jobId);
    if (meta) this.#remember({ ...meta, plan });
  }

  /** The plan's columns, or undefined: what a check needs, read without its lines. */
  meta(id: string): PlanMeta | undefined {
    const hit = this.#metaCache.get(id);
    if (hit) return hit;
    const row = this.#meta.get(id) as { id: string; dataset_id: string; city: string; start: string; weeks: number; created_at: string; seed: number } | undefined;
    if (!row) return undefined;
    const meta = { id: row.id, datasetId: row.dataset_id, city: row.city, seed: row.seed, start: row.start, weeks: row.weeks, createdAt: row.created_at };
    if (this.#metaCache.size >= 1000) this.#metaCache.delete(this.#metaCache.keys().next().value!);
    this.#metaCache.set(id, meta);
    return meta;
  }

  /** The whole plan (exports, a re-plan's previous plan): every line parsed. */
  get(id: string): StoredPlan | undefined {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const meta = this.meta(id);
    if (!meta) return undefined;
    const head = JSON.parse((this.#db.prepare('SELECT body FROM plans WHERE id = ?').get(id) as { body: string }).body) as PlanHead;
    const rows = this.#db
      .prepare(
        `SELECT COALESCE(pl.body, src.body) AS body FROM plan_lines pl
         LEFT JOIN plan_lines src ON src.plan_id = pl.source_plan_id AND src.line = pl.line
         WHERE pl.plan_id = ? ORDER BY pl.seq`,
      )
      .all(id) as { body: string }[];
    return this.#remember({ ...meta, plan: { ...head, lines: rows.map((r) => JSON.parse(r.body) as LinePlan) } });
  }

  #remember(stored: StoredPlan): StoredPlan {
    // A four-week city plan is tens of megabytes of objects: a few are enough (re-plans of the latest ones).
    if (this.#cache.size >= 3) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(stored.id, stored);
    return stored;
  }

  /** Head and (unless not wanted) line summaries, for lists and job views: no line's days are read. */
  summary(id: string, withLines = true): PlanSummary | undefined {
    const row = this.#db.prepare("SELECT json_extract(body, '$.figures') AS figures, json_extract(body, '$.ratios') AS ratios FROM plans WHERE id = ?").get(id) as
      | { figures: string; ratios: string }
      | undefined;
    if (!row) return undefined;
    const head = { figures: JSON.parse(row.figures) as PlanFigures, ratios: JSON.parse(row.ratios) as Plan['ratios'] };
    if (!withLines) return { ...head, lines: [] };
    const lines = (this.#db.prepare('SELECT line, summary FROM plan_lines WHERE plan_id = ? ORDER BY seq').all(id) as { line: string; summary: string }[]).map(
      (r) => ({ line: r.line, ...(JSON.parse(r.summary) as Omit<LineSummary, 'line'>) }),
    );
    return { figures: head.figures, ratios: head.ratios, lines };
  }

  /**
   * The figures beside today's practice: the city's, and each line's (its figures and its
   * baseline, read by SQLite from the line's body without parsing its days here).
   */
  figures(id: string): { figures: PlanFigures; baseline: PlanFigures; ratios: Plan['ratios']; lines: (LineSummary & { baseline: PlanFigures })[] } | undefined {
    const head = this.#db
      .prepare("SELECT json_extract(body, '$.figures') AS figures, json_extract(body, '$.baseline') AS baseline, json_extract(body, '$.ratios') AS ratios FROM plans WHERE id = ?")
      .get(id) as { figures: string; baseline: string; ratios: string } | undefined;
    if (!head) return undefined;
    const lines = (
      this.#db
        .prepare(
          `SELECT pl.line, pl.summary, json_extract(src.body, '$.baseline') AS baseline FROM plan_lines pl
           JOIN plan_lines src ON src.plan_id = pl.source_plan_id AND src.line = pl.line WHERE pl.plan_id = ? ORDER BY pl.seq`,
        )
        .all(id) as { line: string; summary: string; baseline: string }[]
    ).map((r) => ({ line: r.line, ...(JSON.parse(r.summary) as Omit<LineSummary, 'line'>), baseline: JSON.parse(r.baseline) as PlanFigures }));
    return { figures: JSON.parse(head.figures), baseline: JSON.parse(head.baseline), ratios: JSON.parse(head.ratios), lines };
  }

  /** One line of a plan, parsed alone. */
  line(id: string, line: string): LinePlan | undefined {
    const row = this.#db
      .prepare('SELECT src.body FROM plan_lines pl JOIN plan_lines src ON src.plan_id = pl.source_plan_id AND src.line = pl.line WHERE pl.plan_id = ? AND pl.line = ?')
      .get(id, line) as { body: string } | undefined;
    return row && (JSON.parse(row.body) as LinePlan);
  }

  hasLine(id: string, line: string): boolean {
    return this.#db.prepare('SELECT 1 FROM plan_lines WHERE plan_id = ? AND line = ?').get(id, line) !== undefined;
  }

  /** The lines a plan holds itself (the rest it reads from other plans). */
  heldLines(id: string): string[] {
    return (this.#db.prepare('SELECT line FROM plan_lines WHERE plan_id = ? AND source_plan_id = plan_id ORDER BY seq').all(id) as { line: string }[]).map((r) => r.line);
  }

  /** The served JSON of one day and its ETag; a day read from another plan carries this plan's id. */
  day(planId: string, line: string, date: string): { etag: string; body: string } | undefined {
    const row = this.#day.get(date, planId, line) as { source: string; etag: string; body: string } | undefined;
    if (!row) return undefined;
    if (row.source === planId) return { etag: row.etag, body: row.body };
    const body = withPlanId(row.body, planId);
    return { etag: etagOf(body), body };
  }

  /** What recording a visit checks against: how many visits the day holds, and whose. */
  dayHead(planId: string, line: string, date: string): { plannedVisits: number; retailers: string[] } | undefined {
    const row = this.#dayHead.get(date, planId, line) as { planned_visits: number; retailers: string } | undefined;
    return row && { plannedVisits: row.planned_visits, retailers: JSON.parse(row.retailers) };
  }

  /**
   * Deletes a superseded plan (the retention policy). A line it holds that later plans
   * read is handed to the oldest of them first, with its days; the job row stays, with
   * `purged_at`. In one transaction.
   */
  purge(id: string, now = new Date().toISOString()): void {
    const db = this.#db;
    transaction(db, () => {
      for (const line of this.heldLines(id)) {
        const readers = (db
          .prepare(
            `SELECT pl.plan_id FROM plan_lines pl JOIN plans p ON p.id = pl.plan_id
             WHERE pl.source_plan_id = ? AND pl.line = ? AND pl.plan_id != ? ORDER BY p.created_at, p.rowid`,
          )
          .all(id, line, id) as { plan_id: string }[]).map((r) => r.plan_id);
        if (readers.length === 0) continue;
        const heir = readers[0];
        db.prepare('UPDATE plan_lines SET body = (SELECT body FROM plan_lines WHERE plan_id = ? AND line = ?) WHERE plan_id = ? AND line = ?').run(id, line, heir, line);
        db.prepare('UPDATE plan_lines SET source_plan_id = ? WHERE source_plan_id = ? AND line = ?').run(heir, id, line);
        const copy = db.prepare('INSERT INTO plan_days (plan_id, line, date, planned_visits, retailers, etag, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const d of db.prepare('SELECT date, planned_visits, retailers, body FROM plan_days WHERE plan_id = ? AND line = ?').all(id, line) as {
          date: string; planned_visits: number; retailers: string; body: string;
        }[]) {
          const body = withPlanId(d.body, heir);
          copy.run(heir, line, d.date, d.planned_visits, d.retailers, etagOf(body), body);
        }
      }
      db.prepare('DELETE FROM plan_days WHERE plan_id = ?').run(id);
      db.prepare('DELETE FROM plan_lines WHERE plan_id = ?').run(id);
      db.prepare('UPDATE jobs SET purged_at = ? WHERE id = ?').run(now, id);
      db.prepare('DELETE FROM plans WHERE id = ?').run(id);
    });
    this.#cache.delete(id);
    this.#metaCache.delete(id);
  }

  /**
   * Plans superseded before `cutoff` that no visit record names, oldest first (the
   * retention policy's rule: see retention/retention.ts).
   */
  superseded(cutoff: string): string[] {
    const rows = this.#db
      .prepare(
        `SELECT p.id FROM plans p JOIN jobs j ON j.id = p.id
         WHERE EXISTS (
           SELECT 1 FROM jobs r
           WHERE r.status = 'succeeded' AND r.finished_at < ? AND r.id != p.id AND (
             r.parent_plan_id = p.id OR (
               r.kind = 'plan' AND r.dataset_id = p.dataset_id AND r.created_at > j.created_at
               AND json_extract(r.request, '$.start') = p.start AND json_extract(r.request, '$.weeks') = p.weeks
               AND json_extract(r.request, '$.lines') IS NULL)))
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.plan_id = p.id)
         ORDER BY p.created_at, p.rowid`,
      )
      .all(cutoff) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Where each line of a plan is held: the plan itself, or the one it reads the line from. */
  #sources(planId: string): Map<string, string> {
    const rows = this.#db.prepare('SELECT line, source_plan_id FROM plan_lines WHERE plan_id = ?').all(planId) as { line: string; source_plan_id: string }[];
    return new Map(rows.map((r) => [r.line, r.source_plan_id]));
  }
}

export const summaryOf = (l: LinePlan): Omit<LineSummary, 'line'> => ({ manager: l.manager, figures: l.figures, notPlaced: l.notPlaced.length, error: l.error ?? null });

/** A stored day's JSON with another plan's id: the day builder writes `plan` first (dayView.ts). */
export function withPlanId(body: string, planId: string): string {
  const prefix = '{"plan":';
  if (!body.startsWith(prefix)) throw new Error('a stored day does not start with its plan id');
  return `${prefix}${JSON.stringify(planId)}${body.slice(body.indexOf(',"line":'))}`;
}
