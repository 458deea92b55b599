import { z } from 'zod';
import { decimal, identifier, latitude, longitude } from './textFields.ts';

export const VEHICLES = ['car', 'motorbike'] as const;
export type Vehicle = (typeof VEHICLES)[number];


/** One row of `lines.csv` as text: a visit line, its manager, base and vehicle. */
export const LineRowSchema = z
  .object({
    line: identifier,
    county: z.string().trim().min(1, 'expected a county'),
    manager: z.string().trim().min(1, 'expected a name').max(60, 'expected at most 60 characters'),
    base_lon: longitude,
    base_lat: latitude,
    vehicle: z.enum(VEHICLES, { error: `expected one of ${VEHICLES.join(', ')}` }),
    litres_per_100km: decimal('litres per 100 km').pipe(z.number().gt(0, 'expected more than 0').max(40, 'expected at most 40')),
  })
  .transform(
    (row): Line => ({
      line: row.line,
      county: row.county,
      manager: row.manager,
      baseLon: row.base_lon,
      baseLat: row.base_lat,
      vehicle: row.vehicle,
      litresPer100Km: row.litres_per_100km,
    }),
  );

export const LINE_COLUMNS = ['line', 'county', 'manager', 'base_lon', 'base_lat', 'vehicle', 'litres_per_100km'] as const;

/** A visit line: the territory one customer manager owns, and where the manager starts each day. */
export const LineSchema = z.object({
  line: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  county: z.string().min(1),
  manager: z.string().min(1),
  baseLon: z.number().min(-180).max(180),
  baseLat: z.number().min(-90).max(90),
  vehicle: z.enum(VEHICLES),
  litresPer100Km: z.number().gt(0),
});
export type Line = z.infer<typeof LineSchema>;
