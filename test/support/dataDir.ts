import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyUpload } from '../service/support/dataset.ts';

/**
 * The tiny two-line dataset as a folder the command lines read (retailers.csv, lines.csv,
 * policy.json, the demo's terrain.asc), inside a fresh temporary folder; `over` replaces files.
 */
export function tinyDataDir(over: Record<string, string> = {}): { root: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'vp-cli-'));
  const data = join(root, 'data');
  const upload = tinyUpload();
  const files: Record<string, string> = { 'retailers.csv': upload.retailers.text, 'lines.csv': upload.lines.text, 'policy.json': upload.policy.text, ...over };
  mkdirSync(data);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(data, name), text);
  copyFileSync(new URL('../../data/demo/terrain.asc', import.meta.url), join(data, 'terrain.asc'));
  return { root, data };
}
