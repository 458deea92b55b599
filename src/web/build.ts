/**
 * Builds the planner's page into dist/web (npm install runs it; also `npm run build:web`):
 * one ES module bundle (the page and MapLibre GL JS), one stylesheet, MapLibre's worker,
 * index.html, each also gzipped for the service to send as it is. esbuild: one binary
 * from npm, the whole build in well under a second, no configuration files.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const out = process.env.WEB_DIR ?? here('../../dist/web');
const started = performance.now();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: here('main.ts') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  outdir: out,
  logLevel: 'warning',
});
copyFileSync(here('index.html'), `${out}/index.html`);
copyFileSync(fileURLToPath(import.meta.resolve('maplibre-gl/dist/maplibre-gl-worker.mjs')), `${out}/maplibre-gl-worker.mjs`);
for (const f of readdirSync(out)) if (/\.(js|mjs|css|html)$/.test(f)) writeFileSync(`${out}/${f}.gz`, gzipSync(readFileSync(`${out}/${f}`), { level: 9 }));

const sizes = readdirSync(out).filter((f) => !f.endsWith('.gz')).map((f) => `${f} ${(readFileSync(`${out}/${f}`).length / 1024).toFixed(0)} kB`);
process.stdout.write(`web page built in ${Math.round(performance.now() - started)} ms into ${out}: ${sizes.join(', ')}\n`);
