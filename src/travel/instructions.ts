import { createRequire } from 'node:module';
import type { RouteStep } from './travelSource.ts';

interface TextInstructions {
  compile(language: string, step: RouteStep, options?: { legCount?: number; legIndex?: number; waypointName?: string }): string;
}

// osrm-text-instructions is CommonJS without types: its one function, typed here.
const osrmTextInstructions = (createRequire(import.meta.url)('osrm-text-instructions') as (version: 'v5') => TextInstructions)('v5');

/** One turn-by-turn instruction as the phone shows it: the text, and the road to the next one. */
export interface Instruction {
  readonly text: string;
  /** Metres driven after this manoeuvre, up to the next one. */
  readonly metres: number;
}

/**
 * A leg's turn-by-turn instructions in Chinese (zh-Hans, or another of the library's
 * languages), made by osrm-text-instructions from OSRM's steps; the arrival names the shop.
 * @example legInstructions(steps, '张记烟酒店') // [{ text: '出发向北，驶入信罗公路', metres: 1200 }, …, { text: '你已经到达张记烟酒店', metres: 0 }]
 */
export function legInstructions(steps: readonly RouteStep[], destination: string, language = 'zh-Hans'): Instruction[] {
  return steps.map((step) => ({
    text: osrmTextInstructions.compile(language, step, { legCount: 1, legIndex: 0, ...(destination ? { waypointName: destination } : {}) }),
    metres: Math.round(step.distance),
  }));
}
