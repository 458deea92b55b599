/** Piscina worker: one line's plan. Thin: the work is in src/planner/planLine.ts. */
import type { LinePlan } from '../src/domain/plan.ts';
import { planLine, type LineTask } from '../src/planner/planLine.ts';
import type { TerrainGrid } from '../src/travel/terrainGrid.ts';
import { TravelError } from '../src/travel/travelError.ts';
import { travelSource, type TravelSpec } from '../src/travel/travelSpec.ts';

/** A travel error is answered, not thrown: a thrown error loses its class on the way back, and the city planner stops the whole plan on this one. */
export default async function planLineTask({ task, grid, travel }: { task: LineTask; grid: TerrainGrid; travel: TravelSpec }): Promise<LinePlan | { travelError: string }> {
  try {
    return await planLine(task, travelSource(travel, grid, task.policy));
  } catch (e) {
    if (e instanceof TravelError) return { travelError: e.message };
    throw e;
  }
}
