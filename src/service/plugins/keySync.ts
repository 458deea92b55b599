import fp from 'fastify-plugin';
import { KEY_CHANGES } from '../store/pg/keys.ts';
import { PgListener } from '../store/pg/listener.ts';
import '../types.ts';

/**
 * With PostgreSQL, several API instances share the keys issued and revoked through the
 * API: a key issued through one works through every other at once, and a revoked one
 * stops. Each instance listens for the key ids the store sends as it commits them (and
 * after a lost connection reads them all again). SQLite's one process needs nothing.
 */
export default fp(
  async (app) => {
    const { location } = app.store;
    if (location.kind !== 'postgres') return;
    const log = app.log.child({ plugin: 'keySync' });
    const sync = async (only?: string) => {
      const [issued, revoked] = await Promise.all([app.store.keys.issued(), app.store.keys.revoked()]);
      for (const id of revoked) if (only === undefined || id === only) app.keys.remove(id);
      for (const entry of issued) if ((only === undefined || entry.id === only) && !app.keys.has(entry.id)) app.keys.add(entry, 'api');
    };
    const failed = (err: unknown) => log.warn({ err }, 'keys not brought up to date; the next change or reconnection tries again');
    const listener = new PgListener(location.url, KEY_CHANGES, log, (id) => void sync(id).catch(failed), () => void sync().catch(failed));
    await listener.start();
    app.addHook('onClose', () => listener.close());
  },
  { name: 'keySync', dependencies: ['store', 'auth'] },
);
