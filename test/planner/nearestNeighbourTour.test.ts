import { expect, test } from 'vitest';
import { nearestNeighbourTour } from '../../src/planner/nearestNeighbourTour.ts';

test('drives to the nearest stop not yet visited', () => {
  // Points on a line at 0 (depot), 10, 3, 7, 1: from 0 the nearest is 1 (point 4), then 3, 7, 10.
  const x = [0, 10, 3, 7, 1];
  const metres = new Float64Array(25);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) metres[i * 5 + j] = Math.abs(x[i] - x[j]);
  expect(nearestNeighbourTour(metres, 5, 0, [1, 2, 3, 4])).toEqual([4, 2, 3, 1]);
  expect(nearestNeighbourTour(metres, 5, 0, [])).toEqual([]);
});
