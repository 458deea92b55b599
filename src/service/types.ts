import type { KeyRing, Principal } from './auth/keys.ts';
import type { ServiceConfig } from './config.ts';
import type { ExportCache } from './exports/exportCache.ts';
import type { ImportPool } from './imports/importPool.ts';
import type { PlanJobs } from './jobs/planJobs.ts';
import type { Metrics } from './metrics/registry.ts';
import type { LimitStatus } from './plugins/limits.ts';
import type { Store } from './store/index.ts';
import type { VisitRecorder } from './visits/recorder.ts';

/** Who may call a route: any valid key (the default), planner keys only, or anyone. */
export type Access = 'any' | 'planner' | 'public';

import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    config: ServiceConfig;
    /** Now, in milliseconds since the epoch (AppDeps.clock). */
    clock: () => number;
    store: Store;
    keys: KeyRing;
    jobs: PlanJobs;
    imports: ImportPool;
    exports: ExportCache;
    authFailures: { check(request: FastifyRequest): Promise<LimitStatus>; count(request: FastifyRequest): Promise<LimitStatus> };
    recorder: VisitRecorder;
    metrics: Metrics;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every /v1 route. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
