import { AppError, notFound } from '../errors.ts';
import { unplannedAllowed } from '../plans/dayView.ts';
import { newId } from '../store/ids.ts';
import type { Store, StoreTx } from '../store/index.ts';
import type { StoredVisit } from '../store/visits.ts';

/** A record as the phone sends it (see routes/visits/schemas.ts). */
export interface VisitInput {
  id?: string;
  plan: string;
  retailer: string;
  date: string;
  mode: StoredVisit['mode'];
  outcome: StoredVisit['outcome'];
  reason?: NonNullable<StoredVisit['reason']>;
  startedAt: string;
  endedAt?: string;
}

/** What the route already resolved: the plan's dataset, the retailer's line, the policy share, the key. */
export interface VisitContext {
  datasetId: string;
  line: string;
  unplannedShare: number;
  keyId: string;
}

export interface RecordResult {
  visit: StoredVisit;
  /** True when this id was recorded before with the same content (a retry). */
  duplicate: boolean;
  /** Visits outside the plan on this line and day after this record, and the most allowed. */
  unplanned: { count: number; allowed: number };
}

interface Pending {
  input: VisitInput;
  ctx: VisitContext;
  resolve: (r: RecordResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Records visits with group commit: the records that arrive while the event loop is
 * busy are checked and inserted one by one inside one transaction, and all are answered
 * after its COMMIT (an fsync with synchronous = FULL). Each is durable before its
 * response, and fifty concurrent phones cost one fsync instead of fifty. Batches commit
 * one after another, in the order they were taken.
 */
export class VisitRecorder {
  readonly #store: Store;
  #pending: Pending[] = [];
  #scheduled = false;
  /** The last batch taken, settled when its COMMIT (or ROLLBACK) is done. */
  #committed: Promise<void> = Promise.resolve();

  constructor(store: Store) {
    this.#store = store;
  }

  record(input: VisitInput, ctx: VisitContext): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ input, ctx, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Commits what is pending now; resolves when it and every batch before it are committed (or refused). */
  flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length > 0) this.#committed = this.#committed.then(() => this.#commit(batch));
    return this.#committed;
  }

  /** One transaction for the batch; never rejects (each record's answer says what happened to it). */
  async #commit(batch: Pending[]): Promise<void> {
    const outcomes: ({ ok: true; value: RecordResult } | { ok: false; error: unknown })[] = [];
    try {
      await this.#store.transaction(async (tx) => {
        for (const p of batch) {
          try {
            // Its own savepoint: a refused or failed record leaves nothing, and the batch goes on.
            outcomes.push({ ok: true, value: await tx.savepoint(() => this.#apply(tx, p.input, p.ctx)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The transaction failed (its BEGIN or COMMIT): nothing of the batch is stored, so nothing is acknowledged.
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  async #apply(tx: StoreTx, input: VisitInput, ctx: VisitContext): Promise<RecordResult> {
    const { plans, visits } = tx;
    // Another API instance may be recording this line-day: its count and ids are read after its COMMIT.
    await tx.lockDay(ctx.datasetId, ctx.line, input.date);
    const day = await plans.dayHead(input.plan, ctx.line, input.date);
    if (!day) throw notFound(`day ${input.date} of line ${ctx.line} in plan ${input.plan}`);
    const allowed = unplannedAllowed(day.plannedVisits, ctx.unplannedShare);

    if (input.id !== undefined) {
      const before = await visits.get(input.id);
      if (before) {
        if (!sameRecord(before, input)) throw new AppError('VP_VISIT_ID_REUSED', `visit ${input.id} was recorded before with different content`);
        return { visit: before, duplicate: true, unplanned: { count: await visits.unplannedCount(ctx.datasetId, ctx.line, input.date), allowed } };
      }
    }

    const planned = day.retailers.includes(input.retailer);
    if (input.outcome === 'unplanned') {
      if (planned) throw new AppError('VP_VISIT_IS_PLANNED', `retailer ${input.retailer} is in the plan of line ${ctx.line} on ${input.date}: record the visit as done`);
    } else if (!planned) {
      throw new AppError('VP_VISIT_NOT_PLANNED', `retailer ${input.retailer} is not in the plan of line ${ctx.line} on ${input.date}: record the visit as unplanned`);
    }

    let count = await visits.unplannedCount(ctx.datasetId, ctx.line, input.date);
    if (input.outcome === 'unplanned') {
      if (count + 1 > allowed) {
        throw new AppError(
          'VP_UNPLANNED_LIMIT',
          `line ${ctx.line} on ${input.date} already has ${count} visit${count === 1 ? '' : 's'} outside the plan, the most the policy allows ` +
            `(${Math.round(ctx.unplannedShare * 100)}% of ${day.plannedVisits} planned visits)`,
        );
      }
      count += 1;
    }

    const visit: StoredVisit = {
      id: input.id ?? newId('vr'),
      datasetId: ctx.datasetId,
      planId: input.plan,
      line: ctx.line,
      retailer: input.retailer,
      date: input.date,
      mode: input.mode,
      outcome: input.outcome,
      reason: input.reason ?? null,
      startedAt: input.startedAt,
      endedAt: input.endedAt ?? null,
      receivedAt: new Date().toISOString(),
      keyId: ctx.keyId,
    };
    await visits.insert(visit);
    return { visit, duplicate: false, unplanned: { count, allowed } };
  }
}

function sameRecord(v: StoredVisit, input: VisitInput): boolean {
  return (
    v.planId === input.plan &&
    v.retailer === input.retailer &&
    v.date === input.date &&
    v.mode === input.mode &&
    v.outcome === input.outcome &&
    v.reason === (input.reason ?? null) &&
    v.startedAt === input.startedAt &&
    v.endedAt === (input.endedAt ?? null)
  );
}
