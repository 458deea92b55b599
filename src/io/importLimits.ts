/**
 * What an import may cost, so that a hostile or careless file is refused before it costs
 * memory. The library's callers (the CLI, the demo) trust their files and take no limits;
 * the service sets them from its configuration.
 */
export interface ImportLimits {
  /** Most rows a table file may have: text lines of a CSV, rows of a worksheet, features of a GeoJSON. */
  maxRows: number;
  /** Most bytes an XLSX may inflate to, by its own zip directory, checked before anything is inflated. */
  maxInflatedBytes: number;
  /** Problems kept to list; every problem is still counted. */
  maxProblems: number;
}

export const NO_LIMITS: ImportLimits = { maxRows: Infinity, maxInflatedBytes: Infinity, maxProblems: Infinity };

/** The whole-file problem of a table with more rows than the limit. */
export function tooManyRows(found: number, maxRows: number, unit = 'rows'): string {
  return `${found} ${unit}, more than the ${maxRows} rows an upload may have`;
}
