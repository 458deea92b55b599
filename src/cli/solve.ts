/**
 * Solves one benchmark instance file and prints the solution JSON.
 *
 *   npm run solve -- <instance-file> [--time <seconds>] [--iterations <n>] [--seed <n>]
 *                    [--vehicles <k>] [--out <file.json>]
 *
 * The summary goes to stderr, the JSON to stdout (or --out). Bad arguments: exit 2.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSolveTask, type SolveTask } from '../benchmarks/runTask.ts';

export const USAGE =
  'usage: npm run solve -- <instance-file> [--time <seconds>] [--iterations <n>] [--seed <n>] [--vehicles <k>] [--out <file.json>]';

/** Seconds when neither --time nor --iterations is given. */
const DEFAULT_TIME_S = 10;

export interface SolveArgs {
  task: SolveTask & { path: string };
  out?: string;
}

/** Thrown for bad command lines; main turns it into exit code 2. */
export class UsageError extends Error {}

export function parseSolveArgs(argv: string[]): SolveArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        time: { type: 'string' },
        iterations: { type: 'string' },
        seed: { type: 'string' },
        vehicles: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'missing the instance file' : `one instance file expected, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const time = optionalNumber(values.time, '--time', (v) => v > 0, 'a positive number of seconds');
  const iterations = optionalNumber(values.iterations, '--iterations', (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const seed = optionalNumber(values.seed, '--seed', (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer');
  const vehicles = optionalNumber(values.vehicles, '--vehicles', (v) => Number.isInteger(v) && v > 0, 'a positive integer');
  const timeS = time ?? (iterations === undefined ? DEFAULT_TIME_S : undefined);
  return {
    task: {
      path: positionals[0],
      seed: seed ?? 1,
      timeLimitMs: timeS === undefined ? undefined : timeS * 1000,
      maxIterations: iterations,
      maxVehiclesPerDay: vehicles,
    },
    out: values.out,
  };
}

function optionalNumber(raw: string | undefined, flag: string, ok: (v: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !ok(v)) throw new UsageError(`${flag} must be ${what}, got ${JSON.stringify(raw)}`);
  return v;
}

export function main(argv: string[]): number {
  let args: SolveArgs;
  try {
    args = parseSolveArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  let result;
  try {
    result = runSolveTask(args.task);
  } catch (e) {
    // Unreadable or malformed instance: the reader's message names the line.
    process.stderr.write(`error: ${args.task.path}: ${(e as Error).message}\n`);
    return 2;
  }
  const json = JSON.stringify(result.solution);
  if (args.out) writeFileSync(args.out, json + '\n');
  else process.stdout.write(json + '\n');
  const s = result.solution;
  process.stderr.write(
    `${s.instance}: cost ${s.cost.toFixed(2)}, ${s.vehicles} routes, ` +
      `${result.feasible ? 'feasible' : 'INFEASIBLE'} (solver's verdict)` +
      `${result.skipped > 0 ? `, ${result.skipped} skipped` : ''}, ` +
      `${result.iterations} iterations, ${(result.elapsedMs / 1000).toFixed(1)} s` +
      `${args.out ? ` → ${args.out}` : ''}\n`,
  );
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
