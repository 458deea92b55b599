/**
 * vitest's global setup: one throwaway PostgreSQL cluster for the whole run, stopped
 * (fast) and removed at its end; each test file makes its own databases in it
 * (usePostgres.ts). Started even for a run that needs none: a second or two.
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from '../../tools/pgCluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's cluster: its socket folder. */
    pgCluster: { dir: string; url: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster();
  project.provide('pgCluster', { dir: cluster.dir, url: cluster.url('postgres') });
  return () => cluster.stop();
}
