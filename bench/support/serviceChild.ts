import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A benchmark's service in a child process: `script --serve --data DATA` in a fresh DATA_DIR on
 * loopback, with the given keys and the per-key rate limit lifted (one key makes most requests
 * here; the limit's cost is still paid). `ready` resolves once the child prints `READY {json}`;
 * the caller calls `stop` whatever happens: it ends the child and removes its data.
 */
export function startService<Ready extends { url: string }>(
  script: string,
  data: string,
  keys: string,
  name: string,
): { child: ChildProcess; ready: Promise<Ready>; stop: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), `vp-bench-${name}-`));
  const child = spawn(process.execPath, [script, '--serve', '--data', data], {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', API_KEYS: keys, RATE_LIMIT_PER_MINUTE: '1000000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<Ready>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (.*)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]) as Ready);
    });
    child.on('exit', (code) => reject(new Error(`service exited (${code}) before it was ready`)));
  }).then((r) => {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(r.url)) throw new Error(`not a loopback URL: ${r.url}`);
    return r;
  });
  const stop = async () => {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await gone;
    rmSync(dir, { recursive: true, force: true });
  };
  return { child, ready, stop };
}
