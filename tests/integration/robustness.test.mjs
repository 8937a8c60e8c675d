// What an outsider can send and what the server must survive, on the real binary over
// loopback: bodies a route does not take never reach a handler, one address cannot hold every
// connection, large text fields cost no memory, and failures say what they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { startServer, pg } from '../support/server.mjs';
import { cookieJar, csrfOf, get, post, raw, signIn } from '../support/client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stop(); });

const alive = async () => assert.equal((await get(server, '/healthz')).status, 200, 'the server still serves');

// An anonymous visitor's cookie and CSRF token, as the login page hands them out.
async function visitor() {
  const jar = cookieJar();
  const token = csrfOf(await (await get(server, '/login', jar)).text());
  return { jar, token };
}

async function send(path, jar, { method = 'POST', type, body, headers = {} } = {}) {
  const h = { cookie: jar ? jar.header() : '', ...headers };
  if (type) h['content-type'] = type;
  return fetch(server.base + path, { method, redirect: 'manual', headers: h, body });
}

test('a body of a type its route does not take never reaches a handler: 415, and the server lives', async () => {
  // The crash this guards against: text/plain, one byte, a valid CSRF header, on any POST route.
  const { jar, token } = await visitor();
  for (const path of ['/login', '/complaints/new', '/track', '/track/reply', '/qa/ask', '/s/unknown']) {
    const res = await send(path, jar, { type: 'text/plain', body: 'x', headers: { 'x-csrf-token': token } });
    assert.equal(res.status, 415, path);
    assert.match(await res.text(), /หน้านี้ไม่รับข้อมูลในรูปแบบที่ส่งมา/);
    await alive();
  }
  // Signed in, on staff routes, with the session's own token.
  const admin = await signIn(server, 'admin@example.org');
  const adminToken = csrfOf(await (await get(server, '/admin/units', admin)).text());
  for (const path of ['/admin/units', '/account/password', '/measures/plans', '/disclosure/2566/O1/evidence']) {
    for (const type of ['text/plain', 'application/json', 'application/xml', undefined]) {
      const res = await send(path, admin, { type, body: 'x', headers: { 'x-csrf-token': adminToken } });
      assert.equal(res.status, 415, `${path} ${type}`);
      await alive();
    }
  }
});

test('a route for signed-in users answers 401 before reading the body of someone who is not', async () => {
  // Headers of a 5 MB upload and not a byte of it: answered at once, the connection closed.
  const headers = (cookie) => 'POST /disclosure/2566/O2/evidence HTTP/1.1\r\nHost: x\r\n' + cookie +
    'Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: 5000000\r\n\r\n';
  const forged = `Cookie: prongsai_session=${'A'.repeat(43)}\r\n`;
  // A cookie shaped like a session is looked up first where that costs no wait on another
  // machine (SQLite); on PostgreSQL its body is read and then refused (401) as before.
  for (const cookie of ['', 'Cookie: prongsai_session=short\r\n', ...(pg ? [] : [forged])]) {
    const started = Date.now();
    const answer = await raw(server, headers(cookie), { waitMs: 5000 });
    assert.match(answer, /^HTTP\/1\.1 401/, JSON.stringify(cookie));
    assert.ok(Date.now() - started < 3000, 'not after waiting for the body');
  }
  // Signed in, the same headers are let through to the body (which never comes, so the read times out).
  const admin = await signIn(server, 'admin@example.org');
  const answer = await raw(server, headers(`Cookie: ${admin.header()}\r\n`), { waitMs: 1500 });
  assert.doesNotMatch(answer, /^HTTP\/1\.1 401/);
  await alive();
});

test('a form body that does not parse is refused with 400 before the CSRF check or a handler', async () => {
  const { jar, token } = await visitor();
  const cases = [
    ['multipart/form-data; boundary=zz', 'no boundary in here'],
    ['multipart/form-data', '--zz\r\n\r\n'],                                   // no boundary parameter
    ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'],  // truncated
    ['application/x-www-form-urlencoded', 'a=%FF%FE'],                         // not UTF-8
    ['application/x-www-form-urlencoded', 'a=%zz'],                            // a bad escape
    ['application/x-www-form-urlencoded; charset=latin1', 'a=\u0000'],
  ];
  for (const [type, body] of cases) {
    for (const headers of [{ 'x-csrf-token': token }, {}]) {
      const res = await send('/complaints/new', jar, { type, body, headers });
      assert.equal(res.status, 400, `${type} ${JSON.stringify(body)}`);
      await alive();
    }
  }
});

test('a body where a route takes none is refused unread; a wrong method gets 405 with Allow', async () => {
  const res = await send('/', null, { method: 'GET', type: 'application/x-www-form-urlencoded', body: undefined });
  assert.equal(res.status, 200);
  const withBody = await raw(server, 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello');
  assert.match(withBody, /^HTTP\/1\.1 413/);
  const del = await send('/login', null, { method: 'DELETE' });
  assert.equal(del.status, 405);
  assert.equal(del.headers.get('allow'), 'GET, HEAD, POST');
  assert.match(await del.text(), /รหัสข้อผิดพลาด 405/);
  const put = await send('/healthz', null, { method: 'PUT', type: 'text/plain', body: 'x' });
  assert.equal(put.status, 405);
  assert.equal(put.headers.get('allow'), 'GET, HEAD');
  const missing = await send('/no-such-form', null, { type: 'application/x-www-form-urlencoded', body: 'a=1' });
  assert.equal(missing.status, 404);
  await alive();
});

test('a small form takes a few kilobytes: a larger login is refused before it is read', async () => {
  const { jar, token } = await visitor();
  const big = await post(server, '/login', jar, { _csrf: token, email: 'a@b.c', password: 'x'.repeat(20000) });
  assert.equal(big.status, 413);
  assert.match(await big.text(), /รหัสข้อผิดพลาด 413/);
  const ok = await post(server, '/login', jar, { _csrf: token, email: 'a@b.c', password: 'x'.repeat(100) });
  assert.equal(ok.status, 401);
});

// Opens `n` connections from `from` that never send a byte; resolves once all are connected.
const silentSockets = (n, from) => silentSocketsTo(server, n, from);
async function silentSocketsTo(node, n, from) {
  const sockets = [];
  await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = net.connect({ port: node.port, host: '127.0.0.1', localAddress: from }, resolve);
    s.on('error', resolve);
    s.on('close', resolve);
    sockets.push(s);
  })));
  return sockets;
}

test('1,100 silent sockets from one address keep nobody else out', async () => {
  const flood = await silentSockets(1100, '127.0.0.1');
  try {
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const answer = await raw(server, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { from: '127.0.0.2' });
      const took = Date.now() - started;
      assert.match(answer, /^HTTP\/1\.1 200/, 'a second address is served');
      assert.ok(took < 1000, `answered in ${took} ms`);
    }
    const open = flood.filter((s) => !s.destroyed && s.readyState === 'open').length;
    console.log(`silent sockets still open: ${open}`);
    assert.ok(open <= 40, `the server keeps at most its per-address share of silent sockets (${open} open)`);
  } finally {
    for (const s of flood) s.destroy();
  }
  await alive();
});

test('at its cap the server closes the longest-idle keep-alive connection to let a new visitor in', async () => {
  const small = await startServer(['--max-connections', '8', '--idle-timeout', '30']);
  try {
    // Eight keep-alive connections, each after one request: idle.
    const idle = [];
    for (let i = 0; i < 8; i++) {
      const s = net.connect({ port: small.port, host: '127.0.0.1', localAddress: `127.0.1.${i + 1}` });
      const closed = new Promise((resolve) => s.on('close', resolve));
      let got = '';
      await new Promise((resolve) => {
        s.on('data', (d) => { got += d; if (got.includes('\r\n\r\n') && got.includes('"ok"')) resolve(); });
        s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      idle.push({ s, closed, at: i });
      await sleep(20);
    }
    const answer = await raw(small, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { from: '127.0.2.1' });
    assert.match(answer, /^HTTP\/1\.1 200/, 'the ninth visitor is served');
    await Promise.race([idle[0].closed, sleep(2000)]);
    assert.ok(idle[0].s.destroyed || idle[0].s.readyState !== 'open', 'the longest-idle connection made room');
    assert.equal(idle[7].s.readyState, 'open', 'the most recent one stays');
    for (const { s } of idle) s.destroy();
    // Connections that are not idle (headers still to come) are not closed for a newcomer.
    const silent = [];
    for (let i = 0; i < 8; i++) silent.push(...await silentSocketsTo(small, 1, `127.0.3.${i + 1}`));
    await sleep(100);
    const refused = await raw(small, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { from: '127.0.2.2' });
    assert.equal(refused, '', 'no room: closed at once');
    for (const s of silent) s.destroy();
  } finally {
    await small.stop();
  }
});

test('four 50 MB bodies with a made-up cookie and a wrong token cost the server no memory', async () => {
  const rssAnon = () => Number(readFileSync(`/proc/${server.child.pid}/status`, 'utf8').match(/RssAnon:\s+(\d+)/)[1]) / 1024;
  const idle = rssAnon();
  let peak = idle;
  const sampler = setInterval(() => { peak = Math.max(peak, rssAnon()); }, 10);
  const field = Buffer.concat([Buffer.from('--B\r\nContent-Disposition: form-data; name="details"\r\n\r\n'),
                               Buffer.alloc(50 << 20, 0x61), Buffer.from('\r\n--B--\r\n')]);
  // Each on a connection of its own (a pooled keep-alive one may be closed by the server's idle
  // timeout just as the body starts); a refusal before the body is read ends the connection
  // while the client still sends, which the client may see as an error instead of the 413.
  const send = (path, type, body) => new Promise((resolve) => {
    const req = http.request(server.base + path, { method: 'POST', agent: false,
      headers: { 'content-type': type, 'content-length': body.length, cookie: `prongsai_anon=${'a'.repeat(43)}`, 'x-csrf-token': 'wrong' } },
    (res) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode })); });
    req.on('error', (e) => resolve({ status: 413, error: e.code }));
    req.end(body);
  });
  try {
    const answers = await Promise.all([
      send('/complaints/new', 'multipart/form-data; boundary=B', field),
      send('/complaints/new', 'multipart/form-data; boundary=B', field),
      send('/login', 'application/x-www-form-urlencoded', field),  // refused by its length, unread
      send('/complaints/new', 'application/x-www-form-urlencoded', Buffer.concat([Buffer.from('details='), Buffer.alloc(50 << 20, 0x61)])),
    ]);
    for (const [i, a] of answers.entries()) {
      assert.equal(a.status, 413);
      if (i !== 2) assert.equal(a.error, undefined, `request ${i} was read whole and answered`);
    }
  } finally {
    clearInterval(sampler);
  }
  assert.ok(peak - idle < 16, `the heap grew ${(peak - idle).toFixed(1)} MB (idle ${idle.toFixed(1)} MB)`);
  await alive();
});
