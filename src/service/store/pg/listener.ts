import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Listens on one PostgreSQL NOTIFY channel on a connection of its own, and reconnects
 * after losing it (a PostgreSQL restart) with a growing pause, up to 5 s. What was sent
 * while disconnected is lost: `onReconnect` is called after each reconnection so that the
 * caller can read the current state of what it follows.
 */
export class PgListener {
  readonly #url: string;
  readonly #channel: string;
  readonly #log: FastifyBaseLogger;
  readonly #onMessage: (payload: string) => void;
  readonly #onReconnect: () => void;
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #pauseMs = 100;

  constructor(url: string, channel: string, log: FastifyBaseLogger, onMessage: (payload: string) => void, onReconnect: () => void) {
    this.#url = url;
    this.#channel = channel;
    this.#log = log;
    this.#onMessage = onMessage;
    this.#onReconnect = onReconnect;
  }

  /** Resolves once listening (the first connection must work: a wrong URL fails the start). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (m) => {
      if (m.channel === this.#channel && m.payload !== undefined) this.#onMessage(m.payload);
    });
    const lost = (err?: Error) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      client.end().catch(() => {});
      if (this.#closed) return;
      this.#log.warn({ err, channel: this.#channel }, 'notifications: connection lost; reconnecting');
      this.#schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.#channel}`);
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
    this.#client = client;
    this.#pauseMs = 100;
  }

  #schedule(): void {
    this.#retry = setTimeout(() => {
      this.#connect().then(
        () => {
          this.#log.info({ channel: this.#channel }, 'notifications: listening again');
          this.#onReconnect();
        },
        () => {
          this.#pauseMs = Math.min(5_000, this.#pauseMs * 2);
          this.#schedule();
        },
      );
    }, this.#pauseMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }
}
