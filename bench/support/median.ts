/** The median of a sample (the upper middle of an even one), as the benchmarks quote their figures. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
