// What an outsider can send and what the server must survive, on the real binary over
// loopback: bodies a route does not take never reach a handler, one address cannot hold every
// connection, large text fields cost no memory, and failures say what they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { cookieJar, csrfOf, get, post, raw, signIn } from '../support/client.mjs';

let server;
before(async () => { server = await startServer(['--idle-timeout', '5']); });
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
