/** Parses one whitespace-separated field as a finite number, or throws naming the line. */
export function toNumber(token: string | undefined, lineNo: number, what: string): number {
  const value = token === undefined ? NaN : Number(token);
  if (!Number.isFinite(value)) {
    throw new Error(`line ${lineNo}: ${what} is not a number: ${JSON.stringify(token ?? '')}`);
  }
  return value;
}

/** Non-blank lines with their 1-based line numbers, split into fields (CRLF tolerated). */
export function fieldLines(text: string): { lineNo: number; fields: string[] }[] {
  const out: { lineNo: number; fields: string[] }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const fields = line.trim().split(/\s+/).filter((f) => f !== '');
    if (fields.length > 0) out.push({ lineNo: i + 1, fields });
  });
  return out;
}
