import cn from '../../data/calendar/cn.json' with { type: 'json' };

/**
 * The shipped China calendar, bundled as a JSON module so importing a dataset from
 * uploaded bytes needs no file system. Validated like an uploaded one, in dataset.ts.
 */
export const DEFAULT_CALENDAR_JSON: unknown = cn;
export const DEFAULT_CALENDAR_FILE = 'data/calendar/cn.json';
