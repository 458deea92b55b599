import type { LinePlan } from '../../src/domain/plan.ts';
import { planLineOn, type LineTask } from '../../src/planner/planLine.ts';
import { linePoints } from '../../src/planner/travelPoints.ts';
import type { TerrainModel } from '../../src/travel/terrainModel.ts';

/** One line's plan in this thread on the terrain model, synchronously (what the pool's worker does, without the pool). */
export function planLineTerrain(task: LineTask, model: TerrainModel): LinePlan {
  return planLineOn(task, model.matrixSync(linePoints(task.line, task.retailers, task.policy.coordinateSystem.value)));
}
