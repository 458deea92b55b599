import { formatProblem, type ImportProblem, type ProblemCount } from '../../io/index.ts';
import { AppError } from '../errors.ts';
import type { ImportOutcome } from './importTask.ts';

/** A problem as the client sees it: its one-line text, and not what a library said (`detail` goes to the log). */
const withText = ({ detail: _detail, ...p }: ImportProblem) => ({ ...p, text: formatProblem(p) });

/** A refused upload as the API answers it: the first problems, each with its one-line text, and the counts of all. */
export function importRefusal(problems: readonly ImportProblem[], warnings: readonly ImportProblem[], total: number, counts: readonly ProblemCount[]): AppError {
  const n = total;
  const listed = problems.length < total ? `, the first ${problems.length} listed` : '';
  return new AppError('VP_IMPORT', `the upload has ${n} problem${n === 1 ? '' : 's'}${listed}; nothing was stored`, {
    problems: problems.map(withText),
    counts: [...counts],
    warnings: warnings.map(withText),
  });
}

/** What the import worker said, when it stored nothing, as the error the route throws. */
export function outcomeError(outcome: Exclude<ImportOutcome, { ok: true }>): AppError {
  switch (outcome.code) {
    case 'VP_MALFORMED_JSON':
      return new AppError('VP_MALFORMED_JSON', 'the body is not valid JSON');
    case 'VP_VALIDATION':
      return new AppError('VP_VALIDATION', "the request's body is not valid", { issues: outcome.issues });
    case 'VP_IMPORT':
      return importRefusal(outcome.problems, outcome.warnings, outcome.total, outcome.counts);
  }
}
