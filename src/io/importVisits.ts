import { z } from 'zod';
import { VisitRecordSchema, type VisitRecord } from '../domain/visitRecord.ts';
import { NO_LIMITS } from './importLimits.ts';
import { importTable } from './importTables.ts';

export const VISIT_COLUMNS = ['retailer', 'date', 'mode', 'outcome', 'reason'] as const;

/** A history row as text; an empty reason or kind is none. */
const VisitRowSchema = z.preprocess(
  (row) => {
    const r = row as Record<string, string>;
    // An empty reason or kind is none; the kind column is optional (routine where absent).
    return { ...r, reason: r.reason === '' ? undefined : r.reason, kind: r.kind === '' || r.kind === undefined ? undefined : r.kind };
  },
  VisitRecordSchema,
) as unknown as z.ZodType<VisitRecord, Record<string, string>>;

/**
 * A visit history file (`retailer,date,mode,outcome,reason`, optionally `kind`: routine, analysis, reevaluation; CSV or XLSX) → records, all or
 * nothing. A failed visit names one of the work standard's reasons (closed, owner_away, emergency).
 * @throws {ImportError} listing every bad row and field.
 */
export async function importVisits(bytes: Uint8Array, format: 'csv' | 'xlsx', file = `visits.${format}`): Promise<VisitRecord[]> {
  return importTable({ name: file, bytes, format }, { schema: VisitRowSchema, columns: VISIT_COLUMNS, optionalColumns: ['kind'] }, { lon: 'lon', lat: 'lat' }, NO_LIMITS);
}
