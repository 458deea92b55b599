import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../store/pg/db.ts';
import type { JobEvent } from '../planJobs.ts';

/** The channel job events travel on between processes: a worker notifies, every API instance listens. */
const CHANNEL = 'plan_job_events';

/** Tells every listening API instance that a job changed (after the change is committed). */
export async function notifyJob(db: Queryable, type: JobEvent['type'], id: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ type, id })]);
}

/**
 * Listens for job events on a connection of its own, and reconnects after losing it (a
 * PostgreSQL restart) with a growing pause, up to 5 s. Events sent while disconnected are
 * lost: `onReconnect` is called after each reconnection so that the caller can read the
 * current state of what it follows.
 */
export class JobEventListener {
  readonly #url: string;
  readonly #log: FastifyBaseLogger;
  readonly #onEvent: (type: JobEvent['type'], id: string) => void;
  readonly #onReconnect: () => void;
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #pauseMs = 100;

  constructor(url: string, log: FastifyBaseLogger, onEvent: (type: JobEvent['type'], id: string) => void, onReconnect: () => void) {
    this.#url = url;
    this.#log = log;
    this.#onEvent = onEvent;
    this.#onReconnect = onReconnect;
  }

  /** Resolves once listening (the first connection must work: a wrong URL fails the start). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (m) => {
      if (m.channel !== CHANNEL || m.payload === undefined) return;
      const { type, id } = JSON.parse(m.payload) as { type: JobEvent['type']; id: string };
      this.#onEvent(type, id);
    });
    const lost = (err?: Error) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      client.end().catch(() => {});
      if (this.#closed) return;
      this.#log.warn({ err }, 'job events: connection lost; reconnecting');
      this.#schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
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
          this.#log.info('job events: listening again');
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
