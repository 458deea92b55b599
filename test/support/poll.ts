/**
 * Waits for a state by polling, with a deadline: the test fails as soon as the deadline
 * passes, saying what it waited for and the last state it saw (never a bare 120 s timeout,
 * never a fixed sleep that a loaded machine outlasts).
 */
export async function poll<T>(read: () => T | Promise<T>, ok: (seen: T) => boolean, what: string, { timeoutMs = 10_000, everyMs = 10 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await read();
    if (ok(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms; last seen ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
