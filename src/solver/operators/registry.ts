/**
 * The operators the local search runs, in the order it tries them on a pair (U, V).
 * Each has its own file and mirror test in test/solver/operators.test.ts.
 */
import type { Instance } from '../instance.ts';
import type { CustomerOperator, NodeOperator } from './operator.ts';
import { PatternChange } from './patternChange.ts';
import { makeRelocate } from './relocate.ts';
import { swap } from './swap.ts';
import { twoOpt } from './twoOpt.ts';
import { twoOptStar } from './twoOptStar.ts';

export const relocate = makeRelocate(1);
export const orOpt2 = makeRelocate(2);
export const orOpt3 = makeRelocate(3);

export const NODE_OPERATORS: readonly NodeOperator[] = [relocate, orOpt2, orOpt3, swap, twoOptStar, twoOpt];

export function nodeOperators(inst: Instance): NodeOperator[] {
  return NODE_OPERATORS.filter((op) => op.supports(inst));
}

export function customerOperators(inst: Instance): CustomerOperator[] {
  const ops: CustomerOperator[] = [new PatternChange(inst)];
  return ops.filter((op) => op.supports(inst));
}
