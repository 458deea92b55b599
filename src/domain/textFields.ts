import { z } from 'zod';

/** A decimal number written as text in a CSV cell, e.g. "114.07" or "-3". */
export const decimal = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `expected ${what}`)
    .transform(Number);

/** A longitude or latitude as text, range-checked. */
export const longitude = decimal('a longitude in degrees').pipe(z.number().min(-180, 'expected -180 to 180').max(180, 'expected -180 to 180'));
export const latitude = decimal('a latitude in degrees').pipe(z.number().min(-90, 'expected -90 to 90').max(90, 'expected -90 to 90'));

/** An identifier of a retailer or a line. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const identifier = z.string().regex(ID_PATTERN, 'expected 1–32 letters, digits, _ or -');
