/**
 * The service as a child process for the restart tests: the real server.ts (store,
 * listen, signals) with the fake planner. A job with seed 999 never finishes, standing
 * in for a long solve. Prints `LISTENING <url>` once it listens.
 */
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Planner } from '../../../src/planner/api.ts';
import { loadConfig } from '../../../src/service/config.ts';
import { closeOnSignals, startServer } from '../../../src/service/server.ts';
import { fakePlan } from './fakePlanner.ts';

const planner: Planner = (request, options = {}) =>
  request.seed === 999
    ? new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal!.reason)))
    : Promise.resolve(fakePlan(request));

const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' }, pino.destination(2)) as unknown as FastifyBaseLogger;
const server = await startServer({ config: loadConfig(), planner, logger });
closeOnSignals(server, logger);
process.stdout.write(`LISTENING ${server.url}\n`);
