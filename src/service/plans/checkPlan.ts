import { setImmediate as yieldTurn } from 'node:timers/promises';
import { LinePlanSchema, PlanSchema, type LinePlan, type Plan } from '../../domain/plan.ts';

export type CheckedPlan = { ok: true; plan: Plan } | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

/**
 * A planner's plan through the plan schema, its head and then a line at a time with the
 * event loop free between lines (a city's four weeks are a few hundred milliseconds of
 * zod). Issues carry their full path (`lines.3.days.2...`), as PlanSchema's would.
 */
export async function checkPlan(plan: Plan): Promise<CheckedPlan> {
  const head = PlanSchema.safeParse({ ...plan, lines: [] });
  if (!head.success) return { ok: false, issues: head.error.issues };
  const lines: LinePlan[] = [];
  const issues: { path: PropertyKey[]; message: string }[] = [];
  for (const [i, line] of (Array.isArray(plan.lines) ? plan.lines : []).entries()) {
    if (i % 8 === 7) await yieldTurn();
    const r = LinePlanSchema.safeParse(line);
    if (r.success) lines.push(r.data);
    else issues.push(...r.error.issues.map((issue) => ({ ...issue, path: ['lines', i, ...issue.path] })));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan: { ...head.data, lines } };
}
