import { join } from 'node:path';
import fp from 'fastify-plugin';
import { ExportCache } from '../exports/exportCache.ts';
import '../types.ts';

/** Plan exports: built by a worker, kept in `<DATA_DIR>/exports`. */
export default fp(
  async (app) => {
    const cache = new ExportCache({
      store: app.store.location,
      dir: join(app.config.dataDir, 'exports'),
      heapMb: app.config.exportHeapMb,
      maxQueued: app.config.maxQueuedExports,
      log: app.log.child({ plugin: 'exports' }),
    });
    app.decorate('exports', cache);
    app.addHook('onClose', async () => {
      await cache.close();
    });
  },
  { name: 'exports', dependencies: ['store'] },
);
