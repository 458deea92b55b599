import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { newKey } from '../../src/service/auth/keys.ts';
import { dayRows, etagOf } from '../../src/service/plans/dayView.ts';
import { migrate, openDatabase } from '../../src/service/store/db.ts';
import { openStore, type SqliteStore, type Store } from '../../src/service/store/index.ts';
import { MIGRATIONS } from '../../src/service/store/migrations/index.ts';
import { createPool, migrate as migratePg } from '../../src/service/store/pg/db.ts';
import { openPgStore } from '../../src/service/store/pg/index.ts';
import { PG_MIGRATIONS } from '../../src/service/store/pg/migrations/index.ts';
import type { StoredVisit } from '../../src/service/store/visits.ts';
import { usePostgres } from '../support/usePostgres.ts';
import { poll } from '../support/poll.ts';
import { smallCity, START } from '../support/smallCity.ts';
import { fakePlan } from './support/fakePlanner.ts';
import { storeKinds } from './support/stores.ts';

const pg = usePostgres();
const kinds = storeKinds(pg);
afterAll(async () => {
  for (const k of kinds) await k.cleanup();
});

describe('SQLite', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vp-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

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
});

describe('PostgreSQL', () => {
  test("the same migrations, versions and names as SQLite's; again, none; a newer schema is refused", async () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    const url = await pg.freshDatabase();
    const pool = createPool(url);
    try {
      expect(await migratePg(pool, PG_MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
      expect((await pool.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      expect(await migratePg(pool, PG_MIGRATIONS)).toEqual([]);
      const next = MIGRATIONS.length + 1;
      expect(await migratePg(pool, [...PG_MIGRATIONS, { version: next, name: 'extra', sql: 'CREATE TABLE extra (x INTEGER)' }])).toEqual([next]);
    } finally {
      await pool.end();
    }
    await expect(openPgStore(url)).rejects.toThrow(`the store's schema is version ${MIGRATIONS.length + 1}, newer than this service knows (${MIGRATIONS.length})`);
  });

  test('a failing migration changes nothing', async () => {
    const pool = createPool(await pg.freshDatabase());
    try {
      await migratePg(pool, PG_MIGRATIONS);
      const bad = { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE half (x INTEGER); CREATE TABLE half (y INTEGER);' };
      await expect(migratePg(pool, [...PG_MIGRATIONS, bad])).rejects.toThrow('relation "half" already exists');
      expect((await pool.query("SELECT COUNT(*)::int AS n FROM pg_tables WHERE tablename = 'half'")).rows).toEqual([{ n: 0 }]);
      expect((await pool.query('SELECT MAX(version) AS v FROM schema_migrations')).rows).toEqual([{ v: MIGRATIONS.length }]);
    } finally {
      await pool.end();
    }
  });

  test('two instances starting at once apply each migration once', async () => {
    const url = await pg.freshDatabase();
    const [a, b] = await Promise.all([openPgStore(url), openPgStore(url)]);
    expect(await kinds[1].sql(a, 'SELECT COUNT(*)::int AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
    await Promise.all([a.close(), b.close()]);
  });

  test('a 400,000-retailer dataset would be stored in pages: three statements of retailers for 12,000', async () => {
    // One statement per 5,000 retailers keeps a city's upload to a few round trips (see PgDatasets.insert).
    const store = await openPgStore(await pg.freshDatabase());
    const city = smallCity(5, Array.from({ length: 10 }, () => ({ kind: 'rural' as const, retailers: 1_200 })));
    const ds = await store.datasets.insert({ ...city, warnings: [] }, ['r.csv']);
    expect(await kinds[1].sql(store, `SELECT COUNT(*)::int AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM dataset_retailers WHERE dataset_id = '${ds.id}'`)).toEqual([{ n: 12_000, lo: 0, hi: 11_999 }]);
    expect((await store.datasets.load(ds.id))?.retailers.map((r) => r.id)).toEqual(city.retailers.map((r) => r.id));
    await store.close();
  });
});

describe.each(kinds)('the store on $name', (kind) => {
  const seed = async (store: Store) => {
    await kind.sql(store, "INSERT INTO datasets (id, created_at, files, policy, calendar, warnings) VALUES ('ds_1', 't', '[]', '{}', '{}', '[]')");
    await kind.sql(store, "INSERT INTO jobs (id, kind, dataset_id, request, status, created_at) VALUES ('pl_1', 'plan', 'ds_1', '{}', 'succeeded', 't')");
    await kind.sql(store, "INSERT INTO plans (id, dataset_id, start, weeks, created_at, body) VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')");
  };
  const opened = async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    return { place, store };
  };

  test('plans are never overwritten or deleted', async () => {
    const { store } = await opened();
    await seed(store);
    await expect(kind.sql(store, "UPDATE plans SET body = '{\"x\":1}' WHERE id = 'pl_1'")).rejects.toThrow('plans are never overwritten');
    await expect(kind.sql(store, "DELETE FROM plans WHERE id = 'pl_1'")).rejects.toThrow('plans are never deleted, except superseded ones by the retention policy');
    await expect(kind.sql(store, "INSERT INTO plans (id, dataset_id, start, weeks, created_at, body) VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', '{}')")).rejects.toThrow(
      kind.name === 'sqlite' ? 'UNIQUE constraint failed: plans.id' : 'duplicate key value violates unique constraint "plans_pkey"',
    );
    await kind.sql(store, "INSERT INTO plan_lines (plan_id, line, seq, source_plan_id, summary, body) VALUES ('pl_1', 'L01', 0, 'pl_1', '{}', '{}')");
    await kind.sql(store, "INSERT INTO plan_days (plan_id, line, date, planned_visits, retailers, etag, body) VALUES ('pl_1', 'L01', '2026-03-09', 0, '[]', 'e', '{}')");
    await expect(kind.sql(store, "UPDATE plan_lines SET summary = '{\"x\":1}'")).rejects.toThrow('plans are never overwritten');
    await expect(kind.sql(store, "UPDATE plan_lines SET body = '{\"x\":1}'")).rejects.toThrow('plans are never overwritten');
    await expect(kind.sql(store, "UPDATE plan_days SET etag = 'f'")).rejects.toThrow('plans are never overwritten');
    if (kind.name === 'postgres') await expect(kind.sql(store, 'TRUNCATE plans CASCADE')).rejects.toThrow('plans are never deleted');
    expect(await kind.sql(store, 'SELECT body FROM plans')).toEqual([{ body: '{}' }]);
    await store.close();
  });

  test('every module, round trip: a dataset, a plan and its re-plan, their days, visits, keys, retention', async () => {
    const { place, store: first } = await opened();
    const city = smallCity(3, Array.from({ length: 3 }, (_, i) => ({ kind: (['town', 'rural', 'remote'] as const)[i], retailers: 12 })));
    const dataset = { lines: city.lines, retailers: city.retailers, policy: city.policy, calendar: city.calendar, warnings: [] };
    const ds = await first.datasets.insert(dataset, ['retailers.csv', 'lines.csv'], 'xinyang');
    expect(ds).toMatchObject({ city: 'xinyang', files: ['retailers.csv', 'lines.csv'], retailers: 36, lines: 3 });
    const job = await first.jobs.create('plan', ds.id, { start: START, weeks: 1 }, null, 'plan');
    expect(await first.jobs.markRunning(job.id)).toBe(true);
    expect(await first.jobs.markRunning(job.id)).toBe(false);
    await first.jobs.progress(job.id, 2, 3);
    expect(await first.jobs.counts()).toEqual({ queued: 0, running: 1, succeeded: 0, failed: 0 });
    const plan = fakePlan({ dataset, start: START, weeks: 1, seed: 42 });
    const rows = await dayRows(job.id, plan, dataset);
    await first.plans.insert(job.id, ds.id, plan, rows);
    await first.close();

    // Read back by a store that has cached nothing.
    const store = await kind.open(place);
    expect(await store.datasets.summary(ds.id)).toEqual(ds);
    expect(await store.datasets.get(ds.id)).toEqual(dataset);
    expect(await store.datasets.list(10, 'xinyang')).toEqual([ds]);
    expect(await store.datasets.list(10, 'elsewhere')).toEqual([]);
    expect(await store.datasets.latestId()).toBe(ds.id);
    expect(await store.datasets.cityOf(ds.id)).toBe('xinyang');
    expect(await store.datasets.lineIds(ds.id)).toEqual(['L001', 'L002', 'L003']);
    expect(await store.datasets.hasLine(ds.id, 'L002')).toBe(true);
    expect(await store.datasets.hasLine(ds.id, 'L009')).toBe(false);
    const shop = city.retailers.find((r) => r.line === 'L003')!;
    expect(await store.datasets.lineOf(ds.id, shop.id)).toBe('L003');
    expect(await store.datasets.unplannedShare(ds.id)).toBe(city.policy.unplannedReserveShare.value);
    const map = (await store.datasets.map(ds.id, 'L003'))!;
    expect(map.retailers.id).toEqual(city.retailers.filter((r) => r.line === 'L003').map((r) => r.id));
    expect(map.retailers.lon[0]).toBe(city.retailers.find((r) => r.line === 'L003')!.lon);
    expect((await store.datasets.load(ds.id))?.retailers).toEqual(city.retailers);

    expect(await store.jobs.get(job.id)).toMatchObject({ status: 'succeeded', linesDone: 3, linesTotal: 3, attempts: 1, keyId: 'plan' });
    expect(await store.plans.meta(job.id)).toMatchObject({ datasetId: ds.id, city: 'xinyang', seed: 42, start: START, weeks: 1 });
    expect((await store.plans.get(job.id))?.plan).toEqual(plan);
    const summary = (await store.plans.summary(job.id))!;
    expect(summary.figures).toEqual(plan.figures);
    expect(summary.lines.map((l) => [l.line, l.manager, l.notPlaced])).toEqual(plan.lines.map((l) => [l.line, l.manager, 0]));
    expect((await store.plans.figures(job.id))?.lines[1].baseline).toEqual(plan.lines[1].baseline);
    expect(await store.plans.line(job.id, 'L002')).toEqual(plan.lines[1]);
    const row = rows.find((r) => r.line === 'L002' && r.plannedVisits > 0)!;
    expect(await store.plans.day(job.id, 'L002', row.date)).toEqual({ etag: row.etag, body: row.body });
    expect(await store.plans.dayHead(job.id, 'L002', row.date)).toEqual({ plannedVisits: row.plannedVisits, retailers: row.retailers });

    // A re-plan that changes L001 only: L002's days are read from the first plan, with the re-plan's id put in.
    const re = await store.jobs.create('replan', ds.id, { start: START, weeks: 1, lines: ['L001'] }, job.id, 'plan');
    const replan = fakePlan({ dataset, start: START, weeks: 1, seed: 43 });
    await store.plans.insert(re.id, ds.id, replan, await dayRows(re.id, replan, dataset), { planId: job.id, changed: ['L001'] });
    expect(await store.plans.heldLines(re.id)).toEqual(['L001']);
    const inherited = (await store.plans.day(re.id, 'L002', row.date))!;
    expect(JSON.parse(inherited.body).plan).toBe(re.id);
    expect(inherited.etag).toBe(etagOf(inherited.body));

    // Visits: a page at a time, by date then as recorded.
    const visit = (id: string, date: string): StoredVisit => ({
      id, datasetId: ds.id, planId: job.id, line: 'L002', retailer: row.retailers[0], date, mode: 'in_person', outcome: 'done', reason: null,
      startedAt: `${date}T10:00:00+08:00`, endedAt: null, receivedAt: `${date}T10:30:00+08:00`, keyId: 'k',
    });
    await store.transaction(async (tx) => {
      for (const [id, date] of [['v3', '2026-11-04'], ['v1', '2026-11-02'], ['v2', '2026-11-02']] as const) await tx.visits.insert(visit(id, date));
    });
    const p1 = await store.visits.page(ds.id, 'L002', { limit: 2 });
    expect(p1.visits.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(p1.next).toMatch(/^2026-11-02\.\d+$/);
    const [date, seq] = p1.next!.split('.');
    expect(await store.visits.page(ds.id, 'L002', { limit: 2, after: { date, seq: Number(seq) } })).toEqual({ visits: [visit('v3', '2026-11-04')], next: null });
    expect((await store.visits.page(ds.id, 'L002', { limit: 5, date: '2026-11-04' })).visits.map((v) => v.id)).toEqual(['v3']);
    expect((await store.visits.list(ds.id)).map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
    expect((await store.visits.between(ds.id, '2026-11-03', '2026-11-05')).map((v) => v.id)).toEqual(['v3']);
    expect(await store.visits.datasetsBefore('2026-11-03')).toEqual([ds.id]);

    // Retention: the first plan is superseded by its re-plan, but a visit names it; once the visits go, it is purged and L002 handed over.
    const later = '2099-01-01T00:00:00.000Z';
    expect(await store.plans.superseded(later)).toEqual([]);
    expect(await store.visits.deleteBefore(ds.id, '2026-11-05', 2)).toBe(2);
    expect(await store.visits.deleteBefore(ds.id, '2026-11-05', 2)).toBe(1);
    expect(await store.plans.superseded(later)).toEqual([job.id]);
    await store.plans.purge(job.id, '2026-12-01T00:00:00.000Z');
    expect(await store.plans.meta(job.id)).toBeUndefined();
    expect(await store.jobs.get(job.id)).toMatchObject({ status: 'succeeded', purgedAt: '2026-12-01T00:00:00.000Z' });
    expect(await store.plans.heldLines(re.id)).toEqual(['L001', 'L002', 'L003']);
    expect(await store.plans.day(re.id, 'L002', row.date)).toEqual(inherited);
    expect((await store.plans.get(re.id))?.plan.lines[1]).toEqual(plan.lines[1]);

    // Keys: an id is issued once; a revoked one is gone from the issued.
    const a = newKey('wang', 'manager', { line: 'L002', city: 'xinyang' }).entry;
    expect(await store.keys.insert(a, 'plan')).toBe(true);
    expect(await store.keys.insert(newKey('wang', 'planner').entry, 'plan')).toBe(false);
    expect(await store.keys.issued()).toEqual([a]);
    expect(await store.keys.revoke('wang', 'plan')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await store.keys.issued()).toEqual([]);
    expect(await store.keys.revoked()).toEqual(new Set(['wang']));

    // Jobs: a failed one is retried under its id; lists are newest first.
    expect(await store.jobs.markCancelled(re.id, 'plan', 'JOB_CANCELLED', 'x')).toBe(false);
    const third = await store.jobs.create('plan', ds.id, { start: START, weeks: 1 }, null, 'plan2');
    expect(await store.jobs.queuedBy('plan2')).toBe(third.id);
    expect(await store.jobs.markCancelled(third.id, 'plan2', 'JOB_CANCELLED', 'cancelled')).toBe(true);
    expect(await store.jobs.requeue(third.id)).toBe(true);
    expect(await store.jobs.requeue(third.id)).toBe(false);
    await store.jobs.markFailed(third.id, 'PLANNER_FAILED', 'the planner failed');
    expect(await store.jobs.get(third.id)).toMatchObject({ status: 'failed', errorCode: 'PLANNER_FAILED', cancelledBy: null });
    expect((await store.jobs.list(10, 'xinyang')).map((j) => j.id).slice(0, 1)).toEqual([third.id]);
    expect((await store.jobs.withStatus('failed')).map((j) => j.id)).toEqual([third.id]);
    await store.close();
  });

  describe('a transaction that awaits between its statements', () => {
    const visit = (id: string, date = '2026-03-10'): StoredVisit => ({
      id, datasetId: 'ds_1', planId: 'pl_1', line: 'L01', retailer: 'R01', date, mode: 'in_person', outcome: 'done', reason: null,
      startedAt: `${date}T10:00:00+08:00`, endedAt: null, receivedAt: `${date}T10:30:00+08:00`, keyId: 'k',
    });
    // A whole event-loop turn, as a networked store's round trip would take: other requests run meanwhile.
    const turn = () => new Promise((r) => setImmediate(r));
    const seeded = async () => {
      const o = await opened();
      await seed(o.store);
      return o;
    };

    test('calls made meanwhile never see its rows before COMMIT, and their own writes commit', async () => {
      const { store } = await seeded();
      const order: string[] = [];
      let outside: Promise<unknown> = Promise.resolve();
      await store.transaction(async (t) => {
        await t.visits.insert(visit('v1'));
        outside = store.visits
          .get('v1')
          .then((v) => order.push(`read ${v?.id}`))
          .then(() => store.keys.revoke('someone', 'plan'))
          .then(() => order.push('revoked'));
        // SQLite's one connection: they wait for the COMMIT. PostgreSQL: they run beside it, on other connections.
        await (kind.name === 'sqlite' ? turn() : outside);
        order.push('body done');
      });
      order.push('committed');
      await outside;
      expect(order).toEqual(kind.name === 'sqlite' ? ['body done', 'committed', 'read v1', 'revoked'] : ['read undefined', 'revoked', 'body done', 'committed']);
      expect(await store.keys.revoked()).toEqual(new Set(['someone']));
      expect((await store.visits.get('v1'))?.id).toBe('v1');
      await store.close();
    });

    test('one that rejects leaves nothing, and a read made meanwhile finds nothing', async () => {
      const { store } = await seeded();
      let read: Promise<StoredVisit | undefined> | undefined;
      const tx = store.transaction(async (t) => {
        await t.visits.insert(visit('v2'));
        read = store.visits.get('v2');
        await turn();
        throw new Error('refused after the insert');
      });
      await expect(tx).rejects.toThrow('refused after the insert');
      expect(await read).toBeUndefined();
      expect(await kind.sql(store, 'SELECT COUNT(*) AS n FROM visits')).toEqual([{ n: 0 }]);
      await store.close();
    });

    test('a record that fails in its savepoint is undone alone: the batch before and after it commits', async () => {
      const { store } = await seeded();
      const outcome = await store.transaction(async (t) => {
        await t.savepoint(() => t.visits.insert(visit('v1')));
        const again = await t.savepoint(() => t.visits.insert(visit('v1'))).then(
          () => 'stored',
          (e: Error) => e.message,
        );
        const wrote = await t.savepoint(async () => {
          await t.visits.insert(visit('v9', '2026-03-11'));
          throw new Error('refused after its insert');
        }).catch((e: Error) => e.message);
        await t.savepoint(() => t.visits.insert(visit('v2')));
        return [again, wrote, await t.visits.unplannedCount('ds_1', 'L01', '2026-03-10')];
      });
      expect(outcome).toEqual([
        kind.name === 'sqlite' ? 'UNIQUE constraint failed: visits.id' : 'duplicate key value violates unique constraint "visits_id_key"',
        'refused after its insert',
        0,
      ]);
      expect(await kind.sql(store, 'SELECT id FROM visits ORDER BY seq')).toEqual([{ id: 'v1' }, { id: 'v2' }]);
      await store.close();
    });

    test("a second transaction that locks the same line-day reads the first one's record once it commits", async () => {
      const { store } = await seeded();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const firstLocked = new Promise<void>((r) => (locked = r));
      const first = store.transaction(async (t) => {
        await t.lockDay('ds_1', 'L01', '2026-03-10');
        await t.visits.insert(visit('v1'));
        locked();
        await held;
      });
      await firstLocked;
      const seen: string[] = [];
      const second = store.transaction(async (t) => {
        await t.lockDay('ds_1', 'L01', '2026-03-10');
        seen.push(`second saw ${(await t.visits.get('v1'))?.id}`);
      });
      // Another line-day is not held up.
      const other = store.transaction(async (t) => {
        await t.lockDay('ds_1', 'L02', '2026-03-10');
        seen.push('other day');
      });
      if (kind.name === 'postgres') {
        await other;
        // The second waits on the server for the first's lock.
        await poll(() => kind.sql(store, "SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"), (r) => r[0].n === 1, 'the second transaction to wait');
      } else {
        for (let i = 0; i < 20; i++) await turn();
      }
      seen.push('first commits');
      release();
      await Promise.all([first, second, other]);
      // SQLite runs one transaction at a time: the other day waits too.
      expect(seen).toEqual(kind.name === 'sqlite' ? ['first commits', 'second saw v1', 'other day'] : ['other day', 'first commits', 'second saw v1']);
      await store.close();
    });

    test('close waits for it', async () => {
      const { place, store } = await seeded();
      const tx = store.transaction(async (t) => {
        await turn();
        await t.visits.insert(visit('v3'));
      });
      const closed = store.close();
      await tx;
      await closed;
      expect(store.isOpen()).toBe(false);
      const again = await kind.open(place);
      expect((await again.visits.get('v3'))?.id).toBe('v3');
      await again.close();
    });
  });
});

test('a SQLite store is what openStore gives', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vp-store-'));
  const store: SqliteStore = await openStore(dir);
  expect(store.location).toEqual({ kind: 'sqlite', path: join(dir, 'planner.db') });
  await store.close();
  await rm(dir, { recursive: true, force: true });
});
