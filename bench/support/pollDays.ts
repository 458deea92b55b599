/**
 * The managers' phones for bench:hostile, in a process of their own so that the driver's
 * own work (sending a 60 MB upload) never delays them. Reads `{ url, seconds, rate,
 * clients: [{ token, paths }] }` on stdin; each client keeps one connection and asks for
 * its next day every 1/`rate` s, at its own phase. A request's latency runs from when it
 * was due, not when it was sent, so a stall that holds requests back counts in full.
 * Prints `RESULT <json>` (ms).
 */
import { Agent, request } from 'node:http';

interface Job {
  url: string;
  seconds: number;
  rate: number;
  clients: { token: string; paths: string[] }[];
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input) as Job;
const { hostname, port } = new URL(job.url);
const latencies: number[] = [];
let non2xx = 0;
let errors = 0;
const interval = 1000 / job.rate;
const end = performance.now() + job.seconds * 1000;

await Promise.all(
  job.clients.map(async (c, k) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const pending: Promise<void>[] = [];
    // Phases spread over the interval, as phones are not in step.
    for (let due = performance.now() + (interval * k) / job.clients.length, n = 0; due < end; due += interval, n++) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const path = c.paths[n % c.paths.length];
      const at = due;
      pending.push(
        new Promise<void>((resolve) => {
          const req = request({ hostname, port, path, agent, headers: { authorization: `Bearer ${c.token}` } }, (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - at);
              if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx += 1;
              resolve();
            });
          });
          req.on('error', () => {
            errors += 1;
            resolve();
          });
          req.end();
        }),
      );
    }
    await Promise.all(pending);
    agent.destroy();
  }),
);
latencies.sort((a, b) => a - b);
const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
process.stdout.write(`RESULT ${JSON.stringify({ requests: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1), non2xx, errors })}\n`);
