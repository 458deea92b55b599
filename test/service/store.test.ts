import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { migrate, openDatabase } from '../../src/service/store/db.ts';
import { openStore, type SqliteStore } from '../../src/service/store/index.ts';
import type { StoredVisit } from '../../src/service/store/visits.ts';
import { MIGRATIONS } from '../../src/service/store/migrations/index.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the store', () => {
  test('a new file gets every migration; opening it again applies none', () => {
    const path = join(dir, 'a.db');
    const db = openDatabase(path);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    const next = MIGRATIONS.length + 1;
    expect(migrate(db, [...MIGRATIONS, { version: next, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER)' }])).toEqual([next]);
    db.close();
    expect(() => openDatabase(path)).toThrow(`the store's schema is version ${next}, newer than this service knows (${next - 1})`);
  });

  test('a failing migration changes nothing', () => {
    const db = openDatabase(join(dir, 'b.db'));
    const bad = { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE half (x INTEGER); CREATE TABLE half (y INTEGER);' };
    expect(() => migrate(db, [...MIGRATIONS, bad])).toThrow(/already exists/);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.length });
    db.close();
  });

  test('WAL, synchronous FULL, foreign keys', async () => {
    const store = await openStore(dir);
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(store.db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    await store.close();
  });

  test('plans are never overwritten or deleted', async () => {
    const store = await openStore(dir);
    const db = store.db;
    db.exec("INSERT INTO datasets (id, created_at, files, policy, calendar, warnings) VALUES ('ds_1', 't', '[]', '{}', '{}', '[]')");
    db.exec("INSERT INTO jobs (id, kind, dataset_id, request, status, created_at) VALUES ('pl_1', 'plan', 'ds_1', '{}', 'succeeded', 't')");
    db.exec("INSERT INTO plans VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')");
    expect(() => db.exec("UPDATE plans SET body = '{\"x\":1}' WHERE id = 'pl_1'")).toThrow('plans are never overwritten');
    expect(() => db.exec("DELETE FROM plans WHERE id = 'pl_1'")).toThrow('plans are never deleted');
    expect(() => db.exec("INSERT INTO plans VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')")).toThrow(/UNIQUE/);
    await store.close();
  });

  describe('a transaction that awaits between its statements', () => {
    /** A store with a dataset and a plan that visit records may name. */
    const seeded = async (): Promise<SqliteStore> => {
      const store = await openStore(dir);
      store.db.exec("INSERT INTO datasets (id, created_at, files, policy, calendar, warnings) VALUES ('ds_1', 't', '[]', '{}', '{}', '[]')");
      store.db.exec("INSERT INTO jobs (id, kind, dataset_id, request, status, created_at) VALUES ('pl_1', 'plan', 'ds_1', '{}', 'succeeded', 't')");
      store.db.exec("INSERT INTO plans VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')");
      return store;
    };
    const visit = (id: string): StoredVisit => ({
      id, datasetId: 'ds_1', planId: 'pl_1', line: 'L01', retailer: 'R01', date: '2026-03-10', mode: 'in_person', outcome: 'done', reason: null,
      startedAt: '2026-03-10T10:00:00+08:00', endedAt: null, receivedAt: '2026-03-10T10:30:00+08:00', keyId: 'k',
    });
    // A whole event-loop turn, as a networked store's round trip would take: other requests run meanwhile.
    const turn = () => new Promise((r) => setImmediate(r));

    test('calls made meanwhile wait for its COMMIT: a read sees the committed row, a transaction of their own does not fail', async () => {
      const store = await seeded();
      const order: string[] = [];
      let outside: Promise<unknown>[] = [];
      const tx = store.transaction(async (t) => {
        await t.visits.insert(visit('v1'));
        outside = [
          store.visits.get('v1').then((v) => order.push(`read ${v?.id}`)),
          store.keys.revoke('someone', 'plan').then(() => order.push('revoked')),
        ];
        await turn();
        order.push('body done');
      });
      await tx;
      order.push('committed');
      await Promise.all(outside);
      expect(order).toEqual(['body done', 'committed', 'read v1', 'revoked']);
      expect(await store.keys.revoked()).toEqual(new Set(['someone']));
      await store.close();
    });

    test('one that rejects leaves nothing, and a read that waited on it finds nothing', async () => {
      const store = await seeded();
      let read: Promise<StoredVisit | undefined> | undefined;
      const tx = store.transaction(async (t) => {
        await t.visits.insert(visit('v2'));
        read = store.visits.get('v2');
        await turn();
        throw new Error('refused after the insert');
      });
      await expect(tx).rejects.toThrow('refused after the insert');
      expect(await read).toBeUndefined();
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM visits').get()).toEqual({ n: 0 });
      await store.close();
    });

    test('close waits for it', async () => {
      const store = await seeded();
      const tx = store.transaction(async (t) => {
        await turn();
        await t.visits.insert(visit('v3'));
      });
      const closed = store.close();
      await tx;
      await closed;
      expect(store.isOpen()).toBe(false);
      const again = await openStore(dir);
      expect((await again.visits.get('v3'))?.id).toBe('v3');
      await again.close();
    });
  });
});
