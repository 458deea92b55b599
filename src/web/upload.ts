/** A problem of a refused upload, as the API lists it. */
export interface Problem {
  file: string;
  line?: number;
  column?: string;
  path?: string;
  reason: string;
  text: string;
}

export type Slot = 'retailers' | 'lines' | 'policy' | 'calendar';

/** Which part of the upload a file is, by its name (retailers.xlsx, 线路.csv, policy.json…). */
export function slotOf(name: string): Slot | undefined {
  const n = name.toLowerCase();
  if (/retailer|零售|shop/.test(n)) return 'retailers';
  if (/calendar|日历/.test(n)) return 'calendar';
  if (/polic|策略/.test(n)) return 'policy';
  if (/line|线路/.test(n)) return 'lines';
  return undefined;
}

/** Bytes as base64, in slices (String.fromCharCode on megabytes at once overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The upload's JSON body: each file as base64 (so XLSX and GBK bytes arrive as they are),
 * placed by its name. A file whose part cannot be told from its name is an error here.
 */
export async function uploadBody(files: { name: string; arrayBuffer(): Promise<ArrayBuffer> }[]): Promise<Record<string, { name: string; base64: string }>> {
  const body: Record<string, { name: string; base64: string }> = {};
  for (const f of files) {
    const slot = slotOf(f.name);
    if (!slot) throw new Error(`${f.name}: cannot tell whether this is the retailers, lines, policy or calendar file (name it retailers.*, lines.*, policy.json, calendar.json)`);
    body[slot] = { name: f.name, base64: toBase64(new Uint8Array(await f.arrayBuffer())) };
  }
  return body;
}
