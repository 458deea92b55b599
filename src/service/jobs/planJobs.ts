import type { Job } from '../store/jobs.ts';

export interface JobEvent {
  type: 'progress' | 'succeeded' | 'failed';
  job: Job;
}

/**
 * Plan jobs as the routes see them, whoever runs them: the in-process runner (runner.ts,
 * the embedded default) or the shared queue that planner workers on any machine take
 * from (queue/, with PostgreSQL). A job's row in the store is created first; these
 * calls only move it.
 */
export interface PlanJobs {
  /** Hands a created (or requeued) job to whatever runs jobs; resolves once that is durable. */
  enqueue(id: string): Promise<void>;
  /** Job events for one job id; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: JobEvent) => void): () => void;
  /** Jobs waiting to start (the routes' room rules read it). */
  queued(): Promise<number>;
  /** Cancels a queued or running job, recorded with who and when; false if it was neither. */
  cancel(id: string, by: string): Promise<boolean>;
  /** The oldest running job and the number waiting, for /health. */
  state(): Promise<{ running: string | null; queued: number }>;
  /** At start: settles what a previous process left (see each implementation). */
  recover(unwanted?: (job: Job) => string | undefined): Promise<{ failed: string[]; resumed: string[]; dropped: string[] }>;
  /** Resolves when no job is running or queued (tests, benchmarks). */
  idle(): Promise<void>;
  close(): Promise<void>;
}
