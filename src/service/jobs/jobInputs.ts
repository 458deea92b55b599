import type { Plan } from '../../domain/plan.ts';
import type { Dataset } from '../../io/dataset.ts';
import type { PlanRequest } from '../../planner/api.ts';
import type { Store } from '../store/index.ts';
import type { Job } from '../store/jobs.ts';
import { withPlannedKinds } from '../visits/plannedKinds.ts';

/** Why a job failed, in `jobs.error_code`. */
export type JobErrorCode = 'JOB_INTERRUPTED' | 'JOB_CANCELLED' | 'JOB_NOT_RESUMED' | 'PLANNER_FAILED' | 'TRAVEL_FAILED' | 'PLAN_INVALID' | 'DATASET_MISSING' | 'PREVIOUS_PLAN_MISSING';

export interface JobFailure {
  readonly code: JobErrorCode;
  readonly message: string;
}

export const INTERRUPTED: JobFailure = { code: 'JOB_INTERRUPTED', message: 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again' };

/** What a job is planned from and merged with: its dataset and, for a re-plan, the plan it re-plans. */
export interface JobInputs {
  readonly dataset: Dataset;
  readonly previous?: Plan;
}

export async function jobInputs(store: Store, job: Job): Promise<JobInputs | JobFailure> {
  const dataset = await store.datasets.load(job.datasetId);
  if (!dataset) return { code: 'DATASET_MISSING', message: `dataset ${job.datasetId} is not in the store` };
  if (job.parentPlanId === null) return { dataset };
  const previous = (await store.plans.get(job.parentPlanId))?.plan;
  if (!previous) return { code: 'PREVIOUS_PLAN_MISSING', message: `plan ${job.parentPlanId} is not in the store` };
  return { dataset, previous };
}

/** The planner's request as the job gave it, on its inputs: what merging its lines needs. */
export function requestOf(job: Job, { dataset, previous }: JobInputs): PlanRequest {
  return {
    dataset,
    start: job.request.start,
    weeks: job.request.weeks,
    ...(job.request.seed === undefined ? {} : { seed: job.request.seed }),
    ...(job.request.timeLimitMs === undefined ? {} : { timeLimitMs: job.request.timeLimitMs }),
    ...(job.request.blocked === undefined ? {} : { blocked: job.request.blocked }),
    ...(job.request.lines === undefined ? {} : { lines: job.request.lines }),
    ...(job.request.from === undefined ? {} : { from: job.request.from }),
    ...(previous === undefined ? {} : { previous }),
  };
}

/** The planner's request: the job's, with the visit history and the shops found closed read from the store now. */
export async function planRequest(store: Store, job: Job, inputs: JobInputs): Promise<PlanRequest> {
  const lines = job.request.lines;
  const history = await withPlannedKinds(lines?.length === 1 ? await store.visits.list(job.datasetId, lines[0]) : await store.visits.list(job.datasetId), store.plans);
  // The planner reads history only before the horizon; a shop found closed inside it is told as closed that day.
  const closed = uniqueClosed([
    ...(job.request.closed ?? []),
    ...history.filter((h) => h.outcome === 'failed' && h.reason === 'closed').map((h) => ({ retailer: h.retailer, date: h.date })),
  ]);
  return {
    ...requestOf(job, inputs),
    ...(closed.length === 0 ? {} : { closed }),
    ...(history.length === 0 ? {} : { history }),
  };
}

function uniqueClosed(list: { retailer: string; date: string }[]): { retailer: string; date: string }[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.retailer} ${c.date}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
