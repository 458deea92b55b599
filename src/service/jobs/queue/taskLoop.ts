import type { FastifyBaseLogger } from 'fastify';
import type { Job, PgBoss } from 'pg-boss';

/**
 * Takes one queue's tasks one at a time and runs them, beating while each runs: the next
 * task is fetched as soon as one ends, and the loop pauses `idleMs` only when the queue
 * was empty. (pg-boss's work() waits out its polling interval after each task that ran
 * shorter than it: on one-week lines, which take a few tenths of a second, a worker of
 * one thread sat idle two thirds of the time.) A task whose handler throws is failed, so
 * that the queue retries it; stop() aborts the running handler, whose task is then failed
 * and taken up by another worker.
 */
export function taskLoop<T extends object>(
  boss: PgBoss,
  name: string,
  opts: { heartbeatSeconds: number; idleMs: number; log: FastifyBaseLogger },
  handler: (task: Job<T>, signal: AbortSignal) => Promise<void>,
): { stop: () => Promise<void> } {
  const stopping = new AbortController();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      stopping.signal.addEventListener('abort', wake);
    });
  const run = async () => {
    while (!stopping.signal.aborted) {
      let task: Job<T> | undefined;
      try {
        [task] = await boss.fetch<T>(name);
      } catch (err) {
        opts.log.warn({ err, queue: name }, 'could not fetch a task; trying again shortly');
      }
      if (!task) {
        await pause(opts.idleMs);
        continue;
      }
      // Fenced to this try: once the queue has given the task to another worker, these touch and settle nothing.
      const attempt = { id: task.id, retryCount: task.retryCount };
      const beat = setInterval(() => boss.touch(name, attempt).catch((err: unknown) => opts.log.warn({ err, queue: name }, 'heartbeat not sent')), (opts.heartbeatSeconds * 1000) / 2);
      try {
        await handler(task, stopping.signal);
        await boss.complete(name, attempt);
      } catch (err) {
        opts.log.warn({ err, queue: name, task: task.id }, 'task failed; the queue tries it again');
        await boss.fail(name, attempt, { message: err instanceof Error ? err.message : String(err) }).catch(() => {});
      } finally {
        clearInterval(beat);
      }
    }
  };
  const done = run();
  return {
    stop: async () => {
      stopping.abort(new Error('the worker is stopping'));
      await done;
    },
  };
}
