// Two prongsai nodes on one PostgreSQL database behind nginx, all on loopback: a session made
// on one node works on the other, a form from one is accepted by the other (CSRF), a change
// made on one is seen on the other's cached pages at once, a file uploaded to one downloads
// from the other, login failures count together, an agency added by the command line answers
// on both at once, the background jobs run once and not once per node, and nginx spreads
// requests over both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, initDatabase, pg, binary, runSql } from '../support/server.mjs';

const skip = pg ? false : 'needs PostgreSQL (the pg: run of the suite)';
let a, b, nginxDir, nginxBase, database;

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

before(async () => {
  if (skip) return;
  database = initDatabase();
  a = await startServer(['--trusted-proxy', '127.0.0.1', '--node-name', 'node-a'], database);
  b = await startServer(['--trusted-proxy', '127.0.0.1', '--node-name', 'node-b'], database);
  nginxDir = mkdtempSync(join(tmpdir(), 'prongsai-nginx-'));
  chmodSync(nginxDir, 0o755);
  const port = await freePort();
  const conf = readFileSync(new URL('../../deploy/nginx-prongsai.conf', import.meta.url), 'utf8');
  // The deploy config's proxy settings and locations, on loopback without TLS.
  const location = conf.match(/    proxy_http_version[\s\S]*?\n    location ~ [\s\S]*?\n    \}/)[0];
  writeFileSync(join(nginxDir, 'nginx.conf'), `
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${nginxDir}; proxy_temp_path ${nginxDir}; fastcgi_temp_path ${nginxDir};
  uwsgi_temp_path ${nginxDir}; scgi_temp_path ${nginxDir};
  upstream prongsai { server 127.0.0.1:${a.port}; server 127.0.0.1:${b.port}; keepalive 8; }
  server { listen 127.0.0.1:${port}; ${location} }
}`);
  execFileSync('nginx', ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf')]);
  nginxBase = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) { try { await fetch(nginxBase + '/healthz'); break; } catch { await sleep(100); } }
});

after(async () => {
  if (nginxDir && existsSync(join(nginxDir, 'nginx.pid'))) {
    execFileSync('kill', [readFileSync(join(nginxDir, 'nginx.pid'), 'utf8').trim()]);
    await sleep(200);
  }
  if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
  if (a) await a.stop();
  if (b) await b.stop();
});

const csrfOf = (html) => html.match(/name="_csrf" value="([^"]+)"/)[1];
const cookieOf = (res, name) => res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith(name + '='));

// A login attempt: the form from one node, posted to another (or the same).
async function tryLogin(formBase, postBase, email, password) {
  const page = await fetch(formBase + '/login');
  const anon = cookieOf(page, 'prongsai_anon');
  return fetch(postBase + '/login', {
    method: 'POST', redirect: 'manual',
    headers: { cookie: anon, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()), email, password }),
  });
}

async function login(base) {
  const res = await tryLogin(base, base, 'admin@example.org', a.password);
  assert.equal(res.status, 303);
  return cookieOf(res, 'prongsai_session');
}

test('a session made on one node works on the other', { skip }, async () => {
  const session = await login(a.base);
  const onB = await fetch(b.base + '/staff', { redirect: 'manual', headers: { cookie: session } });
  assert.equal(onB.status, 200);
  assert.match(await onB.text(), /สวัสดี/);
});

test('a change on one node shows at once on the other node\'s cached page', { skip }, async () => {
  assert.match(await (await fetch(a.base + '/')).text(), /องค์การบริหารส่วนตำบลนาหม่อม/);  // now cached on A
  const session = await login(a.base);
  // The form (and its CSRF token) from A, the change posted to B.
  const form = await fetch(a.base + '/admin/agency', { headers: { cookie: session } });
  const res = await fetch(b.base + '/admin/agency', {
    method: 'POST', redirect: 'manual',
    headers: { cookie: session, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await form.text()), name_th: 'เทศบาลตำบลนาหม่อม', name_en: 'Na Mom' }),
  });
  assert.equal(res.status, 303);
  let html = '';
  for (let i = 0; i < 50; i++) {
    html = await (await fetch(a.base + '/')).text();
    if (html.includes('เทศบาลตำบลนาหม่อม')) break;
    await sleep(20);
  }
  assert.match(html, /<h1>เทศบาลตำบลนาหม่อม<\/h1>/);
});

test('through nginx, requests spread over both nodes and a signed-in user stays signed in', { skip }, async () => {
  const session = await login(nginxBase);
  for (let i = 0; i < 10; i++) {
    const res = await fetch(nginxBase + '/staff', { redirect: 'manual', headers: { cookie: session } });
    assert.equal(res.status, 200, `request ${i}`);
  }
  const servedByA = (a.log().match(/GET \/staff 200/g) || []).length;
  const servedByB = (b.log().match(/GET \/staff 200/g) || []).length;
  assert.ok(servedByA >= 2 && servedByB >= 2, `A served ${servedByA}, B served ${servedByB}`);
});

test('a file uploaded to one node downloads whole from the other', { skip }, async () => {
  const session = await login(a.base);
  const token = csrfOf(await (await fetch(a.base + '/disclosure/2566/O2', { headers: { cookie: session } })).text());
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n% ผังโครงสร้าง\n'), Buffer.alloc(300_000, 7)]);  // spooled to disk on A
  const form = new FormData();
  for (const [k, v] of Object.entries({ _csrf: token, kind: 'file', title: 'ข้อมูลผู้บริหาร', period: '', published_on: '2022-10-05', confirm_personal_data: '1' }))
    form.append(k, v);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'executives.pdf');
  const up = await fetch(a.base + '/disclosure/2566/O2/evidence', { method: 'POST', redirect: 'manual', headers: { cookie: session }, body: form });
  assert.equal(up.status, 303);
  const page = await (await fetch(b.base + '/ita/2566/O2')).text();
  const href = page.match(/href="(\/ita\/2566\/O2\/files\/\d+)"/)[1];
  const down = await fetch(b.base + href);
  assert.equal(down.status, 200);
  assert.equal(down.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(Buffer.from(await down.arrayBuffer()), bytes);
});

test('login failures on either node count together: the client that made five is stopped on both', { skip }, async () => {
  const email = 'works@example.org';
  for (let i = 0; i < 5; i++) {
    const [form, post] = i % 2 ? [a.base, b.base] : [b.base, a.base];
    const res = await tryLogin(form, post, email, `wrong password ${i}`);
    assert.equal(res.status, 401, `attempt ${i}`);
  }
  // The right password from that client, on either node, waits (30 seconds after the fifth).
  for (const base of [a.base, b.base]) {
    const res = await tryLogin(base, base, email, a.password);
    assert.equal(res.status, 429, base);
    assert.match(await res.text(), /ลองใหม่|บ่อยเกินไป|ล็อก/);
  }
});

// fetch() sends the URL's host whatever the headers say: a request with another Host header.
function withHost(base, path, host, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers: { ...headers, host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('an agency added from the command line answers at its host on both nodes at once', { skip }, async () => {
  const host = 'www.banmai.go.th';
  const h1 = async (base) => (await withHost(base, '/', host)).text.match(/<h1>([^<]*)<\/h1>/)[1];
  // Before it exists, the host is the default agency's (renamed above): both nodes cache that answer.
  assert.match(await h1(a.base), /นาหม่อม/);
  assert.match(await h1(b.base), /นาหม่อม/);
  const out = execFileSync(binary, ['agency', 'add', '--db', database.db, '--name', 'เทศบาลตำบลบ้านใหม่', '--host', host,
                                    '--admin-email', 'admin@banmai.go.th'], { stdio: 'pipe' }).toString();
  const password = out.match(/รหัสผ่าน \(แสดงครั้งเดียว\): (\S+)/)[1];
  for (const base of [a.base, b.base]) {
    let seen = '';
    for (let i = 0; i < 50 && seen !== 'เทศบาลตำบลบ้านใหม่'; i++) {
      seen = await h1(base);
      if (seen !== 'เทศบาลตำบลบ้านใหม่') await sleep(20);
    }
    assert.equal(seen, 'เทศบาลตำบลบ้านใหม่', base);
  }
  // Its admin signs in at its host, on the node the form did not come from; the other agency's
  // admin does not.
  const signIn = async (email, pass) => {
    const page = await withHost(a.base, '/login', host);
    const anon = page.headers['set-cookie'].map((c) => c.split(';')[0]).find((c) => c.startsWith('prongsai_anon='));
    return withHost(b.base, '/login', host, {
      method: 'POST',
      headers: { cookie: anon, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfOf(page.text), email, password: pass }).toString(),
    });
  };
  assert.equal((await signIn('admin@banmai.go.th', password)).status, 303);
  assert.equal((await signIn('admin@example.org', a.password)).status, 401);

  // The command line acts on the agency it names: last year's report imported into the new
  // agency, its documents and its URL list; the default agency's plan stays its own.
  const slug = execFileSync(binary, ['agency', 'list', '--db', database.db]).toString()
    .split('\n').map((l) => l.split('\t')).find((f) => f[2] === host)[1];
  const cli = (...args) => spawnSync(binary, [...args, '--db', database.db]);
  const report = (...more) => cli('report', 'o43', '--year', '2566', '--format', 'html', '--out', '-', ...more);
  assert.equal(report('--agency', slug).status, 1, 'no plan yet');
  const seed = new URL('../../data/seed/o43-report-na-mom-2566.txt', import.meta.url).pathname;
  const imported = cli('import', 'o43', seed, '--year', '2566', '--agency', slug);
  assert.equal(imported.status, 0, imported.stderr.toString());
  assert.match(report('--agency', slug).stdout.toString(), /เทศบาลตำบลบ้านใหม่/);
  assert.doesNotMatch(report().stdout.toString(), /เทศบาลตำบลบ้านใหม่/);
  const urls = cli('export', 'ita-urls', '--year', '2566', '--base-url', `https://${host}`, '--agency', slug);
  assert.match(urls.stdout.toString(), new RegExp(`https://${host.replaceAll('.', '\\.')}/ita/2566/O1`));
  assert.equal(cli('import', 'o43', seed, '--year', '2566', '--agency', 'no-such-agency').status, 1);
});

test('background jobs run once for the installation, not once per node', { skip }, async () => {
  // Both nodes started within a second of each other and both asked to run the retention purge.
  const ran = [a, b].map((n) => (n.log().match(/job retention-purge started/g) || []).length);
  assert.equal(ran[0] + ran[1], 1, `node A ran it ${ran[0]} times, node B ${ran[1]}`);
  const row = runSql(database.db, "SELECT runs, node FROM jobs WHERE name = 'retention-purge'").trim();
  assert.equal(row, `1|${ran[0] ? 'node-a' : 'node-b'}`);
  const listed = execFileSync(binary, ['jobs', '--db', database.db], { stdio: 'pipe' }).toString();
  assert.match(listed, /retention-purge\tทำไปแล้ว 1 ครั้ง ล่าสุดที่ node-/);
});
