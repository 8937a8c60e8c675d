// Failures that must tell the truth, on the real binary: a database that is missing, empty,
// read-only or damaged is refused by every command with a message; a node that died says so at
// its next start; a full disk and a PostgreSQL that stops or stalls answer 503 pages that say
// 503 and whether anything was saved, /healthz says what works, and the log says it once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, initDatabase, binary, runSql, pg } from '../support/server.mjs';
import { cookieJar, csrfOf, get } from '../support/client.mjs';

const root = process.getuid && process.getuid() === 0;
const cluster = new URL('../pg/cluster.sh', import.meta.url).pathname;
const cleanups = [];
after(() => { for (const c of cleanups.reverse()) { try { c(); } catch { /* already gone */ } } });

function run(args) {
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, signal: r.signal, out: r.stdout + r.stderr };
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

test('every command refuses a missing, empty, read-only or damaged database with a message, and writes nothing',
  { skip: pg ? 'SQLite files (the PostgreSQL run checks a missing schema below)' : false }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prongsai-faults-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const good = initDatabase();
    cleanups.push(() => rmSync(good.dir, { recursive: true, force: true }));
    const goodFile = good.db.slice('sqlite:'.length);
    writeFileSync(join(dir, 'empty.db'), '');
    writeFileSync(join(dir, 'damaged.db'), Buffer.alloc(20000, 0x5a));
    // A damaged page deep in a real database: the header reads, the data does not.
    execFileSync('sqlite3', [goodFile, 'PRAGMA wal_checkpoint(TRUNCATE)']);
    copyFileSync(goodFile, join(dir, 'torn.db'));
    const torn = readFileSync(join(dir, 'torn.db'));
    torn.fill(0x5a, 3 * 4096, torn.length - 4096);
    writeFileSync(join(dir, 'torn.db'), torn);
    const cases = [
      ['missing', join(dir, 'nope.db'), /ไม่พบไฟล์ฐานข้อมูล.*no database file/],
      ['empty', join(dir, 'empty.db'), /ยังไม่มีหน่วยงาน/],
      ['damaged', join(dir, 'damaged.db'), /เปิดฐานข้อมูลไม่ได้.*not a database/],
      ['torn', join(dir, 'torn.db'), /เปิดฐานข้อมูลไม่ได้.*malformed/],
    ];
    if (root) {  // a read-only mount: root ignores file modes
      const ro = join(dir, 'ro');
      mkdirSync(join(dir, 'src'));
      copyFileSync(goodFile, join(dir, 'src', 'x.db'));
      mkdirSync(ro);
      execFileSync('mount', ['--bind', join(dir, 'src'), ro]);
      execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
      cleanups.push(() => execFileSync('umount', ['-l', ro]));
      cases.push(['read-only', join(ro, 'x.db'), /เปิดฐานข้อมูลไม่ได้.*read-only/]);
    }
    for (const [what, file, message] of cases) {
      for (const args of [['serve', '--listen', '127.0.0.1:0'], ['audit', 'verify'], ['backup', '--out', join(dir, `${what}.bak`)],
                          ['user', 'list'], ['report', 'o43', '--year', '2566', '--out', join(dir, 'x.pdf')]]) {
        const r = run([...args, '--db', `sqlite:${file}`]);
        assert.equal(r.code, 1, `${args[0]} on a ${what} database exits 1, not ${r.code} (${r.signal || ''}):\n${r.out}`);
        assert.match(r.out, message, `${args[0]} on a ${what} database`);
      }
      assert.equal(existsSync(join(dir, `${what}.bak`)), false, 'no backup written');
    }
    assert.equal(existsSync(join(dir, 'nope.db')), false, 'a mistyped path does not become a database');
    assert.equal(readFileSync(join(dir, 'empty.db')).length, 0, 'an empty file stays empty');
    const ok = run(['audit', 'verify', '--db', good.db]);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /audit log OK: [1-9]\d* entries/);
  });

test('every command refuses a PostgreSQL schema that holds no agency, and does not make it',
  { skip: pg ? false : 'needs PostgreSQL (the pg: run)' }, async () => {
    const schema = `missing_${process.pid}`;
    const url = `${pg}&schema=${schema}`;
    for (const args of [['audit', 'verify'], ['user', 'list'], ['serve', '--listen', '127.0.0.1:0']]) {
      const r = run([...args, '--db', url]);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /ยังไม่มีหน่วยงาน/);
    }
    const made = execFileSync('psql', [pg, '-Atc', `SELECT count(*) FROM pg_namespace WHERE nspname = '${schema}'`]).toString().trim();
    assert.equal(made, '0');
  });

test('a node killed without shutting down says so when it starts again; a clean stop does not', async () => {
  const database = initDatabase();
  cleanups.push(() => rmSync(database.dir, { recursive: true, force: true }));
  const args = ['--node-name', 'web-1'];
  let node = await startServer(args, database);
  node.child.kill('SIGKILL');
  await node.exited;
  node = await startServer(args, database);
  await sleep(200);
  assert.match(node.log(), /previous run of this node \(web-1, process \d+ .*\) ended without shutting down/);
  assert.equal((await node.stop()).code, 0);
  node = await startServer(args, database);
  await sleep(200);
  assert.doesNotMatch(node.log(), /ended without shutting down/, 'after a clean stop');
  // A fatal signal is named in the log before the process dies of it.
  node.child.kill('SIGSEGV');
  const ended = await node.exited;
  assert.equal(ended.signal, 'SIGSEGV');
  assert.match(node.log(), /fatal signal SIGSEGV/);
});

// A complaint with a scanned letter (a megabyte of PDF), as the public form sends it.
async function complain(node, subject) {
  const jar = cookieJar();
  const token = csrfOf(await (await get(node, '/complaints/new', jar)).text());
  const form = new FormData();
  for (const [k, v] of Object.entries({ _csrf: token, channel: 'complaint', topic: 'complaint', website: '', subject,
    details: 'ไฟฟ้าส่องสว่างดับทั้งซอย', name: 'สมชาย', phone: '0812345678' })) form.append(k, v);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1 << 20, 0x20), Buffer.from('\n%%EOF\n')]);
  form.append('attachments', new Blob([pdf], { type: 'application/pdf' }), 'letter.pdf');
  const res = await fetch(node.base + '/complaints/new', { method: 'POST', body: form, headers: { cookie: jar.header() }, redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

test('a full disk: /healthz says writes fail, a complaint is refused with a 503 page that says nothing was saved, and nothing is',
  { skip: pg ? 'SQLite on a disk of its own' : (root ? false : 'needs root to mount a small disk') }, async () => {
    const mnt = mkdtempSync(join(tmpdir(), 'prongsai-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mnt]);
    cleanups.push(() => { execFileSync('umount', ['-l', mnt]); rmSync(mnt, { recursive: true, force: true }); });
    const db = `sqlite:${join(mnt, 'x.db')}`;
    execFileSync(binary, ['init', '--db', db, '--agency', 'องค์การบริหารส่วนตำบลนาหม่อม', '--demo', '--password-file', join(mnt, 'password')], { stdio: 'pipe' });
    const node = await startServer([], { dir: mnt, db });
    cleanups.push(() => node.child.kill('SIGKILL'));
    assert.equal((await get(node, '/healthz')).status, 200);
    // The write-ahead log emptied, then the disk filled: the next write needs room it does not have.
    execFileSync('sqlite3', [join(mnt, 'x.db'), 'PRAGMA wal_checkpoint(TRUNCATE)']);
    spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=64k']);
    spawnSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler2')}`, 'bs=1k']);
    await sleep(1100);  // past the health check's one-second memory
    const health = await get(node, '/healthz');
    assert.equal(health.status, 503);
    assert.match(health.headers.get('content-type'), /application\/json/);
    const h = await health.json();
    assert.equal(h.writes, 'failing');
    assert.equal(h.disk, 'full');
    const refused = await complain(node, 'เรื่องระหว่างดิสก์เต็ม');
    assert.equal(refused.status, 503);
    assert.match(refused.html, /รหัสข้อผิดพลาด 503/);
    assert.match(refused.html, /ยังไม่ได้บันทึก/);
    assert.doesNotMatch(refused.html, /รหัสติดตาม|[A-Z0-9]{4}-[A-Z0-9]{4}/, 'no receipt code for a case that does not exist');
    rmSync(join(mnt, 'filler'));
    rmSync(join(mnt, 'filler2'));
    assert.equal(runSql(db, "SELECT count(*) FROM cases").trim(), '0', 'nothing half-written');
    await sleep(1100);
    assert.equal((await get(node, '/healthz')).status, 200, 'writes work again');
    const taken = await complain(node, 'เรื่องหลังดิสก์ว่าง');
    assert.equal(taken.status, 200);
    assert.equal(runSql(db, "SELECT count(*) FROM cases").trim(), '1');
    assert.equal(node.log().match(/database unavailable/g)?.length ?? 0, 1, `the outage logged once:\n${node.log()}`);
    await node.stop();
  });

test('PostgreSQL stops, comes back, then stalls: 503 pages that say so, /healthz in JSON, the outage logged once, no wait without end',
  { skip: pg ? false : 'needs PostgreSQL (the pg: run)', timeout: 120000 }, async () => {
    const dir = join(tmpdir(), `prongsai-pg-outage-${process.pid}`);
    const port = String(await freePort());
    execFileSync(cluster, ['start', dir, port]);
    cleanups.push(() => execFileSync(cluster, ['stop', dir]));
    const database = initDatabase(`postgresql:///postgres?host=${dir}&port=${port}&user=postgres`);
    cleanups.push(() => rmSync(database.dir, { recursive: true, force: true }));
    const node = await startServer(['--db-timeout', '2'], database);
    cleanups.push(() => node.child.kill('SIGKILL'));
    assert.equal((await get(node, '/')).status, 200);  // cached from here on
    const login = async () => {
      const jar = cookieJar();
      jar.set('prongsai_anon', 'a'.repeat(43));
      return fetch(node.base + '/login', { method: 'POST', redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.c&password=x&_csrf=x' });
    };

    execFileSync(cluster, ['down', dir]);
    for (let i = 0; i < 20; i++) {
      const page = await get(node, '/login');
      assert.equal(page.status, 503);
      assert.match(await page.text(), /503/);
    }
    const post = await login();
    assert.equal(post.status, 503);
    assert.match(await post.text(), /ยังไม่ได้บันทึก/);
    assert.equal((await get(node, '/')).status, 200, 'the cached home page still answers');
    const health = await get(node, '/healthz');
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { status: 'unavailable', database: 'postgresql', reads: 'failing', writes: 'failing' });
    assert.equal(node.log().match(/database unavailable/g)?.length, 1, `one line for the outage:\n${node.log()}`);

    execFileSync(cluster, ['up', dir, port]);
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) { await sleep(200); back = (await get(node, '/healthz')).status; }
    assert.equal(back, 200);
    assert.equal((await get(node, '/login')).status, 200);
    assert.equal(node.log().match(/database available again/g)?.length, 1);

    // Stalled: the server takes the connection and never answers (SIGSTOP).
    const postmaster = readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
    const pids = [postmaster, ...execFileSync('pgrep', ['-P', postmaster]).toString().trim().split('\n')];
    execFileSync('kill', ['-STOP', ...pids]);
    try {
      const started = Date.now();
      const stalled = await get(node, '/login');
      const took = Date.now() - started;
      assert.equal(stalled.status, 503);
      console.log(`a request to the stalled database answered 503 after ${took} ms`);
      assert.ok(took < 15000, `answered after ${took} ms, not never`);
      const h = await get(node, '/healthz');
      assert.equal(h.status, 503);
    } finally {
      execFileSync('kill', ['-CONT', ...pids]);
    }
    back = 0;
    for (let i = 0; i < 100 && back !== 200; i++) { await sleep(200); back = (await get(node, '/healthz')).status; }
    assert.equal(back, 200, 'the node needs no restart');
    await node.stop();
  });
