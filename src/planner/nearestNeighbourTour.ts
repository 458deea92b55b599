/**
 * A tour from `depot` through `stops` and back, always driving to the nearest stop not yet
 * visited: how a manager without a router orders the day. `metres` is row-major size × size.
 */
export function nearestNeighbourTour(metres: Float64Array, size: number, depot: number, stops: readonly number[]): number[] {
  const left = stops.slice();
  const tour: number[] = [];
  let at = depot;
  while (left.length > 0) {
    let best = 0;
    for (let k = 1; k < left.length; k++) {
      if (metres[at * size + left[k]] < metres[at * size + left[best]]) best = k;
    }
    at = left[best];
    tour.push(at);
    left[best] = left[left.length - 1];
    left.pop();
  }
  return tour;
}
