/** Piscina worker: one line's plan. Thin: the work is in src/planner/planLine.ts. */
import type { LinePlan } from '../src/domain/plan.ts';
import { planLine, type LineTask } from '../src/planner/planLine.ts';
import type { TerrainGrid } from '../src/travel/terrainGrid.ts';
import { TerrainModel, terrainModelParams } from '../src/travel/terrainModel.ts';

export default function planLineTask({ task, grid }: { task: LineTask; grid: TerrainGrid }): LinePlan {
  return planLine(task, new TerrainModel(grid, terrainModelParams(task.policy)));
}
