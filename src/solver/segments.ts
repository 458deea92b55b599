/**
 * Duration segments, after PyVRP's `DurationSegment` (Vidal et al. 2013, "A hybrid
 * genetic algorithm with adaptive diversity management ... time windows"): a visit
 * sequence is summarised by four numbers, and two summaries join in O(1), so a move is
 * costed by joining a cached prefix, a few nodes and a cached suffix.
 *
 * - `duration`: least total time (travel + service + waiting) to run the sequence,
 * - `timeWarp`: least total lateness (time travelled back to meet the windows),
 * - `early`, `late`: the window in which service at the first node may start so that
 *   the two figures above are reached;
 * - `busy`: travel + service, so that `duration - busy` is the waiting of the schedule
 *   (least duration is least waiting, since travel and service are fixed by the order).
 *
 * A single customer is (service, 0, ready, due, service). In arrays, a segment takes `SEG`
 * consecutive slots in that order.
 */

export const SEG = 5;

export interface SegmentValue {
  duration: number;
  timeWarp: number;
  early: number;
  late: number;
  busy: number;
}

/** Joins `a` then `b`, with `edge` the travel time from a's last node to b's first. */
export function merge(a: SegmentValue, b: SegmentValue, edge: number): SegmentValue {
  const s = new Segment();
  s.set(a.duration, a.timeWarp, a.early, a.late, a.busy);
  s.append(edge, b.duration, b.timeWarp, b.early, b.late, b.busy);
  return { duration: s.duration, timeWarp: s.timeWarp, early: s.early, late: s.late, busy: s.busy };
}

/**
 * A mutable accumulator for joining segments left to right without allocating: the
 * search keeps a few and reuses them for every move it costs.
 */
export class Segment {
  duration = 0;
  timeWarp = 0;
  early = 0;
  late = 0;
  busy = 0;

  set(duration: number, timeWarp: number, early: number, late: number, busy: number): void {
    this.duration = duration;
    this.timeWarp = timeWarp;
    this.early = early;
    this.late = late;
    this.busy = busy;
  }

  /** this := one node with `service` and window [ready, due] (a depot has service 0). */
  setNode(service: number, ready: number, due: number): void {
    this.set(service, 0, ready, due, service);
  }

  load(arr: Float64Array, at: number): void {
    const o = at * SEG;
    this.duration = arr[o];
    this.timeWarp = arr[o + 1];
    this.early = arr[o + 2];
    this.late = arr[o + 3];
    this.busy = arr[o + 4];
  }

  store(arr: Float64Array, at: number): void {
    const o = at * SEG;
    arr[o] = this.duration;
    arr[o + 1] = this.timeWarp;
    arr[o + 2] = this.early;
    arr[o + 3] = this.late;
    arr[o + 4] = this.busy;
  }

  /** this := this ⊕ (d, tw, e, l, busy), travelling `edge` in between. */
  append(edge: number, d: number, tw: number, e: number, l: number, busy: number): void {
    // Leaving the first part as early as possible, we reach the second part's first node
    // `atSecond` after the first part's start; waiting and warp follow from the windows.
    const atSecond = this.duration - this.timeWarp + edge;
    const diffWait = Math.max(e - atSecond - this.late, 0);
    const diffTw = Math.max(this.early + atSecond - l, 0);
    this.duration = this.duration + d + edge + diffWait;
    this.timeWarp = this.timeWarp + tw + diffTw;
    this.early = Math.max(e - atSecond, this.early) - diffWait;
    this.late = Math.min(l - atSecond, this.late) + diffTw;
    this.busy += edge + busy;
  }

  /** this := this ⊕ one node (service, window [ready, due]). */
  appendNode(edge: number, service: number, ready: number, due: number): void {
    this.append(edge, service, 0, ready, due, service);
  }

  /** this := this ⊕ segment stored in `arr` at slot `at`. */
  appendFrom(edge: number, arr: Float64Array, at: number): void {
    const o = at * SEG;
    this.append(edge, arr[o], arr[o + 1], arr[o + 2], arr[o + 3], arr[o + 4]);
  }

  /**
   * Time warp including the excess over a maximum duration, as PyVRP counts it, and the
   * waiting above a maximum (a manager is not parked outside closed shops for hours).
   * Waiting that keeps the route within `waitFree` of duration is not counted: a route that
   * must last that long anyway (a day's market hours) fills it with waiting or with work.
   */
  totalTimeWarp(maxDuration: number, maxWait: number, waitFree: number): number {
    const wait = this.duration - this.busy;
    return this.timeWarp + Math.max(this.duration - maxDuration, 0) + Math.max(Math.min(wait, this.duration - waitFree) - maxWait, 0);
  }
}
