import type { FastifyBaseLogger } from 'fastify';
import type { Plan } from '../../domain/plan.ts';
import { TravelError } from '../../travel/travelError.ts';
import type { TravelSource } from '../../travel/travelSource.ts';
import { checkPlan } from '../plans/checkPlan.ts';
import { dayRows } from '../plans/dayView.ts';
import { mergeReplan } from '../plans/mergeReplan.ts';
import type { Store } from '../store/index.ts';
import type { Job } from '../store/jobs.ts';
import type { JobFailure, JobInputs } from './jobInputs.ts';

/**
 * The planner's result made the job's plan: a re-plan merged into the plan it re-plans,
 * checked against the plan schema, its days routed, and stored (which marks the job
 * succeeded). Returns the plan stored, why not, or 'stopped' when `stopped()` says the job
 * was cancelled or the process is stopping once the plan is ready (then nothing is stored).
 */
export async function storePlan(
  deps: { store: Store; travel: TravelSource | undefined; log: FastifyBaseLogger },
  job: Job,
  { dataset, previous }: JobInputs,
  result: Plan,
  stopped: () => boolean | Promise<boolean>,
): Promise<{ stored: Plan } | JobFailure | 'stopped'> {
  const lines = job.request.lines;
  const merged = previous && lines ? mergeReplan(previous, result, lines) : result;
  // A re-plan is checked and stored for the lines it changed only: the others were checked
  // when the plan they come from was stored, and are read from there.
  const base = previous && lines && job.parentPlanId !== null ? { planId: job.parentPlanId, changed: lines } : undefined;
  const checked = await checkPlan(base ? { ...merged, lines: merged.lines.filter((l) => lines!.includes(l.line)) } : merged);
  if (!checked.ok) {
    deps.log.error({ issues: checked.issues.slice(0, 5) }, 'planner returned an invalid plan');
    return { code: 'PLAN_INVALID', message: `the planner returned a plan that does not match the plan schema (${checked.issues.length} issues)` };
  }
  const fresh = new Map(checked.plan.lines.map((l) => [l.line, l]));
  const plan = base ? { ...checked.plan, lines: merged.lines.map((l) => fresh.get(l.line) ?? l) } : checked.plan;
  let days;
  try {
    days = await dayRows(job.id, checked.plan, dataset, deps.travel);
  } catch (e) {
    if (!(e instanceof TravelError)) throw e;
    deps.log.error({ err: e }, 'travel source failed on the day routes');
    return { code: 'TRAVEL_FAILED', message: e.message };
  }
  if (await stopped()) return 'stopped';
  await deps.store.plans.insert(job.id, job.datasetId, plan, days, base);
  return { stored: plan };
}
