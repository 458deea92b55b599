import fp from 'fastify-plugin';
import { ImportPool } from '../imports/importPool.ts';
import '../types.ts';

/** The import worker (dataset uploads); stopped when the app closes. */
export default fp(
  async (app) => {
    const c = app.config;
    const pool = new ImportPool({
      store: app.store.location,
      limits: { maxRows: c.maxUploadRows, maxInflatedBytes: c.maxInflatedBytes, maxProblems: c.maxImportProblems },
      heapMb: c.importHeapMb,
      timeoutMs: c.importTimeoutMs,
      maxQueued: c.maxQueuedImports,
      log: app.log.child({ plugin: 'imports' }),
    });
    app.decorate('imports', pool);
    app.addHook('onClose', async () => {
      await pool.close();
    });
  },
  { name: 'imports', dependencies: ['store'] },
);
