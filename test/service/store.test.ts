import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { migrate, openDatabase } from '../../src/service/store/db.ts';
import { openStore } from '../../src/service/store/index.ts';
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

  test('WAL, synchronous FULL, foreign keys', () => {
    const store = openStore(dir);
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(store.db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    store.close();
  });

  test('plans are never overwritten or deleted', () => {
    const store = openStore(dir);
    const db = store.db;
    db.exec("INSERT INTO datasets (id, created_at, files, policy, calendar, warnings) VALUES ('ds_1', 't', '[]', '{}', '{}', '[]')");
    db.exec("INSERT INTO jobs (id, kind, dataset_id, request, status, created_at) VALUES ('pl_1', 'plan', 'ds_1', '{}', 'succeeded', 't')");
    db.exec("INSERT INTO plans VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')");
    expect(() => db.exec("UPDATE plans SET body = '{\"x\":1}' WHERE id = 'pl_1'")).toThrow('plans are never overwritten');
    expect(() => db.exec("DELETE FROM plans WHERE id = 'pl_1'")).toThrow('plans are never deleted');
    expect(() => db.exec("INSERT INTO plans VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')")).toThrow(/UNIQUE/);
    store.close();
  });
});
