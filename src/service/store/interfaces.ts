import type { Plan, LinePlan, PlanFigures } from '../../domain/plan.ts';
import type { Policy } from '../../domain/policy.ts';
import type { Dataset } from '../../io/dataset.ts';
import type { KeyEntry } from '../auth/keys.ts';
import type { DayRow } from '../plans/dayView.ts';
import type { DatasetMap, DatasetSummary } from './datasets.ts';
import type { Job, JobKind, JobRequest, JobStatus } from './jobs.ts';
import type { LineSummary, PlanMeta, PlanSummary, StoredPlan } from './plans.ts';
import type { StoredVisit } from './visits.ts';

// What both stores implement (SQLite in this folder, PostgreSQL in pg/). The record types
// live beside the SQLite modules that came first; both stores read and write them alike.
// A Promise resolves once its answer is read and what it wrote is committed.

/** Datasets: written once, never changed; a ready one is all a read sees. */
export interface Datasets {
  /** A dataset already checked (the demo's, a benchmark's), stored in one transaction; uploads go through imports/. */
  insert(dataset: Dataset, files: string[], city?: string): Promise<DatasetSummary>;
  /** The city a ready dataset belongs to, or undefined for no such dataset. */
  cityOf(id: string): Promise<string | undefined>;
  summary(id: string): Promise<DatasetSummary | undefined>;
  /** The latest ready datasets, newest first; a city's only when a city is given. */
  list(limit: number, city?: string): Promise<DatasetSummary[]>;
  /** The lines and the retailers' positions, names and classes (of one line, when given). */
  map(id: string, line?: string): Promise<DatasetMap | undefined>;
  latestId(): Promise<string | undefined>;
  /** A whole dataset, read at once. */
  get(id: string): Promise<Dataset | undefined>;
  /** A whole dataset, read a page of retailers at a time (the event loop runs between pages). */
  load(id: string): Promise<Dataset | undefined>;
  /** The share of a day's visits that may be outside the plan (the policy's). */
  unplannedShare(id: string): Promise<number | undefined>;
  policy(id: string): Promise<Policy | undefined>;
  dayRules(id: string): Promise<{ marketMinutesMin: number; maxDayMinutes: number } | undefined>;
  /** Removes what imports left half written; returns their ids. */
  purgeUnfinished(): Promise<string[]>;
  lineOf(datasetId: string, retailer: string): Promise<string | undefined>;
  lineIds(datasetId: string): Promise<string[]>;
  hasLine(datasetId: string, line: string): Promise<boolean>;
}

/** Plan jobs and their state; every transition is one committed statement. */
export interface Jobs {
  create(kind: JobKind, datasetId: string, request: JobRequest, parentPlanId?: string | null, keyId?: string | null): Promise<Job>;
  queuedBy(keyId: string): Promise<string | undefined>;
  get(id: string): Promise<Job | undefined>;
  list(limit?: number, city?: string): Promise<Job[]>;
  withStatus(status: JobStatus): Promise<Job[]>;
  /** Queued → running; false if the job is no longer queued. */
  markRunning(id: string): Promise<boolean>;
  markCancelled(id: string, by: string, code: string, message: string): Promise<boolean>;
  progress(id: string, linesDone: number, linesTotal: number): Promise<void>;
  markFailed(id: string, code: string, message: string): Promise<void>;
  requeue(id: string): Promise<boolean>;
  counts(): Promise<Record<JobStatus, number>>;
}

/** Plans, their lines and their served days: written once, never overwritten. */
export interface Plans {
  insert(jobId: string, datasetId: string, plan: Plan, days: DayRow[], base?: { planId: string; changed: readonly string[] }): Promise<void>;
  meta(id: string): Promise<PlanMeta | undefined>;
  get(id: string): Promise<StoredPlan | undefined>;
  summary(id: string, withLines?: boolean): Promise<PlanSummary | undefined>;
  figures(id: string): Promise<{ figures: PlanFigures; baseline: PlanFigures; ratios: Plan['ratios']; lines: (LineSummary & { baseline: PlanFigures })[] } | undefined>;
  line(id: string, line: string): Promise<LinePlan | undefined>;
  hasLine(id: string, line: string): Promise<boolean>;
  heldLines(id: string): Promise<string[]>;
  day(planId: string, line: string, date: string): Promise<{ etag: string; body: string } | undefined>;
  dayHead(planId: string, line: string, date: string): Promise<{ plannedVisits: number; retailers: string[] } | undefined>;
  purge(id: string, now?: string): Promise<void>;
  superseded(cutoff: string): Promise<string[]>;
}

/** Visit records: statements only; the rules and the commit batching live in visits/recorder.ts. */
export interface Visits {
  between(datasetId: string, from: string, to: string): Promise<StoredVisit[]>;
  datasetsBefore(date: string): Promise<string[]>;
  deleteBefore(datasetId: string, cutoff: string, limit: number): Promise<number>;
  insert(v: StoredVisit): Promise<void>;
  get(id: string): Promise<StoredVisit | undefined>;
  unplannedCount(datasetId: string, line: string, date: string): Promise<number>;
  page(datasetId: string, line: string, opts: { date?: string; after?: { date: string; seq: number }; limit: number }): Promise<{ visits: StoredVisit[]; next: string | null }>;
  list(datasetId: string, line?: string): Promise<StoredVisit[]>;
}

/** Keys issued through the API, and revoked key ids (any source). */
export interface Keys {
  issued(): Promise<KeyEntry[]>;
  revoked(): Promise<Set<string>>;
  insert(entry: KeyEntry, by: string): Promise<boolean>;
  revoke(id: string, by: string): Promise<string>;
}

/**
 * What a transaction may do: the visit recorder's reads and its insert (the store's other
 * writes are transactions of their own).
 */
export interface StoreTx {
  readonly plans: Pick<Plans, 'dayHead'>;
  readonly visits: Pick<Visits, 'get' | 'unplannedCount' | 'insert'>;
  /**
   * Runs `fn` so that, if it rejects, what it wrote is undone and the transaction goes
   * on: one refused record does not undo its batch. (PostgreSQL aborts the whole
   * transaction on a failed statement unless it ran under a savepoint.)
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Holds a line-day's records against other transactions until this one ends, so that
   * the unplanned count and the id check read what a concurrent writer (another API
   * instance) committed. SQLite's one writer needs nothing.
   */
  lockDay(datasetId: string, line: string, date: string): Promise<void>;
}

/** A store's place: SQLite's file, or a PostgreSQL connection string. */
export type StoreLocation = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

/**
 * The service's store, a module per table family. Asynchronous, so that SQLite (one file,
 * one connection) and PostgreSQL (a pool) stand behind the same interface.
 */
export interface Store {
  /** Where a worker thread (imports, exports) opens a connection of its own. */
  readonly location: StoreLocation;
  readonly datasets: Datasets;
  readonly jobs: Jobs;
  readonly plans: Plans;
  readonly visits: Visits;
  readonly keys: Keys;
  /** Runs `fn` in one transaction: committed whole when the Promise resolves, or not at all when it rejects. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Rejects if the store cannot answer a query (the health check). */
  check(): Promise<void>;
  /** False once closed: work that outlives a request (job progress, retention) stops. */
  isOpen(): boolean;
  /** Waits for transactions in flight, then closes. */
  close(): Promise<void>;
}
