import type { ServerResponse } from 'node:http';
import { AppError } from '../errors.ts';

/**
 * The open server-sent event streams: at most `perKey` per key and `total` in all (a
 * stream holds a socket and a listener for as long as the client likes). At shutdown
 * each gets a final `shutdown` event, so that a client knows to reconnect, not to wait.
 */
export class EventStreams {
  readonly #perKey: number;
  readonly #total: number;
  readonly #open = new Map<ServerResponse, string>();
  readonly #byKey = new Map<string, number>();

  constructor(limits: { perKey: number; total: number }) {
    this.#perKey = limits.perKey;
    this.#total = limits.total;
  }

  /** Refuses a new stream over either limit (429); call before answering. */
  assertRoom(keyId: string): void {
    if ((this.#byKey.get(keyId) ?? 0) >= this.#perKey) throw new AppError('VP_RATE_LIMITED', `this key has ${this.#perKey} event streams open already; close one first`, {}, { 'retry-after': '5' });
    if (this.#open.size >= this.#total) throw new AppError('VP_RATE_LIMITED', 'too many event streams are open; retry shortly', {}, { 'retry-after': '5' });
  }

  add(res: ServerResponse, keyId: string): void {
    this.#open.set(res, keyId);
    this.#byKey.set(keyId, (this.#byKey.get(keyId) ?? 0) + 1);
    res.on('close', () => {
      this.#open.delete(res);
      const n = (this.#byKey.get(keyId) ?? 1) - 1;
      if (n === 0) this.#byKey.delete(keyId);
      else this.#byKey.set(keyId, n);
    });
  }

  get size(): number {
    return this.#open.size;
  }

  /** Shutdown: a last event, then the end, for every stream. */
  endAll(): void {
    for (const res of this.#open.keys()) {
      res.write(`event: shutdown\ndata: ${JSON.stringify({ message: 'the service is shutting down; reconnect shortly' })}\n\n`);
      res.end();
    }
  }
}
