import type { IsoDate } from '../domain/calendar.ts';
import type { Plan } from '../domain/plan.ts';
import type { VisitRecord } from '../domain/visitRecord.ts';
import type { Dataset } from '../io/dataset.ts';

/** A day a line carries no visits (meeting, training). */
export interface BlockedDay {
  readonly line: string;
  readonly date: IsoDate;
}

/** What a planner asks for. */
export interface PlanRequest {
  readonly dataset: Dataset;
  /** First day of the horizon (a Monday, normally). */
  readonly start: IsoDate;
  readonly weeks: number;
  readonly seed?: number;
  /** Wall-clock budget of the whole run, milliseconds. */
  readonly timeLimitMs?: number;
  readonly blocked?: readonly BlockedDay[];
  /** Shops closed all day on a date: no in-person visit then. */
  readonly closed?: readonly { readonly retailer: string; readonly date: IsoDate }[];
  /** What happened so far: moves missed visits and sets each retailer's rhythm. */
  readonly history?: readonly VisitRecord[];
  /** A plan to stay close to: visits keep their days where nothing forces a change. */
  readonly previous?: Plan;
  /**
   * Re-plan from this date: with `previous`, the days before it are kept as they were, and
   * what happened on them (the plan, corrected by `history`'s failed and unplanned visits)
   * sets each retailer's rhythm for the days after.
   */
  readonly from?: IsoDate;
  /** Plan only these lines (a re-plan); default all. */
  readonly lines?: readonly string[];
}

export interface PlanProgress {
  readonly linesDone: number;
  readonly linesTotal: number;
  /** The line just finished, and its error if it failed. */
  readonly line?: string;
  readonly error?: string;
}

export interface PlanOptions {
  readonly onProgress?: (p: PlanProgress) => void;
  readonly signal?: AbortSignal;
}

/** The planner as the service and the CLI see it. A failed line is reported in its `error`, not thrown. */
export type Planner = (request: PlanRequest, options?: PlanOptions) => Promise<Plan>;
