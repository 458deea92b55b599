import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Where the OSRM programs are: OSRM_TOOLS, else `../shared/tools/osrm` beside the repository
 * (OSRM 6.0.0 built for these machines; its README lists the Debian runtime packages).
 * Null when they are not there: callers skip, and say so.
 */
export function osrmTools(): string | null {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const dir = process.env.OSRM_TOOLS ?? resolve(root, '../shared/tools/osrm');
  return existsSync(join(dir, 'bin', 'osrm-routed')) ? dir : null;
}

export interface LocalOsrm {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Prepares `osmFile` for the multi-level Dijkstra pipeline (osrm-extract with the stock
 * car.lua, osrm-partition, osrm-customize), then serves it with `osrm-routed --algorithm mld`
 * on a free loopback port, and waits until it answers. For tests and benchmarks.
 * `algorithm: 'ch'` prepares with osrm-contract instead (faster tables, see bench:roads).
 */
export async function serveOsm(
  tools: string,
  osmFile: string,
  options: { maxTableSize?: number; algorithm?: 'mld' | 'ch'; smallComponentSize?: number; threads?: number } = {},
): Promise<LocalOsrm> {
  const env = { ...process.env, LD_LIBRARY_PATH: join(tools, 'lib') };
  const bin = (name: string) => join(tools, 'bin', name);
  const base = osmFile.replace(/\.osm(\.pbf)?$/, '');
  const osrm = `${base}.osrm`;
  const algorithm = options.algorithm ?? 'mld';
  await run(bin('osrm-extract'), ['-p', join(tools, 'profiles', 'car.lua'), ...(options.smallComponentSize ? ['--small-component-size', String(options.smallComponentSize)] : []), osmFile], { env });
  if (algorithm === 'mld') {
    await run(bin('osrm-partition'), [osrm], { env });
    await run(bin('osrm-customize'), [osrm], { env });
  } else {
    await run(bin('osrm-contract'), [osrm], { env });
  }
  const port = await freePort();
  const args = ['--algorithm', algorithm, '--ip', '127.0.0.1', '--port', String(port), '--max-table-size', String(options.maxTableSize ?? 400), ...(options.threads ? ['--threads', String(options.threads)] : []), osrm];
  const child = spawn(bin('osrm-routed'), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child, () => stderr);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`osrm-routed exited with ${child.exitCode}: ${stderr().slice(-500)}`);
    try {
      const res = await fetch(`${url}/nearest/v1/driving/0,0`);
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(50);
  }
  child.kill('SIGTERM');
  throw new Error(`osrm-routed at ${url} did not answer within 15 s (last: ${last})`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
