import { createHash } from 'node:crypto';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { Plan } from '../../domain/plan.ts';
import type { Retailer } from '../../domain/retailer.ts';
import type { Dataset } from '../../io/dataset.ts';
import type { ManagerDay } from './daySchema.ts';

/** A day ready to serve: its JSON, made once, and the ETag of that JSON. */
export interface DayRow {
  line: string;
  date: string;
  plannedVisits: number;
  /** Every retailer planned that day, in person or remote. */
  retailers: string[];
  etag: string;
  body: string;
}

/** The largest number of visits outside the plan a day may take (DOMAIN: at most 20% of the day's visits). */
export function unplannedAllowed(plannedVisits: number, share: number): number {
  // The epsilon keeps 0.2 × 15 = 3.0000000000000004 from rounding the wrong way.
  return Math.floor(plannedVisits * share + 1e-9);
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * Every (line, day) of a plan as the manager's phone receives it, a few lines at a time
 * with the event loop free between (a city's week is ~500 days of JSON and hashing).
 */
export async function dayRows(planId: string, plan: Plan, dataset: Dataset): Promise<DayRow[]> {
  const retailers = new Map<string, Retailer>(dataset.retailers.map((r) => [r.id, r]));
  const lines = new Map(dataset.lines.map((l) => [l.line, l]));
  const share = dataset.policy.unplannedReserveShare.value;
  const rows: DayRow[] = [];
  for (const [k, lp] of plan.lines.entries()) {
    if (k % 8 === 7) await yieldTurn();
    const line = lines.get(lp.line);
    for (const d of lp.days) {
      const shop = (id: string) => retailers.get(id);
      const visits = d.stops.length + d.remote.length;
      const day: ManagerDay = {
        plan: planId,
        line: lp.line,
        manager: lp.manager,
        date: d.date,
        blocked: d.blocked,
        base: { lon: line?.baseLon ?? 0, lat: line?.baseLat ?? 0 },
        leaveBase: d.leaveBase,
        backAtBase: d.backAtBase,
        lunch: d.lunch,
        stops: d.stops.map((s, i) => {
          const r = shop(s.retailer);
          return {
            seq: i + 1,
            retailer: s.retailer,
            name: r?.name ?? '',
            phone: r?.phone ?? '',
            lon: r?.lon ?? 0,
            lat: r?.lat ?? 0,
            county: r?.county ?? '',
            township: r?.township ?? '',
            mode: 'in_person' as const,
            kind: s.kind ?? 'routine',
            arrive: s.arrive,
            start: s.start,
            depart: s.depart,
            leg: { km: round(s.legKm, 2), minutes: round(s.legMinutes, 1) },
          };
        }),
        returnLeg: { km: round(d.returnKm, 2) },
        remote: d.remote.map((v) => ({ retailer: v.retailer, name: shop(v.retailer)?.name ?? '', phone: shop(v.retailer)?.phone ?? '', mode: v.mode })),
        figures: {
          visits,
          inPersonVisits: d.stops.length,
          remoteVisits: d.remote.length,
          km: round(d.km, 2),
          ascentM: round(d.ascentM, 0),
          litres: round(d.litres, 2),
          yuan: round(d.yuan, 2),
          marketMinutes: round(d.marketMinutes, 0),
          lateMinutes: round(d.lateMinutes, 0),
          unplannedAllowed: unplannedAllowed(visits, share),
        },
      };
      const body = JSON.stringify(day);
      rows.push({
        line: lp.line,
        date: d.date,
        plannedVisits: visits,
        retailers: [...d.stops.map((s) => s.retailer), ...d.remote.map((v) => v.retailer)],
        etag: etagOf(body),
        body,
      });
    }
  }
  return rows;
}
