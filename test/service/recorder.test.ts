/** The visit recorder's group commit, below the route: one transaction per tick, all or nothing. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { openStore, type Store } from '../../src/service/store/index.ts';
import { VisitRecorder, type VisitInput } from '../../src/service/visits/recorder.ts';

let store: Store | undefined;
let dir = '';
afterEach(async () => {
  if (store) await store.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const input = (retailer: string): VisitInput => ({ plan: 'pl-none', retailer, date: '2026-03-10', mode: 'in_person', outcome: 'done', startedAt: '2026-03-10T10:00:00+08:00' });
const ctx = { datasetId: 'ds-none', line: 'L01', unplannedShare: 0.2, keyId: 'k' };

test('records of one tick share one flush; each is answered on its own (here: no such plan day)', async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-rec-'));
  store = await openStore(dir);
  const rec = new VisitRecorder(store);
  const flush = vi.spyOn(rec, 'flush');
  const answers = await Promise.allSettled(['R01', 'R02', 'R03'].map((r) => rec.record(input(r), ctx)));
  // A turn later: a flush scheduled per record would have run by now.
  await new Promise((r) => setImmediate(r));
  expect(flush).toHaveBeenCalledTimes(1);
  expect(answers.map((a) => (a.status === 'rejected' ? (a.reason as Error).message : 'stored'))).toEqual(
    ['R01', 'R02', 'R03'].map(() => 'day 2026-03-10 of line L01 in plan pl-none not found'),
  );
});

test('a flush with nothing pending opens no transaction (no empty commit to wait for)', async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-rec-'));
  store = await openStore(dir);
  const rec = new VisitRecorder(store);
  const transaction = vi.spyOn(store, 'transaction');
  await rec.flush();
  expect(transaction).not.toHaveBeenCalled();
  await rec.record(input('R01'), ctx).catch(() => undefined);
  expect(transaction).toHaveBeenCalledTimes(1);
});

test('a transaction that cannot run fails every record of its batch, none acknowledged', async () => {
  dir = mkdtempSync(join(tmpdir(), 'vp-rec-'));
  const s = await openStore(dir);
  const rec = new VisitRecorder(s);
  const pending = ['R01', 'R02'].map((r) => rec.record(input(r), ctx));
  // The store goes away before the batch's turn: BEGIN fails.
  await s.close();
  const answers = await Promise.allSettled(pending);
  expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  const [first, second] = answers as PromiseRejectedResult[];
  expect(first.reason).toBe(second.reason);
  expect(String(first.reason)).toMatch(/database is not open/);
});
