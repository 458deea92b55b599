/** Readers for the published reference solutions, used to validate the checker. */
import type { SolutionRoute } from '../../src/benchmarks/solution.ts';

/** SINTEF format: `Route  1 : 81 78 76 …` lines after `Solution`; all on day 1. */
export function parseSintefSolution(text: string): SolutionRoute[] {
  const routes: SolutionRoute[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*Route\s+(\d+)\s*:(.*)$/.exec(line);
    if (!m) continue;
    routes.push({ day: 1, vehicle: Number(m[1]), stops: m[2].trim().split(/\s+/).filter(Boolean).map(Number) });
  }
  return routes;
}

export interface CordeauRoute extends SolutionRoute {
  duration: number;
  load: number;
}

/** Cordeau `.res`: first line the cost, then `day vehicle duration load 0 c1 … 0`. */
export function parseCordeauSolution(text: string): { cost: number; routes: CordeauRoute[] } {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const cost = Number(lines[0]);
  const routes = lines.slice(1).map((line) => {
    const [day, vehicle, duration, load, ...path] = line.split(/\s+/).map(Number);
    return { day, vehicle, duration, load, stops: path.filter((id) => id !== 0) };
  });
  return { cost, routes };
}
