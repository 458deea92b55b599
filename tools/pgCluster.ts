/**
 * A throwaway PostgreSQL cluster for tests: initdb and pg_ctl from Debian's postgresql
 * package, in a temporary directory, listening on a Unix socket there only (no TCP port
 * to collide with), stopped fast and removed afterwards. As root (CI containers), the
 * server runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFile as execFileCb } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFile = promisify(execFileCb);

/** The socket's port number (the file is `.s.PGSQL.<port>` in the cluster's own directory, so every cluster may use it). */
const PORT = 54329;
const USER = 'vp';

/** Where initdb and pg_ctl are: PG_BIN, or the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  const candidates = fromEnv
    ? [fromEnv]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const bin = candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (!bin) {
    throw new Error(
      `PostgreSQL's server programs (initdb, pg_ctl) are not in ${fromEnv ?? '/usr/lib/postgresql/<version>/bin'}: ` +
        'install Debian\'s package (apt-get install postgresql; .ci/run does) or set PG_BIN to their folder',
    );
  }
  return bin;
}

export interface PgCluster {
  /** The socket's folder. */
  readonly dir: string;
  /** A connection string to one of its databases. */
  url(database: string): string;
  /** A new empty database; its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server as a crash would (`-m immediate`: no checkpoint, recovery at the next start) and starts it again. */
  crashAndRestart(): Promise<void>;
  /** Stops the server (fast: open sessions are ended) and removes its directory. */
  stop(): Promise<void>;
}

/** With `durable`, the server's defaults (fsync on): for tests of what survives a crash. */
export async function startCluster({ durable = false }: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = postgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'vp-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  // PostgreSQL will not run as root: hand the directory to `postgres` and run its programs as that user.
  const run = async (program: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    try {
      await execFile(file, argv);
    } catch (e) {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
      throw new Error(`${program} failed: ${(e as { stderr?: string }).stderr ?? String(e)}${log ? `\nserver log:\n${log}` : ''}`);
    }
  };
  try {
    if (asRoot) {
      const { stdout } = await execFile('id', ['-u', 'postgres']);
      const { stdout: gid } = await execFile('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    // --no-sync and (unless durable) fsync=off: most tests' data lives as long as the test.
    await run('initdb', ['-D', data, '-A', 'trust', '-U', USER, '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    const fast = durable ? '' : ' -c fsync=off -c full_page_writes=off';
    await run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -c listen_addresses='' -p ${PORT}${fast}`, 'start']);
  } catch (e) {
    await run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const url = (database: string) => `postgresql://${USER}@/${database}?host=${encodeURIComponent(dir)}&port=${PORT}`;
  return {
    dir,
    url,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    crashAndRestart: () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-m', 'immediate', '-w', 'restart']),
    stop: async () => {
      try {
        await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
