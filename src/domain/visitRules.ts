import type { InPersonKind } from './plan.ts';
import type { Policy } from './policy.ts';
import type { Retailer } from './retailer.ts';

/**
 * Visits a retailer is due in a four-week cycle of 20 workdays: its class's frequency,
 * the supply-stopped rate instead where supply is stopped, and at least the vulnerable rate.
 */
export function visitsPer4Weeks(r: Retailer, policy: Policy): number {
  const base = r.supplyStopped ? policy.visitsPer4WeeksSupplyStopped.value : policy.visitsPer4WeeksByClass.value[r.class];
  return r.vulnerable ? Math.max(base, policy.visitsPer4WeeksVulnerable.value) : base;
}

/** In person by rule: the retailer's own flag, or a class the policy names. */
export function mustVisitInPerson(r: Retailer, policy: Policy): boolean {
  return r.mustInPerson || policy.mustInPersonClasses.value.includes(r.class);
}

/**
 * Remote modes a retailer can be served by, the policy's preferred one first: phone if it
 * has a number, online if it orders online.
 */
export function remoteModes(r: Retailer, policy: Policy): Array<'phone' | 'online'> {
  const modes: Array<'phone' | 'online'> = [];
  if (r.phone !== '') modes.push('phone');
  if (r.ordering === 'computer' || r.ordering === 'mobile') modes.push('online');
  return policy.preferredRemoteMode.value === 'online' ? modes.reverse() : modes;
}

/** Minutes a visit takes, by mode. */
export function visitMinutes(r: Retailer, mode: 'in_person' | 'phone' | 'online', policy: Policy): number {
  if (mode === 'phone') return policy.phoneMinutes.value;
  if (mode === 'online') return policy.onlineMinutes.value;
  return policy.inPersonMinutesByClass.value[r.class];
}

/** Minutes an in-person visit of this kind takes: the class's routine visit, or the duty's own duration. */
export function inPersonMinutes(r: Retailer, kind: InPersonKind, policy: Policy): number {
  if (kind === 'analysis') return policy.analysisVisitMinutes.value;
  if (kind === 'reevaluation') return policy.reevaluationVisitMinutes.value;
  return policy.inPersonMinutesByClass.value[r.class];
}
