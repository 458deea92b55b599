import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/index.ts';

const DAY_MS = 86_400_000;
/** The work standard (seed 001): visit records are kept at least 3 months, whatever a policy says. */
const MIN_VISIT_MONTHS = 3;
/** Visit records deleted per transaction: each is short, and other requests run between them. */
const VISIT_BATCH = 5_000;

export interface RetentionRules {
  /** A superseded plan is deleted this long after the plan that replaced it succeeded. */
  planRetentionDays: number;
  /** Visit records are kept this long after their day, and at least as long as their dataset's policy says (the work standard: 3 months). */
  visitRetentionDays: number;
}

/**
 * What the store keeps, applied in short transactions:
 *
 * - a plan is **superseded** when a re-plan of it succeeded, or a later full plan of the
 *   same dataset, start and weeks did; it is deleted `planRetentionDays` after that, once
 *   no visit record names it (records name the plan they were checked against). The
 *   lines later plans read from it are handed to them first; its job row stays
 *   (`purged_at`), so its id answers 410, not 404.
 * - visit records are deleted `visitRetentionDays` after their day, never before their
 *   dataset's policy's `visitRetentionMonths` (at least 3 calendar months).
 */
export class Retention {
  readonly #store: Store;
  readonly #rules: RetentionRules;
  readonly #log: FastifyBaseLogger;
  readonly #purged: (planId: string) => void;

  /** `purged` is told each plan deleted (the export cache drops its files). */
  constructor(store: Store, rules: RetentionRules, log: FastifyBaseLogger, purged: (planId: string) => void = () => {}) {
    this.#store = store;
    this.#rules = rules;
    this.#log = log;
    this.#purged = purged;
  }

  /** Plans past retention, oldest first. */
  supersededPlans(now = Date.now()): Promise<string[]> {
    return this.#store.plans.superseded(new Date(now - this.#rules.planRetentionDays * DAY_MS).toISOString());
  }

  /**
   * The day before which a dataset's visit records may go: VISIT_RETENTION_DAYS ago, or
   * earlier where its policy keeps them longer (`visitRetentionMonths`, at least the work
   * standard's 3, calendar months back from today).
   */
  async visitCutoff(datasetId: string, now = Date.now()): Promise<string> {
    const byDays = new Date(now - this.#rules.visitRetentionDays * DAY_MS).toISOString().slice(0, 10);
    const months = (await this.#store.datasets.policy(datasetId))?.visitRetentionMonths.value ?? MIN_VISIT_MONTHS;
    const byPolicy = monthsBefore(new Date(now).toISOString().slice(0, 10), Math.max(months, MIN_VISIT_MONTHS));
    return byPolicy < byDays ? byPolicy : byDays;
  }

  /** One pass: old visit records, then superseded plans (some freed by the first step); yields to other requests between transactions. */
  async run(now = Date.now()): Promise<{ plans: string[]; visits: number }> {
    const before = new Date(now - this.#rules.visitRetentionDays * DAY_MS).toISOString().slice(0, 10);
    // Only datasets with records old enough by the days rule; each keeps them as long as its policy says.
    const datasets = await this.#store.visits.datasetsBefore(before);
    let visits = 0;
    for (const id of datasets) {
      const cutoff = await this.visitCutoff(id, now);
      for (;;) {
        if (!this.#store.isOpen()) break;
        const n = await this.#store.visits.deleteBefore(id, cutoff, VISIT_BATCH);
        visits += n;
        if (n < VISIT_BATCH) break;
        await yieldTurn();
      }
    }
    const plans: string[] = [];
    for (const id of await this.supersededPlans(now)) {
      if (!this.#store.isOpen()) break;
      await this.#store.plans.purge(id, new Date(now).toISOString());
      this.#purged(id);
      plans.push(id);
      await yieldTurn();
    }
    if (plans.length + visits > 0) this.#log.info({ plans, visits, visitsBefore: before }, 'retention: superseded plans and old visit records deleted');
    return { plans, visits };
  }
}

/** The date `months` calendar months before `date` (YYYY-MM-DD), on the last day of a shorter month. */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
