// Starts the real prongsai binary on a free loopback port with a fresh demo database, for the
// integration and browser tests. Loopback only.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const binary = process.env.PRONGSAI_BIN;
if (!binary) throw new Error('PRONGSAI_BIN must name the prongsai binary (ctest sets it)');

// A new database: a file on SQLite, or a new schema on the PostgreSQL server the suite's "pg:"
// run names in PRONGSAI_TEST_PG.
export const pg = process.env.PRONGSAI_TEST_PG || '';
// `server`: another PostgreSQL server's URL than the suite's (a test's private cluster).
export function freshDatabase(dir, server = pg) {
  if (!server) return `sqlite:${join(dir, 'test.db')}`;
  return `${server}&schema=it_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
}

// Runs SQL on a database behind the application's back (sqlite3 or psql).
export function runSql(db, sql) {
  if (db.startsWith('sqlite:')) return execFileSync('sqlite3', [db.slice('sqlite:'.length), sql]).toString();
  return execFileSync(...psql(db, sql)).toString();
}

// psql's command line for SQL on a PostgreSQL database of the tests (its schema first in the
// search path): [command, arguments, options] for execFile or execFileSync.
export function psql(db, sql) {
  const schema = db.match(/[?&]schema=([a-z0-9_]+)/)[1];
  const url = db.replace(/&schema=[a-z0-9_]+/, '');
  return ['psql', [url, '-v', 'ON_ERROR_STOP=1', '-Atc', sql], { env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` } }];
}

// A new database with the demo agency and its imported plan; returns { dir, db, password }.
export function initDatabase(server = pg) {
  const dir = mkdtempSync(join(tmpdir(), 'prongsai-it-'));
  const db = freshDatabase(dir, server);
  execFileSync(binary, ['init', '--db', db, '--agency', 'องค์การบริหารส่วนตำบลนาหม่อม', '--demo',
                        '--password-file', join(dir, 'password')], { stdio: 'pipe' });
  // The demo data `make run` has: the seed report as the FY2566 plan.
  execFileSync(binary, ['import', 'o43', new URL('../../data/seed/o43-report-na-mom-2566.txt', import.meta.url).pathname,
                        '--year', '2566', '--db', db], { stdio: 'pipe' });
  return { dir, db, password: readFileSync(join(dir, 'password'), 'utf8').trim() };
}

// A prongsai node on a free port. With `database` (from initDatabase) several nodes share one.
export async function startServer(extraArgs = [], database = null) {
  const { dir: dbDir, db } = database || initDatabase();
  const dir = database ? mkdtempSync(join(tmpdir(), 'prongsai-node-')) : dbDir;
  const portFile = join(dir, 'port');
  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile, ...extraArgs],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const portOf = () => (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : 0);
  for (let i = 0; i < 100 && !(portOf() > 0); i++) await sleep(50);
  const port = portOf();
  if (!(port > 0)) throw new Error(`server did not start:\n${log}`);
  return {
    dir, db, port, child, exited,
    base: `http://127.0.0.1:${port}`,
    password: readFileSync(join(dbDir, 'password'), 'utf8').trim(),
    log: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const result = await exited;
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}
