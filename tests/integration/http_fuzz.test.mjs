// A fuzzer that speaks HTTP to the real routes. It reads the route table from the binary
// (`prongsai routes`), signs in as each role, and sends requests built from a grammar, seeded:
// every method, content types (none, the right one, malformed boundaries, other charsets,
// other types), bodies empty, small, truncated, over the route's limit, not UTF-8, with and
// without a CSRF token and a session. Every request must get an answer that is a 4xx or the
// route's normal answer (1xx-3xx), never a 5xx and never silence; the server must live and
// its heap stay under a bound.
//
// ctest runs a few thousand requests with a fixed seed. Longer, or another seed, by hand (and
// under ASan/UBSan: HACKING.md):
//   PRONGSAI_FUZZ_REQUESTS=50000 PRONGSAI_FUZZ_SEED=7 PRONGSAI_BIN=build/prongsai node --test tests/integration/http_fuzz.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, binary } from '../support/server.mjs';
import { cookieJar, csrfOf, get, signIn } from '../support/client.mjs';

const REQUESTS = Number(process.env.PRONGSAI_FUZZ_REQUESTS || 5000);
const SEED = Number(process.env.PRONGSAI_FUZZ_SEED || 20570);
const HEAP_BOUND_MB = Number(process.env.PRONGSAI_FUZZ_HEAP_MB || 256);

let server;
before(async () => { server = await startServer(['--idle-timeout', '5']); });
after(async () => { if (server) await server.stop(); });

// mulberry32: small, seedable, the same sequence everywhere.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'BREW', 'get'];
const PARAMS = {
  id: ['1', '2', '3', '7', '0', '-1', '99999999999999999999', 'abc', '1.5', '%E0%B8%81', '1%00'],
  year: ['2566', '2570', '2569', '0', '99999', 'abc', '-2566'],
  code: ['O1', 'O2', 'O16', 'O43', 'en', 'th', 'x', '%3Cscript%3E'],
  issue: ['1', '2', '14', '0', 'x'],
  date: ['2022-10-31', '2023-04-30', '2023-02-30', 'bad', '0000-00-00'],
  token: ['abc', 'x'.repeat(43), '%FF'],
  secret: ['abc', 'x'.repeat(64), ''],
  file: ['1', '2', '0', 'x'],
  key: ['name', 'phone', 'location', 'x', '%00'],
  'path...': ['app.css', 'fonts/sarabun-thai-400.woff2', '../../etc/passwd', '%2e%2e/%2e%2e/etc/passwd', 'x/y/z'],
};
const FIELDS = ['email', 'password', 'code', 'subject', 'details', 'name', 'phone', 'title', 'body', 'year', 'unit',
                'channel', 'topic', 'via', 'status', 'note', 'reason', 'answer', 'question', 'asker', 'next', 'label_th',
                'kind', 'url', 'service', 'day', 'target', 'confirm', 'name_th', 'roles', 'current', 'new_password'];
const VALUES = () => ['', 'x', 'ทดสอบ', 'admin@example.org', '2566', '1', 'complaint', 'corruption', '../../', '<script>alert(1)</script>',
                      'ก'.repeat(3000), '\u0000', '\r\n', 'a'.repeat(70000), '%', 'https://example.org/', 'javascript:alert(1)'];
const TYPES = ['', 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8',
               'application/x-www-form-urlencoded; charset=tis-620', 'multipart/form-data; boundary=BoUnDaRy',
               'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="BoUnDaRy"',
               `multipart/form-data; boundary=${'b'.repeat(100)}`, 'multipart/form-data; boundary=BoUnDaRy; charset=latin1',
               'text/plain', 'application/json', 'application/xml', '*/*', 'application/x-www-form-urlencoded\u00ff'];
const FILES = [Buffer.from('%PDF-1.4\n%%EOF\n'), Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'),
               Buffer.from('<html><script>alert(1)</script></html>'), Buffer.from('PK\x03\x04garbage', 'latin1'),
               Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])];

function fillPattern(r, pattern) {
  return pattern.replace(/\{([a-z.]+)\}/g, (_, name) => r.pick(PARAMS[name] || ['1']));
}

function urlencoded(r, csrf) {
  const parts = [];
  if (csrf !== undefined) parts.push(`_csrf=${encodeURIComponent(csrf)}`);
  for (let i = r.int(8); i > 0; i--) {
    const k = r.pick(FIELDS);
    const v = r.pick(VALUES());
    parts.push(r.chance(0.1) ? `${k}=%FF%FE%zz` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  return Buffer.from(parts.join('&'));
}

function multipart(r, boundary, csrf) {
  const chunks = [];
  const part = (headers, body) => chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\r\n'));
  if (csrf !== undefined) part('Content-Disposition: form-data; name="_csrf"', csrf);
  for (let i = r.int(6); i > 0; i--) {
    if (r.chance(0.3)) {
      part(`Content-Disposition: form-data; name="${r.pick(['attachments', 'file', 'files', 'image', 'x'])}"; filename="${r.pick(['a.pdf', 'ภาพ.png', '../../x.html', 'C:\\fake\\y.jpg', ''])}"\r\nContent-Type: ${r.pick(['application/pdf', 'image/png', 'text/html'])}`, r.pick(FILES));
    } else if (r.chance(0.05)) {
      part('Content-Disposition: attachment', 'no name');
    } else {
      part(`Content-Disposition: form-data; name="${r.pick(FIELDS)}"`, r.chance(0.1) ? Buffer.from([0xc3, 0x28, 0xa0, 0xa1]) : r.pick(VALUES()));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

// One request: [the bytes to send, a description for a failure message].
function build(r, route, who, csrf) {
  const method = r.chance(0.8) ? route.method : r.pick(METHODS);
  let path = fillPattern(r, route.path);
  if (r.chance(0.05)) path += r.pick(['/', '//', '/%2e%2e', '%ff', '?', '#x']);
  if (r.chance(0.25)) path += (path.includes('?') ? '&' : '?') + r.pick(['q=ก', 'q=%FF', 'next=//evil.example', 'x=%zz', 'a=' + 'b'.repeat(3000), 'year=2570', 'service=1', 'replace=1', 'channel=corruption']);
  let type = r.pick(TYPES);
  if (route.body !== 'none' && method === route.method && r.chance(0.5)) type = route.body === 'multipart' ? 'multipart/form-data; boundary=BoUnDaRy' : 'application/x-www-form-urlencoded';
  const token = r.chance(0.7) ? csrf : r.pick([undefined, '', 'x'.repeat(43)]);
  let body = Buffer.alloc(0);
  let declared = null;
  // Mostly what the route takes, well formed, so that handlers run deep; the rest malformed.
  const takes = route.body === 'multipart' ? ['form', 'multipart', 'multipart', 'multipart'] : ['form', 'form', 'form', 'multipart'];
  const shape = route.body === 'none' && r.chance(0.8) ? 'empty'
    : r.pick([...takes, ...takes, 'empty', 'truncated', 'oversize', 'raw', 'json']);
  if (shape === 'form') body = urlencoded(r, token);
  else if (shape === 'multipart' || shape === 'truncated') {
    body = multipart(r, 'BoUnDaRy', token);
    if (shape === 'truncated') body = body.subarray(0, r.int(body.length));
  } else if (shape === 'oversize') {
    const limit = route.max_body_bytes;
    if (limit <= (1 << 20)) body = Buffer.alloc(limit + 1 + r.int(100), 0x61);
    else declared = limit + 1;  // declared only: refused before a byte is read
  } else if (shape === 'raw') {
    body = Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256)));
  } else if (shape === 'json') {
    body = Buffer.from(r.pick(['{}', '{"a":', '[[[[[[[[[[', '{"_csrf":"x"}', '"\xff"']), 'latin1');
  }
  const headers = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  const cookies = [];
  if (who.session) cookies.push(`prongsai_session=${who.session}`);
  if (who.anon) cookies.push(`prongsai_anon=${who.anon}`);
  if (r.chance(0.05)) cookies.push('prongsai_session=' + 'z'.repeat(43));
  if (cookies.length && r.chance(0.95)) headers.push(`Cookie: ${cookies.join('; ')}`);
  if (type && (body.length || declared || r.chance(0.3))) headers.push(`Content-Type: ${type}`);
  if (token !== undefined && r.chance(0.3)) headers.push(`X-CSRF-Token: ${token}`);
  if (r.chance(0.05)) headers.push('Transfer-Encoding: chunked');
  const chunked = headers.at(-1) === 'Transfer-Encoding: chunked';
  if (!chunked && (body.length || declared)) headers.push(`Content-Length: ${declared ?? body.length}`);
  const head = Buffer.from(headers.join('\r\n') + '\r\n\r\n', 'latin1');
  let payload = declared ? Buffer.alloc(0) : body;
  if (chunked) payload = Buffer.concat([Buffer.from(body.length.toString(16) + '\r\n'), body, Buffer.from('\r\n0\r\n\r\n')]);
  return { bytes: Buffer.concat([head, payload]), what: `${who.name} ${method} ${path} ${type || '(no type)'} ${shape} ${body.length}B` };
}

function send(bytes) {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks = [];
    let done = false;
    const finish = () => { if (!done) { done = true; resolve(Buffer.concat(chunks).subarray(0, 200).toString('latin1')); } };
    socket.on('data', (d) => { chunks.push(d); if (Buffer.concat(chunks).includes('\r\n')) { socket.destroy(); finish(); } });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.setTimeout(15000, () => socket.destroy());
    socket.write(bytes);
  });
}

const heapMb = () => {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(status.match(/RssAnon:\s+(\d+)/)[1]) / 1024;
};

test(`${REQUESTS} requests from a grammar to every route, as anonymous and as each role: 4xx or the route's answer, never 5xx`, { timeout: 1800000 }, async () => {
  const routes = execFileSync(binary, ['routes', '--db', server.db]).toString().trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(routes.length > 100, `${routes.length} routes`);
  const anonJar = cookieJar();
  const anonToken = csrfOf(await (await get(server, '/login', anonJar)).text());
  const identities = [{ name: 'anonymous', anon: anonJar.get('prongsai_anon'), csrf: anonToken }];
  for (const email of ['admin@example.org', 'executive@example.org', 'staff@example.org', 'complaints@example.org',
                       'integrity@example.org', 'works@example.org']) {
    const jar = await signIn(server, email);
    const token = csrfOf(await (await get(server, '/account', jar)).text());
    identities.push({ name: email.split('@')[0], session: jar.get('prongsai_session'), csrf: token });
  }
  const r = rng(SEED);
  const statuses = new Map();
  let worstHeap = heapMb();
  const startHeap = worstHeap;
  for (let i = 0; i < REQUESTS; i++) {
    const who = r.pick(identities);
    const { bytes, what } = build(r, r.pick(routes), who, who.csrf);
    const answer = await send(bytes);
    const status = Number((answer.match(/^HTTP\/1\.1 (\d{3})/) || [])[1]);
    const tail = () => `\n--- the server's log, last lines:\n${server.log().slice(-4000)}`;
    assert.ok(status, `request ${i} got no answer: ${what}\n${answer}${status ? '' : tail()}`);
    assert.ok(status < 500, `request ${i} got ${status}: ${what}${status < 500 ? '' : tail()}`);
    statuses.set(status, (statuses.get(status) || 0) + 1);
    if (i % 100 === 99) {
      assert.equal(server.child.exitCode, null, `the server lives\n${server.log().slice(-4000)}`);
      worstHeap = Math.max(worstHeap, heapMb());
      assert.ok(worstHeap < HEAP_BOUND_MB, `heap ${worstHeap.toFixed(1)} MB after ${i + 1} requests`);
    }
  }
  console.log(`seed ${SEED}: ${REQUESTS} requests; answers ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}; heap ${startHeap.toFixed(1)} → at most ${worstHeap.toFixed(1)} MB`);
  assert.equal((await get(server, '/healthz')).status, 200);
  // UBSan reports without stopping the process: its lines in the log fail the run too.
  assert.doesNotMatch(server.log(), /unhandled exception|fatal signal|runtime error:|AddressSanitizer/);
});
