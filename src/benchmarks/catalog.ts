import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the shared instance files live; override with BENCHMARKS_DIR. */
export const BENCHMARKS_DIR = process.env.BENCHMARKS_DIR ?? '/work/shared/benchmarks';

export const FAMILIES = ['solomon', 'homberger', 'pvrp', 'pvrptw'] as const;
export type Family = (typeof FAMILIES)[number];

export interface FamilySpec {
  family: Family;
  /** Folder of the instance files. */
  dir: string;
  /** Which files of the folder belong to the family. */
  pattern: RegExp;
  /** BKS table (absent: none published). */
  bks?: string;
  /** A second reference table reported beside the BKS (PVRP: Cordeau 1997). */
  reference?: string;
  /** Default seconds per instance (issue 3). */
  defaultTimeS: number;
  /** Hierarchical BKS (vehicles first): solve with the fleet capped at the BKS vehicles. */
  capFleetAtBks: boolean;
}

export function familySpec(family: Family, root = BENCHMARKS_DIR): FamilySpec {
  switch (family) {
    case 'solomon':
      return { family, dir: join(root, 'solomon'), pattern: /^(c|r|rc)\d{3}\.txt$/, bks: join(root, 'solomon/bks_solomon.csv'), defaultTimeS: 10, capFleetAtBks: true };
    case 'homberger':
      return { family, dir: join(root, 'homberger/200'), pattern: /^(c|r|rc)\d_2_\d+\.txt$/, bks: join(root, 'homberger/bks_homberger_200.csv'), defaultTimeS: 30, capFleetAtBks: true };
    case 'pvrp':
      return { family, dir: join(root, 'pvrp'), pattern: /^p\d\d$/, bks: join(root, 'pvrp/bks_pvrp.csv'), reference: join(root, 'pvrp/cordeau1997_solutions_pvrp.csv'), defaultTimeS: 60, capFleetAtBks: false };
    case 'pvrptw':
      return { family, dir: join(root, 'pvrptw'), pattern: /^pr\d\d$/, defaultTimeS: 60, capFleetAtBks: false };
  }
}

/** File names of a family's instances in natural order (c1_2_2 before c1_2_10). */
export function familyFiles(spec: FamilySpec): string[] {
  return readdirSync(spec.dir)
    .filter((f) => spec.pattern.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
