import type ExcelJS from 'exceljs';

/** Excel's limit on a sheet name's length. */
const SHEET_NAME_MAX = 31;
const MIN_WIDTH = 6;
const MAX_WIDTH = 40;

/**
 * Sheet names Excel accepts, each once: the characters it forbids become `_`, the name is
 * cut to 31 characters, and a repeat (Excel compares without case) gets `~2`, `~3` …
 * A line id may be 32 characters, so two lines could otherwise share a sheet.
 */
export function sheetNamer(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, SHEET_NAME_MAX);
    // Excel keeps "History" for itself.
    if (base === '' || base.toLowerCase() === 'history') base = `${base}_`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) {
      const suffix = `~${k}`;
      name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

/** Columns a cell of this text needs: CJK and full-width characters take two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

type Cell = string | number | null;

export interface RowStyle {
  /** Number formats by column; null or missing leaves the cell General. */
  formats?: readonly (string | null)[];
  bold?: boolean;
  italic?: boolean;
  fill?: ExcelJS.Fill;
  /** False for rows whose text should run on over empty cells rather than widen a column. */
  measure?: boolean;
}

/** A worksheet written top to bottom, header row frozen and printed on every page, columns sized to what they hold. */
export class SheetWriter {
  readonly sheet: ExcelJS.Worksheet;
  private readonly widths: number[] = [];

  constructor(workbook: ExcelJS.Workbook, name: string) {
    this.sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      // A4 landscape, as wide as the page and as many pages long as it takes.
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
      headerFooter: { oddFooter: `&L${name}&R&P / &N` },
    });
    // The header row on every printed page.
    this.sheet.pageSetup.printTitlesRow = '1:1';
  }

  header(titles: readonly string[], fill: ExcelJS.Fill): void {
    this.row(titles, { bold: true, fill });
  }

  row(values: readonly Cell[], style: RowStyle = {}): ExcelJS.Row {
    const row = this.sheet.addRow([...values]);
    values.forEach((v, i) => {
      // A fill marks the whole row, empty cells too (a day off, a day with no visit).
      if (style.fill) row.getCell(i + 1).fill = style.fill;
      if (v === null) return;
      const cell = row.getCell(i + 1);
      const format = style.formats?.[i];
      if (format && typeof v === 'number') cell.numFmt = format;
      if (style.bold || style.italic) cell.font = { bold: style.bold, italic: style.italic };
      if (style.measure !== false) this.measure(i, typeof v === 'number' ? shown(v, format) : v);
    });
    return row;
  }

  /** A title across `columns` columns (a merged cell), e.g. a week's heading; not measured. */
  banner(text: string, columns: number, style: { fill?: ExcelJS.Fill; colour?: string } = {}): void {
    const row = this.sheet.addRow([text]);
    this.sheet.mergeCells(row.number, 1, row.number, columns);
    const cell = row.getCell(1);
    cell.font = { bold: true, ...(style.colour ? { color: { argb: style.colour } } : {}) };
    if (style.fill) cell.fill = style.fill;
  }

  blank(): void {
    this.sheet.addRow([]);
  }

  /** Sets each column's width from the widest text measured in it, within sensible bounds. */
  fitColumns(): void {
    this.widths.forEach((w, i) => {
      this.sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
    });
  }

  private measure(column: number, text: string): void {
    this.widths[column] = Math.max(this.widths[column] ?? 0, textWidth(text));
  }
}

/** Roughly what Excel shows for a number in a format: enough to size the column. */
function shown(v: number, format: string | null | undefined): string {
  if (!format) return String(v);
  const decimals = /\.(0+)/.exec(format)?.[1].length ?? 0;
  return format.endsWith('%') ? `${(v * 100).toFixed(decimals)}%` : v.toFixed(decimals);
}
