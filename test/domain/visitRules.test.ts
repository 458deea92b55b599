import { describe, expect, test } from 'vitest';
import type { Policy } from '../../src/domain/policy.ts';
import type { Retailer } from '../../src/domain/retailer.ts';
import { remoteModes } from '../../src/domain/visitRules.ts';
import { demoPolicy } from '../support/smallCity.ts';

const policy = demoPolicy();
const online: Policy = { ...policy, preferredRemoteMode: { ...policy.preferredRemoteMode, value: 'online' } };
const shop = (phone: string, ordering: Retailer['ordering']) => ({ phone, ordering }) as Retailer;

describe('remote modes', () => {
  test("phone first by default, online first where the policy prefers it, each only where it reaches the shop", () => {
    expect(remoteModes(shop('13800000000', 'computer'), policy)).toEqual(['phone', 'online']);
    expect(remoteModes(shop('13800000000', 'computer'), online)).toEqual(['online', 'phone']);
    expect(remoteModes(shop('', 'mobile'), policy)).toEqual(['online']);
    expect(remoteModes(shop('13800000000', 'phone'), online)).toEqual(['phone']);
    expect(remoteModes(shop('', 'other'), online)).toEqual([]);
  });
});
