/**
 * Granular neighbourhoods (Toth & Vigo 2003): for each customer the k customers it is
 * most worth moving next to. Proximity after PyVRP's `compute_neighbours`: cost plus
 * 0.2 × the least waiting and 1 × the least time warp of going i → j, made symmetric by
 * taking the smaller direction, so neighbours also make sense under time windows.
 */
import type { Instance } from './instance.ts';

export interface Neighbours {
  k: number;
  /** Customer ids: `list[c * k .. c * k + count[c])`, nearest first. */
  list: Int32Array;
  count: Int32Array;
}

export function computeNeighbours(inst: Instance, k: number): Neighbours {
  const { n, L, cost, time, service, ready, due, location } = inst;
  k = Math.max(0, Math.min(k, n - 1));
  const list = new Int32Array(n * k);
  const count = new Int32Array(n);
  const bestD = new Float64Array(k + 1);
  const prox = (i: number, j: number): number => {
    const a = location[i];
    const b = location[j];
    const t = time[a * L + b];
    const wait = Math.max(ready[b] - t - service[a] - due[a], 0);
    const warp = Math.max(ready[a] + service[a] + t - due[b], 0);
    return cost[a * L + b] + 0.2 * wait + warp;
  };
  for (let i = 0; i < n; i++) {
    let m = 0;
    const off = i * k;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const p = Math.min(prox(i, j), prox(j, i));
      if (m === k && p >= bestD[m - 1]) continue;
      // Insertion into the sorted top-k.
      let q = m < k ? m++ : m - 1;
      while (q > 0 && bestD[q - 1] > p) {
        bestD[q] = bestD[q - 1];
        list[off + q] = list[off + q - 1];
        q--;
      }
      bestD[q] = p;
      list[off + q] = j;
    }
    count[i] = m;
  }
  return { k, list, count };
}
