import { z } from 'zod';
import { decimal, identifier, latitude, longitude } from './textFields.ts';
import { isClockTime, parseClock } from './clock.ts';

/** The seven business formats of the seed (002: definitions by floor area and setting). */
export const FORMATS = [
  'grocery',
  'tobacco_liquor',
  'convenience',
  'supermarket',
  'entertainment',
  'other',
  'mall',
] as const;
export type Format = (typeof FORMATS)[number];

/** Customer classes of the work standard (001): first/second-batch modern terminal, ordinary, violating. */
export const CLASSES = ['modern1', 'modern2', 'ordinary', 'violating'] as const;
export type RetailerClass = (typeof CLASSES)[number];

/** How the retailer places its orders (seed 000: computer 75%, phone 12%, mobile 2.75%). */
export const ORDERING = ['computer', 'phone', 'mobile', 'other'] as const;
export type Ordering = (typeof ORDERING)[number];

const id = identifier;
const flag = z.enum(['0', '1'], { error: 'expected 0 or 1' }).transform((v) => v === '1');
const clock = z.string().refine(isClockTime, 'expected a time of day HH:MM');

/**
 * One row of `retailers.csv` as text, the exchange format planners edit in Excel.
 * Parsing it yields a {@link Retailer}; errors carry the column name as their path.
 */
export const RetailerRowSchema = z
  .object({
    id,
    name: z.string().trim().min(1, 'expected a name').max(100, 'expected at most 100 characters'),
    lon: longitude,
    lat: latitude,
    county: z.string().trim().min(1, 'expected a county'),
    township: z.string().trim(),
    urban: flag,
    format: z.enum(FORMATS, { error: `expected one of ${FORMATS.join(', ')}` }),
    class: z.enum(CLASSES, { error: `expected one of ${CLASSES.join(', ')}` }),
    supply_stopped: flag,
    must_in_person: flag,
    vulnerable: flag,
    line: id,
    opens: clock,
    closes: clock,
    order_weekday: z.enum(['1', '2', '3', '4', '5'], { error: 'expected a weekday 1 to 5' }).transform(Number),
    ordering: z.enum(ORDERING, { error: `expected one of ${ORDERING.join(', ')}` }),
    phone: z
      .string()
      .trim()
      .regex(/^(\+?[0-9][0-9 -]{4,19})?$/, 'expected a phone number or nothing'),
    elevation_m: decimal('metres above sea level').pipe(z.number().min(-500, 'expected -500 to 9000').max(9000, 'expected -500 to 9000')),
  })
  .superRefine((row, ctx) => {
    // zod still runs this when a time failed its own check (refine issues do not abort): compare only real times.
    if (!isClockTime(row.opens) || !isClockTime(row.closes)) return;
    if (parseClock(row.closes) <= parseClock(row.opens)) {
      ctx.addIssue({ code: 'custom', path: ['closes'], message: `closes at or before opens (${row.opens})`, input: row.closes });
    }
  })
  .transform(
    (row): Retailer => ({
      id: row.id,
      name: row.name,
      lon: row.lon,
      lat: row.lat,
      county: row.county,
      township: row.township,
      urban: row.urban,
      format: row.format,
      class: row.class,
      supplyStopped: row.supply_stopped,
      mustInPerson: row.must_in_person,
      vulnerable: row.vulnerable,
      line: row.line,
      opensMin: parseClock(row.opens),
      closesMin: parseClock(row.closes),
      orderWeekday: row.order_weekday,
      ordering: row.ordering,
      phone: row.phone,
      elevationM: row.elevation_m,
    }),
  );

/** The columns of `retailers.csv`, in their written order. */
export const RETAILER_COLUMNS = [
  'id', 'name', 'lon', 'lat', 'county', 'township', 'urban', 'format', 'class',
  'supply_stopped', 'must_in_person', 'vulnerable', 'line', 'opens', 'closes',
  'order_weekday', 'ordering', 'phone', 'elevation_m',
] as const;

/** A licensed retailer on a visit line. Times of day are minutes after midnight. */
export const RetailerSchema = z.object({
  id,
  name: z.string().min(1),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  county: z.string().min(1),
  township: z.string(),
  urban: z.boolean(),
  format: z.enum(FORMATS),
  class: z.enum(CLASSES),
  supplyStopped: z.boolean(),
  mustInPerson: z.boolean(),
  vulnerable: z.boolean(),
  line: id,
  opensMin: z.number().int().min(0).max(1439),
  closesMin: z.number().int().min(1).max(1440),
  orderWeekday: z.number().int().min(1).max(5),
  ordering: z.enum(ORDERING),
  phone: z.string(),
  elevationM: z.number(),
});
export type Retailer = z.infer<typeof RetailerSchema>;
