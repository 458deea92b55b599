/** Helpers of the tests that run the service (or a planner worker) as child processes and kill them. */
import type { ChildProcess } from 'node:child_process';
import { ENV_TOKENS } from './harness.ts';

/** Resolves with how the child ended. */
export const exited = (child: ChildProcess) => new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));

/** Calls the service at `url` with the test planner key; the status and the JSON body. */
export function client(url: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ENV_TOKENS.planner}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
}
