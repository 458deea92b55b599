import { parse } from 'csv-parse/sync';

/** One row of a best-known-solution table. */
export interface BksEntry {
  instance: string;
  /** Solomon/Homberger: vehicles of the BKS (hierarchical objective); PVRP: m, the fleet per day. */
  vehicles: number;
  distance: number;
  source: string;
}

/**
 * Reads a BKS table `instance,vehicles,distance,source` (sources are quoted when they
 * hold commas) into a map keyed by instance name.
 */
export function parseBks(text: string): Map<string, BksEntry> {
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  const table = new Map<string, BksEntry>();
  rows.forEach((row, i) => {
    const vehicles = Number(row.vehicles);
    const distance = Number(row.distance);
    if (!row.instance || !Number.isFinite(vehicles) || !Number.isFinite(distance)) {
      throw new Error(`BKS row ${i + 2}: expected instance,vehicles,distance,source, found ${JSON.stringify(row)}`);
    }
    table.set(row.instance, { instance: row.instance, vehicles, distance, source: row.source ?? '' });
  });
  return table;
}
