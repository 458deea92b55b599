import fp from 'fastify-plugin';
import type { Store } from '../store/index.ts';
import { VisitRecorder } from '../visits/recorder.ts';
import '../types.ts';

/** The store (opened by the caller, which also closes it) and the visit recorder on top of it. */
export default fp<{ store: Store }>(
  async (app, opts) => {
    app.decorate('store', opts.store);
    app.decorate('recorder', new VisitRecorder(opts.store));
    // Records still waiting for their batch are committed before the store may close.
    app.addHook('onClose', async () => {
      if (opts.store.isOpen()) await app.recorder.flush();
    });
  },
  { name: 'store' },
);
