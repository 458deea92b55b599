/** As ../../migrations/008_job_lines.ts: the same statement in both dialects. */
export { sql } from '../../migrations/008_job_lines.ts';
