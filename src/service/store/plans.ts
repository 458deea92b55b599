import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Plan } from '../../domain/plan.ts';
import type { DayRow } from '../plans/dayView.ts';
import { transaction } from './db.ts';

export interface StoredPlan {
  id: string;
  datasetId: string;
  start: string;
  weeks: number;
  createdAt: string;
  plan: Plan;
}

export interface StoredDay {
  etag: string;
  body: string;
  plannedVisits: number;
  retailers: string[];
}

/** Plans and their served days. Written once (the schema's triggers refuse updates), so reads are cached. */
export class PlanStore {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, StoredPlan>();
  readonly #day: StatementSync;
  readonly #dayHead: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#day = db.prepare('SELECT etag, body FROM plan_days WHERE plan_id = ? AND line = ? AND date = ?');
    this.#dayHead = db.prepare('SELECT planned_visits, retailers FROM plan_days WHERE plan_id = ? AND line = ? AND date = ?');
  }

  /** Stores a job's plan and marks the job succeeded, in one transaction. */
  insert(jobId: string, datasetId: string, plan: Plan, days: DayRow[]): void {
    const db = this.#db;
    transaction(db, () => {
      db.prepare('INSERT INTO plans (id, dataset_id, start, weeks, created_at, body) VALUES (?, ?, ?, ?, ?, ?)').run(
        jobId, datasetId, plan.start, plan.weeks, new Date().toISOString(), JSON.stringify(plan),
      );
      const day = db.prepare('INSERT INTO plan_days (plan_id, line, date, planned_visits, retailers, etag, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const d of days) day.run(jobId, d.line, d.date, d.plannedVisits, JSON.stringify(d.retailers), d.etag, d.body);
      db.prepare("UPDATE jobs SET status = 'succeeded', lines_done = lines_total, finished_at = ? WHERE id = ?").run(new Date().toISOString(), jobId);
    });
  }

  get(id: string): StoredPlan | undefined {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const row = this.#db.prepare('SELECT id, dataset_id, start, weeks, created_at, body FROM plans WHERE id = ?').get(id) as
      | { id: string; dataset_id: string; start: string; weeks: number; created_at: string; body: string }
      | undefined;
    if (!row) return undefined;
    const stored = { id: row.id, datasetId: row.dataset_id, start: row.start, weeks: row.weeks, createdAt: row.created_at, plan: JSON.parse(row.body) as Plan };
    if (this.#cache.size >= 8) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(id, stored);
    return stored;
  }

  /** The served JSON of one day and its ETag. */
  day(planId: string, line: string, date: string): { etag: string; body: string } | undefined {
    return this.#day.get(planId, line, date) as { etag: string; body: string } | undefined;
  }

  /** What recording a visit checks against: how many visits the day holds, and whose. */
  dayHead(planId: string, line: string, date: string): { plannedVisits: number; retailers: string[] } | undefined {
    const row = this.#dayHead.get(planId, line, date) as { planned_visits: number; retailers: string } | undefined;
    return row && { plannedVisits: row.planned_visits, retailers: JSON.parse(row.retailers) };
  }

  /** The plan made for a dataset whose horizon starts on `start`, newest first. */
  findByStart(start: string): string | undefined {
    const row = this.#db.prepare('SELECT id FROM plans WHERE start = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(start) as { id: string } | undefined;
    return row?.id;
  }
}
