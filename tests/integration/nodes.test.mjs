// Two prongsai nodes on one PostgreSQL database behind nginx, all on loopback: a session made
// on one node works on the other, a change made on one is seen on the other's cached pages at
// once, CSRF tokens made by one are accepted by the other, and nginx spreads requests over both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, initDatabase, pg } from '../support/server.mjs';

const skip = pg ? false : 'needs PostgreSQL (the pg: run of the suite)';
let a, b, nginxDir, nginxBase;

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

before(async () => {
  if (skip) return;
  const database = initDatabase();
  a = await startServer(['--trusted-proxy', '127.0.0.1'], database);
  b = await startServer(['--trusted-proxy', '127.0.0.1'], database);
  nginxDir = mkdtempSync(join(tmpdir(), 'prongsai-nginx-'));
  chmodSync(nginxDir, 0o755);
  const port = await freePort();
  const conf = readFileSync(new URL('../../deploy/nginx-prongsai.conf', import.meta.url), 'utf8');
  // The deploy config's proxy settings, on loopback without TLS.
  const location = conf.match(/location \/ \{[\s\S]*?\n    \}/)[0];
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

async function login(base) {
  const page = await fetch(base + '/login');
  const anon = cookieOf(page, 'prongsai_anon');
  const res = await fetch(base + '/login', {
    method: 'POST', redirect: 'manual',
    headers: { cookie: anon, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()), email: 'admin@example.org', password: a.password }),
  });
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
  const session = await login(b.base);
  const form = await fetch(b.base + '/admin/agency', { headers: { cookie: session } });
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
