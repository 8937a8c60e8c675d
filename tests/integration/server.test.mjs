// The real server on a loopback port: pages, headers, limits, bad input, login with CSRF and
// session rotation, keep-alive, graceful shutdown, and the audit chain afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, readdirSync, readlinkSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServer, initDatabase, binary, runSql, psql, pg } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { cookieJar, csrfOf } from '../support/client.mjs';

let server;
const spoolDir = mkdtempSync(join(tmpdir(), 'prongsai-spool-'));
before(async () => {
  server = await startServer(['--header-timeout', '1', '--idle-timeout', '2', '--shutdown-grace', '5', '--spool-dir', spoolDir]);
});
after(async () => {
  if (server) await server.stop();
  rmSync(spoolDir, { recursive: true, force: true });
});

const raw = (bytes, options) => http.raw(server, bytes, options);
// `node`: another server of the test's own (default: the suite's).
const get = (path, jar, headers = {}, node = server) => http.get(node, path, jar, headers);
const post = (path, jar, fields, headers = {}, node = server) => http.post(node, path, jar, fields, headers);

test('the public home page is Thai, safe by headers, and revalidates by ETag', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<html lang="th">/);
  assert.match(html, /องค์การบริหารส่วนตำบลนาหม่อม/);
  assert.match(html, /class="skip-link" href="#main"/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const etag = res.headers.get('etag');
  assert.ok(etag);
  const again = await get('/', null, { 'if-none-match': etag });
  assert.equal(again.status, 304);
});

test('English is the second language', async () => {
  const res = await get('/', null, { cookie: 'prongsai_lang=en' });
  const html = await res.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /Staff sign-in/);
});

test('health, assets with caching, fonts served locally', async () => {
  const health = await (await get('/healthz')).json();
  assert.equal(health.status, 'ok');
  assert.equal(health.reads, 'ok');
  assert.equal(health.writes, 'ok');
  const css = await get('/assets/app.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  assert.ok(css.headers.get('etag'));
  const font = await get('/assets/fonts/sarabun-thai-400.woff2');
  assert.equal(font.status, 200);
  assert.equal(font.headers.get('content-type'), 'font/woff2');
});

test('unknown pages, bad paths and bad queries answer in Thai with 4xx', async () => {
  const missing = await get('/no-such-page');
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /ไม่พบหน้าหรือข้อมูลที่ต้องการ/);
  assert.match(await raw('GET /%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw('GET /?q=a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 400/);
});

test('malformed HTTP, oversize headers and bodies are refused, not crashed on', async () => {
  const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400/);
  assert.match(garbage, /คำขอไม่ถูกต้อง/);
  const bigHeader = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
  assert.match(bigHeader, /^HTTP\/1\.1 431/);
  const declared = await raw(`POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n`);
  assert.match(declared, /^HTTP\/1\.1 413/);
  const chunked = await raw(`POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n${'a'.repeat(0x200000)}\r\n0\r\n\r\n`);
  assert.match(chunked, /^HTTP\/1\.1 413/);
  assert.equal((await get('/healthz')).status, 200, 'the server still serves');
});

test('a slow client cannot hold a connection', async () => {
  const started = Date.now();
  const answer = await raw('GET / HTTP/1.1\r\nHost: x\r\n', { waitMs: 10000 });  // never finishes its headers
  assert.equal(answer, '');
  assert.ok(Date.now() - started < 5000, `closed after ${Date.now() - started} ms`);
});

test('keep-alive serves several requests on one connection', async () => {
  const answer = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal((answer.match(/HTTP\/1\.1 200/g) || []).length, 2);
  // Clients are told the idle timeout (this server runs with --idle-timeout 2), so they do not
  // send into a connection the server is closing.
  assert.match(answer, /Keep-Alive: timeout=2\r\n/);
});

test('login: CSRF required, session rotated, cookies HttpOnly and SameSite, logout ends it', async () => {
  const jar = cookieJar();
  const loginPage = await get('/login', jar);
  const token = csrfOf(await loginPage.text());
  const anon = jar.get('prongsai_anon');
  assert.ok(anon);

  const noToken = await post('/login', jar, { email: 'admin@example.org', password: server.password });
  assert.equal(noToken.status, 403);
  const wrong = await post('/login', jar, { _csrf: token, email: 'admin@example.org', password: 'wrong password' });
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /อีเมลหรือรหัสผ่านไม่ถูกต้อง/);

  const ok = await post('/login', jar, { _csrf: token, email: 'admin@example.org', password: server.password, next: '/admin/users' });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/admin/users');
  const setCookie = ok.headers.getSetCookie().find((c) => c.startsWith('prongsai_session='));
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Lax/);
  assert.equal(jar.get('prongsai_anon'), undefined, 'the anonymous cookie is dropped on login');
  const first = jar.get('prongsai_session');

  const staff = await get('/staff', jar);
  assert.equal(staff.status, 200);
  assert.equal(staff.headers.get('cache-control'), 'no-store');
  const staffHtml = await staff.text();
  assert.match(staffHtml, /ปีงบประมาณ พ.ศ. \d{4}/);

  // Logging in again from the signed-in browser replaces the session: the old token dies.
  const again = await post('/login', jar, { _csrf: csrfOf(staffHtml), email: 'admin@example.org', password: server.password });
  assert.equal(again.status, 303);
  assert.notEqual(jar.get('prongsai_session'), first);
  const oldSession = await fetch(server.base + '/staff', { redirect: 'manual', headers: { cookie: `prongsai_session=${first}` } });
  assert.equal(oldSession.status, 303);

  const page = await (await get('/staff', jar)).text();
  const out = await post('/logout', jar, { _csrf: csrfOf(page) });
  assert.equal(out.status, 303);
  assert.equal((await get('/staff', jar)).status, 303);
});

const signIn = (email, node = server) => http.signIn(node, email);

test('the plan and the report download in four formats, from the UI and from the CLI', async () => {
  const jar = await signIn('staff@example.org');
  const plan = await (await get('/measures/plans/2566', jar)).text();
  // FY2566's framework names the plan O42 and the report O43; the names are data of the year.
  assert.match(plan, /มาตรการส่งเสริมคุณธรรมและความโปร่งใส \(O42\)/);
  assert.match(plan, /รายงานผลการดำเนินการ \(O43\)/);
  for (const kind of ['plan', 'report']) {
    for (const [ext, type, magic] of [['pdf', 'application/pdf', '%PDF-'], ['docx', 'wordprocessingml', 'PK'],
                                      ['xlsx', 'spreadsheetml', 'PK'], ['html', 'text/html', '<!doctype html>']]) {
      const path = `/measures/plans/2566/documents/${kind}.${ext}`;
      assert.ok(plan.includes(`href="${path}"`), `the plan page links ${path}`);
      const res = await get(path, jar);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type'), new RegExp(type));
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="${kind}-2566.${ext}"`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(body.subarray(0, magic.length).toString('latin1'), magic, path);
    }
  }
  // Addresses given out before the names followed the framework still answer.
  assert.equal((await get('/measures/plans/2566/documents/o43.pdf', jar)).headers.get('content-disposition'),
               'attachment; filename="report-2566.pdf"');
  for (const bad of ['/measures/plans/2566/documents/o44.pdf', '/measures/plans/2566/documents/o43.exe',
                     '/measures/plans/2566/documents/o43', '/measures/plans/2599/documents/o43.pdf']) {
    assert.equal((await get(bad, jar)).status, 404, bad);
  }
  assert.equal((await get('/measures/plans/2566/documents/o43.pdf', cookieJar())).status, 303, 'signed-in only');

  const out = join(server.dir, 'o43-cli.docx');
  execFileSync(binary, ['report', 'report', '--year', '2566', '--format', 'docx', '--out', out, '--db', server.db], { stdio: 'pipe' });
  assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
  const missing = spawnSync(binary, ['report', 'o43', '--year', '2599', '--out', join(server.dir, 'x.pdf'), '--db', server.db]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr.toString(), /ไม่พบ/);
  assert.equal(existsSync(join(server.dir, 'x.pdf')), false, 'nothing written for a missing plan');
});

test('an executive approves: the plan is public at stable addresses, and each later approval is a new version', async () => {
  const anon = cookieJar();
  assert.equal((await get('/measures/2566', anon)).status, 404, 'nothing public before approval');
  const exec = await signIn('executive@example.org');
  const planPage = await (await get('/measures/plans/2566', exec)).text();
  assert.match(planPage, /ยังไม่เผยแพร่/);
  const approved = await post('/measures/plans/2566/approve', exec, { _csrf: csrfOf(planPage), note: 'อนุมัติ' });
  assert.equal(approved.status, 303);
  assert.equal(approved.headers.get('location'), '/measures/plans/2566?approved=1');

  const page = await get('/measures/2566', anon);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /ฉบับที่ 1/);
  assert.match(html, /ตอบผลการประเมิน ITA 2565 \(ฉบับที่มากับระบบ\)/, 'the framework version it answers');
  assert.equal((html.match(/<article class="card issue"/g) || []).length, 14);
  assert.match(await (await get('/measures', anon)).text(), /href="\/measures\/2566"/);
  const pdf = await get('/measures/2566/files/report.pdf', anon);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  assert.equal((await get('/measures/2566/files/o43.exe', anon)).status, 404);

  // Staff change the plan; the public page keeps version 1 until the executive approves again.
  const admin = await signIn('admin@example.org');
  const form = await (await get('/measures/plans/2566/edit', admin)).text();
  const saved = await post('/measures/plans/2566/edit', admin, { _csrf: csrfOf(form), title: 'แผนมาตรการ 2566 (ปรับปรุง)', prepared_by: 'สำนักปลัด' });
  assert.equal(saved.status, 303);
  assert.match(await (await get('/measures/2566', anon)).text(), /ฉบับที่ 1/);
  const changed = await (await get('/measures/plans/2566', exec)).text();
  assert.match(changed, /มีการแก้ไขหลังเผยแพร่/);
  assert.equal((await post('/measures/plans/2566/approve', exec, { _csrf: csrfOf(changed) })).status, 303);
  const v2 = await (await get('/measures/2566', anon)).text();
  assert.match(v2, /ฉบับที่ 2/);
  assert.match(v2, /สำนักปลัด/);
  const v1 = await get('/measures/2566/v/1', anon);
  assert.equal(v1.status, 200);
  assert.match(await v1.text(), /ฉบับนี้ไม่ใช่ฉบับล่าสุด/);
  assert.equal((await get('/measures/2566/v/1/files/plan.docx', anon)).status, 200);
  assert.equal((await get('/measures/2566/v/1/files/o42.docx', anon)).status, 200, 'the name of earlier addresses');
  assert.equal((await get('/measures/2566/v/9', anon)).status, 404);
  // Approving with nothing changed is refused, and says why.
  const again = await post('/measures/plans/2566/approve', exec, { _csrf: csrfOf(changed) });
  assert.equal(again.status, 409);
});

async function postMultipart(path, jar, fields, file) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type || 'application/octet-stream' }), file.name);
  const res = await fetch(server.base + path, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header() }, body: form });
  jar.take(res);
  return res;
}

test('the public ITA pages: stable addresses, fresh after every edit, nothing staff-only shown', async () => {
  const anon = cookieJar();
  const year = await get('/ita/2566', anon);
  assert.equal(year.status, 200);
  const yearHtml = await year.text();
  assert.equal((yearHtml.match(/href="\/ita\/2566\/O\d+"/g) || []).length, 43, 'every OIT item listed');
  assert.match(yearHtml, /9\.3 การจัดซื้อจัดจ้าง/);
  assert.match(await (await get('/ita/2566/O1', anon)).text(), /ยังไม่มีหลักฐาน/);

  const admin = await signIn('admin@example.org');
  const item = await (await get('/disclosure/2566/O1', admin)).text();
  const token = csrfOf(item);
  assert.equal((await post('/disclosure/2566/O1/unit', admin, { _csrf: token, unit: '1' })).status, 303);
  const added = await postMultipart('/disclosure/2566/O1/evidence', admin,
    { _csrf: token, kind: 'file', title: 'แผนผังโครงสร้างองค์กร', period: '', published_on: '2022-10-05', confirm_personal_data: '1' },
    { name: 'structure.pdf', bytes: Buffer.from('%PDF-1.4\n% structure\n') });
  assert.equal(added.status, 303);
  // The very next anonymous request shows it: the page cache was invalidated by the write.
  const public1 = await (await get('/ita/2566/O1', anon)).text();
  assert.match(public1, /แผนผังโครงสร้างองค์กร/);
  assert.match(public1, /5 ตุลาคม 2565/);
  const fileHref = public1.match(/href="(\/ita\/2566\/O1\/files\/\d+)"/)[1];
  // What it is and where it lives, in full, so that a printed page keeps the address.
  assert.match(public1, /<dt>ลักษณะ<\/dt><dd>ไฟล์ PDF ขนาด 1 KB<\/dd>/);
  assert.ok(public1.includes(`<dd class="url">http://127.0.0.1:${server.port}${fileHref}</dd>`));
  assert.match(public1, /<dt>หน่วยงาน<\/dt><dd>องค์การบริหารส่วนตำบลนาหม่อม<\/dd>/);
  const file = await get(fileHref, anon);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  assert.match(file.headers.get('content-security-policy'), /sandbox/);
  // Nothing staff-only: not the responsible unit, not the readiness reasons, no staff links.
  assert.doesNotMatch(public1, /สำนักปลัด|\/disclosure\//);

  // Bad input: a disguised file and a javascript: link, each refused in Thai with nothing stored.
  const html = await postMultipart('/disclosure/2566/O2/evidence', admin,
    { _csrf: token, kind: 'file', title: '', period: '', published_on: '2022-10-05' },
    { name: 'executives.pdf', bytes: Buffer.from('<!doctype html><script>alert(1)</script>') });
  assert.equal(html.status, 422);
  assert.match(await html.text(), /ไฟล์ชนิดนี้ใช้ไม่ได้/);
  const js = await postMultipart('/disclosure/2566/O2/evidence', admin,
    { _csrf: token, kind: 'link', title: 'x', url: 'javascript:alert(1)', period: '', published_on: '2022-10-05' });
  assert.equal(js.status, 422);
  const late = await postMultipart('/disclosure/2566/O2/evidence', admin,
    { _csrf: token, kind: 'link', title: 'x', url: 'https://example.go.th/', period: '', published_on: '2023-10-01' });
  assert.equal(late.status, 422);
  assert.match(await late.text(), /วันที่เผยแพร่ต้องอยู่ในปีงบประมาณ/);
  assert.match(await (await get('/ita/2566/O2', anon)).text(), /ยังไม่มีหลักฐาน/);

  // Taken off: gone from the public page on the next request.
  const evidenceId = fileHref.split('/').pop();
  assert.equal((await post(`/disclosure/2566/O1/evidence/${evidenceId}/remove`, admin, { _csrf: token })).status, 303);
  assert.doesNotMatch(await (await get('/ita/2566/O1', anon)).text(), /แผนผังโครงสร้างองค์กร/);
  assert.equal((await get(fileHref, anon)).status, 404);

  const csv = await get('/disclosure/2566/urls.csv', admin);
  assert.equal(csv.status, 200);
  const csvText = Buffer.from(await csv.arrayBuffer()).toString('utf8');
  assert.match(csvText, new RegExp(`O23,[^\r]*,http://127\.0\.0\.1:${server.port}/ita/2566/O23\r\n`));
  assert.equal((await get('/disclosure/2566/urls.csv', anon)).status, 303, 'staff only');
  const cli = execFileSync(binary, ['export', 'ita-urls', '--year', '2566', '--base-url', 'https://www.namom.go.th', '--db', server.db]);
  assert.match(cli.toString(), /https:\/\/www\.namom\.go\.th\/ita\/2566\/O43/);
});

test('the OIT answer sheet is the same from the page and from the command line, in three formats', async () => {
  const admin = await signIn('admin@example.org');
  const page = await get('/assessment/2566/answers.csv', admin);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-disposition'), /attachment; filename="?ita-answers-2566\.csv/);
  const fromPage = Buffer.from(await page.arrayBuffer()).toString('utf8');
  const fromCli = execFileSync(binary, ['export', 'ita-answers', '--year', '2566', '--base-url', server.base, '--db', server.db])
    .toString();
  assert.equal(fromCli, fromPage);
  const lines = fromCli.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(lines.length, 44, 'a header and the 43 items of 2566');
  assert.match(lines[43], new RegExp(`^O43,[^,]*,(มี|ไม่มี),${server.base}/ita/2566/O43,`));
  const dir = mkdtempSync(join(tmpdir(), 'prongsai-answers-'));
  try {
    for (const [format, magic] of [['pdf', '%PDF'], ['xlsx', 'PK']]) {
      const out = join(dir, `answers.${format}`);
      execFileSync(binary, ['export', 'ita-answers', '--year', '2566', '--base-url', 'https://www.namom.go.th', '--format',
                            format, '--out', out, '--db', server.db]);
      assert.equal(readFileSync(out).subarray(0, magic.length).toString(), magic, format);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const none = spawnSync(binary, ['export', 'ita-answers', '--year', '2540', '--base-url', 'https://x.go.th', '--db', server.db]);
  assert.equal(none.status, 1);
  assert.match(none.stderr.toString(), /ยังไม่มีเกณฑ์การประเมิน ITA/);
  assert.equal((await get('/assessment/2566/answers', null)).status, 303, 'admins only: the login page for anyone else');
});

// The spool files the server holds open: unnamed files in the spool directory.
function spoolFiles() {
  const fds = `/proc/${server.child.pid}/fd`;
  return readdirSync(fds).map((fd) => { try { return readlinkSync(join(fds, fd)); } catch { return ''; } })
    .filter((target) => target.startsWith(spoolDir + '/'));
}

// A multipart body by hand, so that a test can send it in pieces.
function multipartBody(fields, file) {
  const boundary = `----prongsai${randomBytes(8).toString('hex')}`;
  let head = '';
  for (const [k, v] of Object.entries(fields)) head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, 'utf8'), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

test('a large upload goes to disk as it arrives, and comes back byte for byte', async () => {
  const admin = await signIn('admin@example.org');
  const token = csrfOf(await (await get('/disclosure/2566/O3', admin)).text());
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(6 * 1024 * 1024)]);
  const { body, type } = multipartBody(
    { _csrf: token, kind: 'file', title: 'อำนาจหน้าที่ (ฉบับสแกน)', period: '', published_on: '2022-11-01', confirm_personal_data: '1' },
    { name: 'authority-scan.pdf', bytes: pdf });
  const socket = net.connect(server.port, '127.0.0.1');
  await once(socket, 'connect');
  const answer = [];
  socket.on('data', (d) => answer.push(d));
  const closed = once(socket, 'close');
  socket.write(`POST /disclosure/2566/O3/evidence HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${admin.header()}\r\n` +
               `Content-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
  socket.write(body.subarray(0, body.length / 2));
  // Half the body is in: it is in an unnamed spool file, not waiting in memory for the rest.
  let held = [];
  for (let i = 0; i < 100 && held.length === 0; i++) { await sleep(20); held = spoolFiles(); }
  assert.equal(held.length, 1, 'one spool file open mid-upload');
  assert.match(held[0], /\(deleted\)$|\/#\d+/, 'the spool file has no name');
  assert.deepEqual(readdirSync(spoolDir), [], 'nothing to see in the spool directory');
  socket.end(body.subarray(body.length / 2));
  await closed;
  assert.match(Buffer.concat(answer).toString('latin1'), /^HTTP\/1\.1 303/);
  assert.deepEqual(spoolFiles(), [], 'the spool file is closed with the request');

  const page = await (await get('/ita/2566/O3', cookieJar())).text();
  const href = page.match(/href="(\/ita\/2566\/O3\/files\/\d+)"/)[1];
  const back = Buffer.from(await (await get(href, cookieJar())).arrayBuffer());
  assert.equal(back.length, pdf.length);
  assert.ok(back.equals(pdf), 'the download is the upload, byte for byte');

  // A chunked upload (no Content-Length) is spooled the same way and stored once complete.
  const small = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300 * 1024)]);
  const chunked = multipartBody(
    { _csrf: token, kind: 'file', title: 'คำสั่งมอบอำนาจ', period: '', published_on: '2022-11-02', confirm_personal_data: '1' },
    { name: 'delegation.pdf', bytes: small });
  const half = Math.floor(chunked.body.length / 2);
  const reply = await raw(Buffer.concat([
    Buffer.from(`POST /disclosure/2566/O3/evidence HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${admin.header()}\r\n` +
                `Content-Type: ${chunked.type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`),
    Buffer.from(`${half.toString(16)}\r\n`), chunked.body.subarray(0, half), Buffer.from('\r\n'),
    Buffer.from(`${(chunked.body.length - half).toString(16)}\r\n`), chunked.body.subarray(half), Buffer.from('\r\n0\r\n\r\n'),
  ]));
  assert.match(reply, /^HTTP\/1\.1 303/);
  assert.match(await (await get('/ita/2566/O3', cookieJar())).text(), /คำสั่งมอบอำนาจ/);
});

async function fileComplaint(fields) {
  const jar = cookieJar();
  const channel = fields.channel === 'corruption' ? '?channel=corruption' : '';
  const token = csrfOf(await (await get('/complaints/new' + channel, jar)).text());
  const res = await post('/complaints/new', jar, { _csrf: token, channel: 'complaint', topic: 'complaint', website: '', ...fields });
  return { res, html: await res.text() };
}
// Whether a dump of a table holds a text, as UTF-8 or as PostgreSQL's hex form of bytea.
const holds = (dump, text) => dump.includes(text) || dump.includes(Buffer.from(text).toString('hex'));
const codeOf = (html) => (html.match(/class="receipt-code"[^>]*>\s*(?:<strong>)?([0-9A-Z-]{23})/) || [])[1];

test('complaints: a receipt code tracks the case; unknown codes answer alike; nothing identifying is kept', async () => {
  const { res, html } = await fileComplaint({ subject: 'ไฟทางหน้าโรงเรียนดับ', details: 'ดับมาสามคืนแล้ว', anonymous: '1' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control'), /no-store/);
  const code = codeOf(html);
  assert.match(code, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);

  // Tracking: the code alone, written loosely, in a POST body.
  const jar = cookieJar();
  const token = csrfOf(await (await get('/complaints/track', jar)).text());
  let r = await post('/complaints/track', jar, { _csrf: token, code: code.toLowerCase().replaceAll('-', ' ') });
  assert.equal(r.status, 200);
  assert.match(await r.text(), /ไฟทางหน้าโรงเรียนดับ/);
  r = await post('/complaints/track/reply', jar, { _csrf: token, code, body: 'ตอนนี้ยังดับอยู่ครับ' });
  assert.equal(r.status, 200);
  assert.match(await r.text(), /ตอนนี้ยังดับอยู่ครับ/);

  // A wrong code, a malformed one and an empty one get one and the same answer.
  const answers = [];
  for (const wrong of [code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'), 'not a code', '']) {
    const w = await post('/complaints/track', jar, { _csrf: token, code: wrong });
    assert.equal(w.status, 404);
    answers.push((await w.text()).replace(/name="_csrf" value="[^"]+"/, ''));
  }
  assert.match(answers[0], /ไม่พบเรื่องตามรหัสนี้|ไม่พบ/);
  assert.equal(answers[0], answers[1]);
  assert.equal(answers[0], answers[2]);

  // The code is not stored (only a hash of it), nor in any log line; no address in the tables.
  const dump = runSql(server.db, 'SELECT * FROM cases');
  assert.ok(holds(dump, 'ไฟทางหน้าโรงเรียนดับ'), 'a general complaint is stored readable');
  assert.ok(!holds(dump, code) && !holds(dump, code.replaceAll('-', '')));
  assert.ok(!server.log().includes(code));
  // Nor a line a request of these routes: they are counted by the hour (AnonymousTally).
  assert.doesNotMatch(server.log(), /(GET|POST) \/(complaints\/new|track)\b[^\n]*\d+B/);
  for (const l of server.log().split('\n').filter((x) => /complaints|track/.test(x)))
    assert.doesNotMatch(l, /127\.0\.0\.1|Mozilla|undici/, l);
});

// A 1×1 PNG: a file the upload check takes by its content.
const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('following a case by its code: a file is downloaded, kept by no cache; look-ups and replies are throttled per client', async () => {
  const node = await startServer();
  try {
    const jar = cookieJar();
    const token = csrfOf(await (await get('/complaints/new', jar, {}, node)).text());
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: token, channel: 'complaint', topic: 'complaint', website: '',
      subject: 'ท่อระบายน้ำอุดตัน', details: 'น้ำท่วมขังหน้าบ้าน' })) form.append(k, v);
    // What the phone wrote into it: removed before it is kept (the form says so).
    const text = Buffer.from('GPS 13.7563N 100.5018E');
    const chunk = Buffer.concat([Buffer.from([0, 0, 0, text.length]), Buffer.from('tEXt'), text, Buffer.from('CRC!')]);
    const fromPhone = Buffer.concat([onePixelPng.subarray(0, onePixelPng.length - 12), chunk, onePixelPng.subarray(-12)]);
    form.append('attachments', new Blob([fromPhone], { type: 'image/png' }), 'photo.png');
    const sent = await fetch(node.base + '/complaints/new', { method: 'POST', body: form, headers: { cookie: jar.header() } });
    assert.equal(sent.status, 200);
    const code = codeOf(await sent.text());
    const page = await (await post('/track', jar, { _csrf: token, code }, {}, node)).text();
    const file = page.match(/name="file" value="(\d+)"/)[1];
    const download = await post('/track/file', jar, { _csrf: token, code, file }, {}, node);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), onePixelPng, 'the picture without its GPS text');
    assert.match(download.headers.get('content-disposition'), /photo\.png/, 'a general complaint keeps the file name');
    assert.match(page, /ระบบลบข้อมูลที่กล้องหรือโทรศัพท์ฝังไว้ในรูปภาพ/);

    // Ten replies an hour from one client, then 429 with the page saying why.
    for (let i = 0; i < 10; ++i)
      assert.equal((await post('/track/reply', jar, { _csrf: token, code, body: `ข้อมูลเพิ่มเติม ${i}` }, {}, node)).status, 200);
    const reply = await post('/track/reply', jar, { _csrf: token, code, body: 'อีกครั้ง' }, {}, node);
    assert.equal(reply.status, 429);
    assert.match(await reply.text(), /ส่งข้อความเพิ่มเติมในเรื่องนี้ครบจำนวน/);
    // Sixty look-ups an hour (the two above count), then 429 for the code, the file and the slip alike.
    for (let i = 0; i < 58; ++i)
      assert.notEqual((await post('/track', jar, { _csrf: token, code: 'AAAAA-BBBBB-CCCCC-DDDDD' }, {}, node)).status, 429, `look-up ${i}`);
    for (const path of ['/track', '/complaints/track', '/track/file', '/track/pdf']) {
      const res = await post(path, jar, { _csrf: token, code, file }, {}, node);
      assert.equal(res.status, 429, path);
      assert.match(await res.text(), /ค้นหาเรื่องจากที่นี่บ่อยเกินกำหนด/);
    }
  } finally {
    await node.stop();
  }
});

test('complaints: the honeypot and bad input store nothing; a sealed complaint is not readable in the tables', async () => {
  const count = () => Number(runSql(server.db, 'SELECT count(*) FROM cases').trim());
  const before = count();
  let { res } = await fileComplaint({ subject: 'ขายยา', details: 'http://spam.example', website: 'http://spam.example' });
  assert.equal(res.status, 422);
  ({ res } = await fileComplaint({ subject: '', details: 'ไม่มีเรื่อง' }));
  assert.equal(res.status, 422);
  ({ res } = await fileComplaint({ subject: 'x'.repeat(201), details: 'ยาวเกิน' }));
  assert.equal(res.status, 422);
  assert.equal(count(), before, 'nothing stored');

  const { res: sealed, html } = await fileComplaint({ channel: 'corruption', subject: 'ฮั้วประมูลถนนสายบ้านดอน',
                                                      details: 'ผู้รับเหมารายเดียวชนะทุกงาน', accused: 'คณะกรรมการตรวจรับ' });
  assert.equal(sealed.status, 200);
  assert.ok(codeOf(html));
  for (const table of ['cases', 'case_events', 'case_messages']) {
    const dump = runSql(server.db, `SELECT * FROM ${table}`);
    for (const secret of ['ฮั้วประมูล', 'ผู้รับเหมารายเดียว', 'คณะกรรมการตรวจรับ']) assert.ok(!holds(dump, secret), `${table}: ${secret}`);
  }
  // An admin sees that it exists, not what it says.
  const admin = await signIn('admin@example.org');
  const inbox = await (await get('/complaints/inbox?channel=corruption', admin)).text();
  assert.doesNotMatch(inbox, /ฮั้วประมูล/);
  const id = runSql(server.db, "SELECT max(id) FROM cases WHERE channel = 'corruption'").trim();
  const page = await get(`/complaints/cases/${id}`, admin);
  assert.equal(page.status, 403);
  assert.doesNotMatch(await page.text(), /ฮั้วประมูล/);
});

test('complaints: an officer enters a call; the caller tracks it with the code read out to them', async () => {
  const officer = await signIn('complaints@example.org');
  const form = await (await get('/complaints/cases/new', officer)).text();
  const r = await post('/complaints/cases/new', officer, { _csrf: csrfOf(form), channel: 'complaint', via: 'phone', topic: 'complaint',
                                                         subject: 'ท่อประปาแตกหน้าตลาด', details: 'น้ำไหลนองถนน', name: 'ป้าแดง' });
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /แจ้งรหัสนี้แก่ผู้ร้องเรียน/);
  const code = codeOf(html);
  const inbox = await (await get('/complaints/inbox', officer)).text();
  assert.match(inbox, /ท่อประปาแตกหน้าตลาด[\s\S]*โทรศัพท์/);
  const jar = cookieJar();
  const token = csrfOf(await (await get('/complaints/track', jar)).text());
  const tracked = await (await post('/complaints/track', jar, { _csrf: token, code })).text();
  assert.match(tracked, /ท่อประปาแตกหน้าตลาด/);
  // Unit staff do not take complaints.
  const staff = await signIn('staff@example.org');
  assert.equal((await get('/complaints/cases/new', staff)).status, 403);
});

// The corruption form promises that no address or device information is kept. A copy of the
// database (or a backup) after a reporter sent one, behind nginx, holds nothing of their
// address or browser, no counter keyed by them, and no time finer than the day.
test('a corruption complaint leaves nothing in the database that leads back to its sender', async () => {
  const node = await startServer(['--trusted-proxy', '127.0.0.1']);
  try {
    const address = '203.0.113.77', browser = 'ReporterPhone/1.0 (Android 14; SM-A145F)';
    const headers = { 'x-real-ip': address, 'user-agent': browser };
    const dumpAll = () => {
      const tables = runSql(node.db, pg
        ? 'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").trim().split('\n');
      return Object.fromEntries(tables.map((t) => [t, runSql(node.db, `SELECT * FROM ${t}`)]));
    };
    const before = dumpAll();
    const jar = cookieJar();
    const token = csrfOf(await (await get('/complaints/new?channel=corruption', jar, headers, node)).text());
    const sent = await post('/complaints/new', jar, { _csrf: token, channel: 'corruption', website: '',
      subject: 'เรียกรับเงินค่าตรวจรับงาน', details: 'กรรมการตรวจรับเรียกเงินร้อยละห้า', accused: 'ประธานกรรมการตรวจรับ' }, headers, node);
    assert.equal(sent.status, 200);
    const code = codeOf(await sent.text());
    await post('/track/reply', jar, { _csrf: token, code, body: 'มีหลักฐานเป็นข้อความในโทรศัพท์' }, headers, node);
    const after = dumpAll();
    const everything = Object.values(after).join('\n');
    for (const trace of [address, '203.0.113', browser, 'ReporterPhone', 'SM-A145F'])
      assert.ok(!holds(everything, trace), `the database holds ${trace}`);
    assert.equal(after.rate_counters, before.rate_counters, 'no counter was written for the sender');
    // Times: the day, 00:00 Thailand time (17:00 UTC), in the case, its event, the reply and the audit.
    const atDay = (t) => (Number(t) + 7 * 3600) % 86400 === 0;
    const caseTimes = runSql(node.db, "SELECT created_at, updated_at FROM cases WHERE channel = 'corruption'").trim().split(/[|\n]/);
    assert.ok(caseTimes.length >= 2 && caseTimes.every(atDay), caseTimes.join(' '));
    const citizenAudit = runSql(node.db, "SELECT at FROM audit_log WHERE actor = 'citizen'").trim().split('\n');
    assert.equal(citizenAudit.length, 2);
    assert.ok(citizenAudit.every(atDay), citizenAudit.join(' '));
    assert.ok(runSql(node.db, "SELECT at FROM case_messages WHERE author = 'citizen'").trim().split('\n').every(atDay));
    // The log: no line of the submission (the anonymous routes are counted by the hour).
    assert.doesNotMatch(node.log(), /203\.0\.113|ReporterPhone|POST \/complaints\/new \d{3} \d+B/);
  } finally {
    await node.stop();
  }
});

test('complaints: one address may file only so many an hour', async () => {
  let last;
  for (let i = 0; i < 12; i++) {
    last = await fileComplaint({ subject: `เรื่องที่ ${i}`, details: 'ทดสอบการจำกัดจำนวน' });
    if (last.res.status === 429) break;
  }
  assert.equal(last.res.status, 429);
  assert.match(last.html, /ส่งเรื่องบ่อยเกินไป|มากเกินไป|ภายหลัง/);
  // The count is the node's, in memory: nothing of it is written beside the complaints, so no
  // second write can fail after a complaint committed, and no backup holds it.
  const counters = runSql(server.db, "SELECT count(*) FROM rate_counters WHERE key NOT LIKE 'login-%'").trim();
  assert.equal(counters, '0');
});

test('contact channels: the public page follows the admin\'s edit at once; QR codes download as PNG', async () => {
  let page = await (await get('/contact')).text();
  assert.match(page, /ยังไม่ได้กรอกข้อมูลการติดต่อ/);
  const admin = await signIn('admin@example.org');
  const token = csrfOf(await (await get('/admin/contact', admin)).text());
  let r = await post('/admin/contact', admin, { _csrf: token, email: 'saraban@namom.go.th', line: '@namom', phone: '074 300 000' });
  assert.equal(r.status, 303);
  page = await (await get('/contact')).text();
  assert.match(page, /mailto:saraban@namom\.go\.th/);
  assert.equal((page.match(/<svg /g) || []).length, 3);
  const png = await get('/contact/qr/line');
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.match(png.headers.get('content-disposition'), /^attachment/);
  assert.equal((await get('/contact/qr/facebook')).status, 404);
  r = await post('/admin/contact', admin, { _csrf: token, website: 'www.namom.go.th' });
  assert.equal(r.status, 422);
  assert.match(await r.text(), /https:\/\//);
  assert.equal((await get('/admin/contact', await signIn('staff@example.org'))).status, 403);
});

test('news: an editor posts with a picture; the list, the post, its share links and the Atom feed follow; drafts and scheduled posts stay hidden', async () => {
  const editor = await signIn('staff@example.org');
  const token = csrfOf(await (await get('/news/manage/new', editor)).text());
  const png = (await get('/contact/qr/line')).status === 200 ? Buffer.from(await (await get('/contact/qr/line')).arrayBuffer()) : null;
  assert.ok(png, 'a PNG to upload (the contact test made one)');
  const form = new FormData();
  for (const [k, v] of Object.entries({ _csrf: token, category: 'activity', title: 'ภาพงานวันเด็ก & <ประกวด>', body: 'ขอบคุณผู้ร่วมงานทุกท่าน', status: 'published' }))
    form.append(k, v);
  form.append('images', new Blob([png], { type: 'image/png' }), 'หน้างาน.png');
  let res = await fetch(server.base + '/news/manage/new', { method: 'POST', redirect: 'manual', headers: { cookie: editor.header() }, body: form });
  assert.equal(res.status, 303);
  const id = res.headers.get('location').match(/\/news\/manage\/(\d+)/)[1];
  // A draft and a post for tomorrow, which the public does not see.
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
  res = await post('/news/manage/new', editor, { _csrf: token, category: 'news', title: 'ร่างที่ยังไม่เผยแพร่', body: '', status: 'draft' });
  const draft = res.headers.get('location').match(/(\d+)/)[1];
  await post('/news/manage/new', editor, { _csrf: token, category: 'news', title: 'ประกาศล่วงหน้า', body: '', status: 'published', publish_date: tomorrow, publish_time: '08:30' });

  const list = await (await get('/news')).text();
  assert.match(list, /ภาพงานวันเด็ก &amp; &lt;ประกวด&gt;/);
  assert.doesNotMatch(list, /ร่างที่ยังไม่เผยแพร่|ประกาศล่วงหน้า/);
  assert.equal((await get(`/news/${draft}`)).status, 404);
  const page = await (await get(`/news/${id}`)).text();
  const encoded = encodeURIComponent(`${server.base}/news/${id}`);
  assert.ok(page.includes(`https://social-plugins.line.me/lineit/share?url=${encoded}`), 'LINE share link');
  assert.ok(page.includes(`https://www.facebook.com/sharer/sharer.php?u=${encoded}`), 'Facebook share link');
  const img = page.match(/<img src="(\/news\/\d+\/files\/\d+)"/)[1];
  const picture = await get(img);
  assert.equal(picture.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await picture.arrayBuffer()), png);

  const feed = await get('/news.atom');
  assert.match(feed.headers.get('content-type'), /^application\/atom\+xml/);
  const xml = await feed.text();
  execFileSync('xmllint', ['--noout', '-'], { input: xml });
  assert.match(xml, /<entry>[\s\S]*<title>ภาพงานวันเด็ก &amp; &lt;ประกวด&gt;<\/title>[\s\S]*<id>urn:uuid:[0-9a-f-]{36}<\/id>/);
  assert.ok(xml.includes(`href="${server.base}/news/${id}"`));
  assert.doesNotMatch(xml, /ประกาศล่วงหน้า|ร่างที่ยังไม่เผยแพร่/);
  assert.equal((await get('/news/manage', await signIn('executive@example.org'))).status, 403);
  assert.equal((await get('/news?page=999')).status, 404);
  // Deleting the draft takes the confirmation box; without it nothing goes.
  res = await post(`/news/manage/${draft}/delete`, editor, { _csrf: token });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/news/manage/${draft}?confirm_delete=1#delete`);
  assert.match(await (await get(`/news/manage/${draft}?confirm_delete=1`, editor)).text(), /role="alert" id="confirm-error">ยังไม่ได้ลบ/);
  assert.equal((await get(`/news/manage/${draft}`, editor)).status, 200);
  res = await post(`/news/manage/${draft}/delete`, editor, { _csrf: token, confirm: '1' });
  assert.equal(res.headers.get('location'), '/news/manage?deleted=1');
  assert.equal((await get(`/news/manage/${draft}`, editor)).status, 404);
});

test('Q&A: a citizen asks, an officer answers, the answer and the response time are public, the code shows it', async () => {
  const jar = cookieJar();
  const token = csrfOf(await (await get('/qa/ask', jar)).text());
  // A question left empty: the form again, the message above it and beside the question box,
  // which says it is the field at fault to a screen reader.
  let r = await post('/qa/ask', jar, { _csrf: token, question: '   ', asker: 'สมชาย', website: '' });
  assert.equal(r.status, 422);
  const again = await r.text();
  assert.match(again, /<textarea id="question" name="question"[^>]* aria-describedby="question-error" aria-invalid="true">/);
  const beside = again.match(/<span class="field-error" id="question-error">([^<]+)<\/span>/);
  assert.ok(beside, 'the message beside the field');
  assert.match(again, new RegExp(`role="alert">${beside[1]}<`), 'the same message above the form');
  assert.match(again, /name="asker"[^>]*value="สมชาย"/, 'what was typed stays');
  assert.doesNotMatch(again, /id="asker-error"/, 'only the field at fault');
  r = await post('/qa/ask', jar, { _csrf: token, question: 'รถเก็บขยะมาวันไหนบ้างคะ', asker: '' , website: '' });
  assert.equal(r.status, 200);
  const code = codeOf(await r.text());
  assert.ok(code);
  let page = await (await get('/qa')).text();
  assert.doesNotMatch(page, /รถเก็บขยะมาวันไหนบ้างคะ/, 'not public before an answer');
  const officer = await signIn('complaints@example.org');
  const manage = await (await get('/qa/manage', officer)).text();
  const href = manage.match(/href="(\/qa\/manage\/\d+)"/)[1];
  const form = await (await get(href, officer)).text();
  r = await post(href + '/answer', officer, { _csrf: csrfOf(form), answer: 'ทุกวันจันทร์และวันพฤหัสบดีค่ะ' });
  assert.equal(r.status, 303);
  page = await (await get('/qa')).text();
  assert.match(page, /รถเก็บขยะมาวันไหนบ้างคะ[\s\S]*ทุกวันจันทร์และวันพฤหัสบดีค่ะ/);
  assert.match(page, /ตอบแล้ว 1 คำถาม · เวลาตอบโดยทั่วไป \(มัธยฐาน\) <strong>1 นาที<\/strong>/);
  const tracked = await (await post('/qa/track', jar, { _csrf: token, code })).text();
  assert.match(tracked, /ทุกวันจันทร์และวันพฤหัสบดีค่ะ/);
  assert.equal((await post('/qa/track', jar, { _csrf: token, code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' })).status, 404);
  assert.ok(!server.log().includes(code));
  const summary = await get('/qa/summary', await signIn('executive@example.org'));
  assert.equal(summary.status, 200);
  assert.match(await summary.text(), /สรุปการถาม-ตอบรายหกเดือน/);
  assert.equal((await get('/qa/manage', await signIn('staff@example.org'))).status, 403);
});

test('search: news and answers by one and two Thai letters, highlighted; hidden posts never; bad queries in Thai', async () => {
  const search = async (q, extra = '') => get('/search?q=' + encodeURIComponent(q) + extra);
  let res = await search('เด็ก');
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /<span class="tag">ข่าวประชาสัมพันธ์<\/span>[^<]*<\/p>\s*<h3><a href="\/news\/\d+">ภาพงานวัน<mark>เด็ก<\/mark> &amp; &lt;ประกวด&gt;<\/a>/);
  // Two letters find the question and its answer; the result leads to the answer's own page.
  html = await (await search('ขย')).text();
  const qa = html.match(/<a href="(\/qa\/\d+)">รถเก็บ<mark>ขย<\/mark>ะ/);
  assert.ok(qa, 'the answered question is found by two letters');
  const answer = await get(qa[1]);
  assert.equal(answer.status, 200);
  assert.match(await answer.text(), /ทุกวันจันทร์และวันพฤหัสบดีค่ะ/);
  // One letter: the answer's text matches too ("ค่ะ" has ค).
  html = await (await search('ค')).text();
  assert.match(html, /พบ \d+ รายการ/);
  assert.ok(html.includes(qa[1]));
  // Spacing does not matter; drafts and posts for tomorrow are never found.
  assert.match(await (await search('วัน เด็ก')).text(), /<mark>/);
  for (const hidden of ['ร่างที่ยังไม่', 'ประกาศล่วงหน้า'])
    assert.match(await (await search(hidden)).text(), /ไม่พบรายการที่ตรงกับคำค้น/);
  // No query: the form alone. Bad and overlong queries: 400 with a Thai message; no such page: 404.
  html = await (await get('/search')).text();
  assert.match(html, /<input id="q" name="q" type="search"/);
  assert.doesNotMatch(html, /ผลการค้นหา/);
  res = await get('/search?q=%FF%FE');
  assert.equal(res.status, 400);
  assert.match(await res.text(), /role="alert"/);
  res = await search('ก'.repeat(101));
  assert.equal(res.status, 400);
  assert.match(await res.text(), /ยาวเกิน/);
  assert.equal((await search('เด็ก', '&page=999')).status, 404);
});

test('services: the demo ships every template published; the admin takes one down, sets it up and publishes it again', async () => {
  const admin = await signIn('admin@example.org');
  let page = await (await get('/admin/services', admin)).text();
  assert.doesNotMatch(page, /<option value="street_light">/, 'every template is in use already');
  let res = await post('/admin/services', admin, { _csrf: csrfOf(page), template: 'street_light' });
  assert.equal(res.status, 409, 'the same template twice is one service too many');
  const href = page.match(/href="(\/admin\/services\/\d+)">แจ้งซ่อมไฟฟ้าสาธารณะ/)[1];
  page = await (await get(href, admin)).text();
  assert.match(page, /<option value="\d+" selected>กองช่าง<\/option>/, 'the template\'s unit, found by name');
  const unit = page.match(/<option value="(\d+)" selected>/)[1];
  const fields = { _csrf: csrfOf(page), name_th: 'แจ้งซ่อมไฟฟ้าสาธารณะ', name_en: 'Street lights', unit_id: unit,
                   target_days: '5', count: 'working', contact: 'optional', documents: 'ภาพถ่ายจุดที่ไฟดับ (ถ้ามี)' };
  res = await post(href, admin, fields);  // not ticked: a draft
  assert.equal(res.status, 303);
  assert.doesNotMatch(await (await get('/services')).text(), /แจ้งซ่อมไฟฟ้าสาธารณะ/, 'a draft is not public');
  assert.equal((await get('/services/' + href.split('/').pop())).status, 404, 'nor is its form');
  res = await post(href, admin, { ...fields, target_days: '0', published: '1' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /ตัวเลขอยู่นอกช่วงที่กำหนด/);
  res = await post(href, admin, { ...fields, published: '1' });
  assert.equal(res.status, 303);
  const list = await (await get('/services')).text();
  assert.match(list, /<h2>แจ้งซ่อมไฟฟ้าสาธารณะ<\/h2>[\s\S]*กองช่าง[\s\S]*ภายใน 5 วันทำการ[\s\S]*ภาพถ่ายจุดที่ไฟดับ \(ถ้ามี\)/);
  assert.equal((await get('/admin/services', await signIn('staff@example.org'))).status, 403);
});

test('requests: one address sending request after request is held back after ten an hour, in Thai', async () => {
  const node = await startServer();
  try {
    const jar = cookieJar();
    const list = await (await fetch(node.base + '/services')).text();
    const id = list.match(/<h2>แจ้งซ่อมถนน<\/h2>[\s\S]*?href="\/services\/(\d+)"/)[1];
    const page = await fetch(node.base + `/services/${id}`);
    jar.take(page);
    const token = csrfOf(await page.text());
    const send = () => fetch(node.base + `/services/${id}`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, 'where.village': 'หมู่ 2', 'where.landmark': 'สะพานข้ามคลอง', problem: 'pothole' }).toString(),
    });
    for (let i = 0; i < 10; i++) assert.equal((await send()).status, 200, `request ${i + 1}`);
    const res = await send();
    assert.equal(res.status, 429);
    assert.match(await res.text(), /ส่งเรื่องจากที่นี่มากเกินกำหนดในหนึ่งชั่วโมง/);
    assert.equal(runSql(node.db, "SELECT COUNT(*) FROM cases WHERE channel = 'request'").trim(), '10', 'the eleventh is not stored');
  } finally {
    await node.stop();
  }
});

test('surveys: one client cannot stuff a survey, cookies cleared or not; an answer keeps its day only', async () => {
  const node = await startServer();
  try {
    const admin = await signIn('admin@example.org', node);
    const list = await (await get('/admin/surveys', admin, {}, node)).text();
    const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    const made = await post('/admin/surveys', admin, { _csrf: csrfOf(list), kind: 'satisfaction', year: '2570',
      title: 'ความพึงพอใจ', questions: 'ขั้นตอนรวดเร็ว', opens_on: today, closes_on: '2099-09-30', target: '100' }, {}, node);
    const page = await (await get(made.headers.get('location').replace(/\?.*/, ''), admin, {}, node)).text();
    const path = new URL(page.match(/<a href="(http:\/\/[^"]+\/s\/[A-Za-z0-9_-]+)">/)[1]).pathname;
    const answer = async () => {
      const jar = cookieJar();  // a browser with no cookie of this survey: a new one, or one cleared
      const form = await (await get(path, jar, {}, node)).text();
      return post(path, jar, { _csrf: csrfOf(form), S1: '4' }, {}, node);
    };
    for (let i = 0; i < 30; ++i) assert.equal((await answer()).status, 303, `answer ${i + 1}`);
    const refused = await answer();
    assert.equal(refused.status, 429);
    assert.match(await refused.text(), /รับคำตอบจากเครื่องหรือเครือข่ายนี้ครบจำนวน/);
    assert.equal(runSql(node.db, 'SELECT COUNT(*) FROM survey_responses').trim(), '30');
    const times = runSql(node.db, "SELECT DISTINCT at FROM audit_log WHERE actor = 'citizen'").trim().split('\n');
    assert.equal(times.length, 1, 'every answer of the day has the same time: the day');
    assert.equal((Number(times[0]) + 7 * 3600) % 86400, 0);
  } finally {
    await node.stop();
  }
});

test('surveys: the admin opens a satisfaction survey with a printable QR code; a citizen answers once per device; nothing identifying is kept', async () => {
  const admin = await signIn('admin@example.org');
  let page = await (await get('/admin/surveys', admin)).text();
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);  // Thailand's day
  let res = await post('/admin/surveys', admin, { _csrf: csrfOf(page), kind: 'satisfaction', year: '2566', title: 'ความพึงพอใจต่อการให้บริการ',
                                                  questions: 'ขั้นตอนรวดเร็ว\nเจ้าหน้าที่สุภาพ', opens_on: today, closes_on: '2099-09-30', target: '2' });
  assert.equal(res.status, 303);
  const href = res.headers.get('location').replace(/\?.*/, '');
  page = await (await get(href, admin)).text();
  const link = page.match(/<a href="(http:\/\/[^"]+\/s\/[A-Za-z0-9_-]+)">/)[1];
  assert.match(page, /<svg[^>]*role="img"/);
  const png = Buffer.from(await (await get(`${href}/qr.png`, admin)).arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'prongsai-qr-'));
  try {
    execFileSync('sh', ['-c', `cat > ${dir}/qr.png`], { input: png });
    assert.equal(execFileSync('zbarimg', ['-q', '--raw', join(dir, 'qr.png')]).toString().trim(), link);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const path = new URL(link).pathname;
  const citizen = cookieJar();
  const form = await (await get(path, citizen)).text();
  assert.match(form, /<legend>ขั้นตอนรวดเร็ว<\/legend>/);
  res = await post(path, citizen, { _csrf: csrfOf(form), S1: '4' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<p class="field-error">โปรดตอบข้อนี้<\/p>/);
  res = await post(path, citizen, { _csrf: csrfOf(form), S1: '4', S2: '3' });
  assert.equal(res.status, 303, 'post/redirect/get: a reload of the answer sends nothing again');
  assert.match(res.headers.get('set-cookie'), /HttpOnly/);
  assert.equal(res.headers.get('location'), `${path}/thanks`);
  const thanks = await get(`${path}/thanks`, citizen);
  assert.equal(thanks.status, 200);
  assert.match(await thanks.text(), /บันทึกคำตอบของท่านแล้ว/);
  assert.equal((await get('/s/not-a-survey/thanks')).status, 404);
  res = await post(path, citizen, { _csrf: csrfOf(form), S1: '1', S2: '1' });
  assert.equal(res.status, 409, 'one device, one answer');
  assert.match(await (await get(href, admin)).text(), /1 \/ 2 \(50%\)/);
  const stored = runSql(server.db, 'SELECT * FROM survey_responses');
  assert.doesNotMatch(stored, /127\.0\.0\.1|Mozilla|node|citizen|\d\d:\d\d/, stored);
  assert.equal((await get('/s/not-a-survey')).status, 404);
  assert.equal((await get('/admin/surveys', await signIn('staff@example.org'))).status, 403);
  // The admin sees the scores so far: S1 100, S2 67, the survey (100 + 67) / 2 = 83.50.
  page = await (await get(href, admin)).text();
  assert.match(page, /คะแนนรวม 83\.50<\/strong> · ระดับ <strong>B<\/strong>/);
  assert.match(page, /<th scope="row">S1<\/th><td>ขั้นตอนรวดเร็ว<\/td><td>100\.00<\/td>/);
  const exported = await (await get(`${href}/responses/csv`, admin)).text();
  assert.equal(exported.replace(/^\ufeff/, ''), '"S1 ขั้นตอนรวดเร็ว","S2 เจ้าหน้าที่สุภาพ"\r\n4,3\r\n', 'the answers and nothing else');
  const workbook = Buffer.from(await (await get(`${href}/responses/xlsx`, admin)).arrayBuffer());
  assert.equal(workbook.subarray(0, 2).toString(), 'PK');
  // The year's estimate, for the executive too; a staff member may not see it.
  const estimate = await (await get('/surveys/estimate?year=2566', await signIn('executive@example.org'))).text();
  assert.match(estimate, /<th scope="row">OIT/);
  assert.match(estimate, /ยังคำนวณคะแนนรวมไม่ได้/, 'no EIT or IIT answers for 2566 yet');
  assert.match(estimate, /<svg class="chart"[^>]*aria-label="[^"]*2566: OIT \d+\.\d\d[;"]/, 'the trend across years');
  assert.equal((await get('/surveys/estimate', await signIn('staff@example.org'))).status, 403);
  assert.equal((await get('/surveys/estimate?year=2400', admin)).status, 404);
  // Proposals for next year's plan: the admin's alone; the target is checked.
  page = await (await get('/surveys/proposals?year=2566', admin)).text();
  assert.match(page, /ยังไม่มีแบบสำรวจ EIT หรือ IIT ของปีนี้ที่มีผู้ตอบ/, 'a satisfaction survey proposes nothing');
  res = await post('/surveys/proposals/target', admin, { _csrf: csrfOf(page), year: '2566', target: '200' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="target-error" class="field-error">กรุณากรอกตัวเลขจำนวนเต็มตั้งแต่ 50 ถึง 100/);
  res = await post('/surveys/proposals/target', admin, { year: '2566', target: '70' });
  assert.equal(res.status, 403, 'no CSRF token');
  res = await post('/surveys/proposals/target', admin, { _csrf: csrfOf(page), year: '2566', target: '90' });
  assert.equal(res.status, 303);
  assert.match(await (await get(res.headers.get('location'), admin)).text(), /name="target"[^>]*value="90"/);
  await post('/surveys/proposals/target', admin, { _csrf: csrfOf(page), year: '2566', target: '85' });
  res = await post('/surveys/proposals/2566/E1/drop', admin, { _csrf: csrfOf(page), reason: 'ไม่เกี่ยว' });
  assert.equal(res.status, 404, 'E1 is not proposed');
  assert.equal((await get('/surveys/proposals', await signIn('executive@example.org'))).status, 403);
  assert.equal((await get('/surveys/proposals?year=2400', admin)).status, 404);
});

test('requests: a citizen reports a street light with a photo, follows it by code and gets the slip; the unit works it, forwards it, and the other unit completes it', async () => {
  const citizen = cookieJar();
  const list = await (await get('/services', citizen)).text();
  const id = list.match(/<h2>แจ้งซ่อมไฟฟ้าสาธารณะ<\/h2>[\s\S]*?href="\/services\/(\d+)"/)[1];
  let page = await (await get(`/services/${id}`, citizen)).text();
  assert.match(page, /<legend>จุดที่ไฟฟ้าชำรุด/);
  const png = Buffer.from(await (await get('/contact/qr/line')).arrayBuffer());
  const send = async (fields, files = []) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: csrfOf(page), ...fields })) form.append(k, v);
    for (const f of files) form.append(f.field, new Blob([f.bytes], { type: f.type }), f.name);
    const res = await fetch(server.base + `/services/${id}`, { method: 'POST', redirect: 'manual', headers: { cookie: citizen.header() }, body: form });
    citizen.take(res);
    return res;
  };
  // Nothing chosen for what is wrong; then a web page passed off as a photo.
  let res = await send({ 'where.village': 'หมู่ 3', 'where.landmark': 'หน้าวัด' });
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /<p class="field-error">กรุณากรอกข้อมูลในช่องนี้<\/p>/);
  assert.match(html, /value="หมู่ 3"/, 'what was typed stays');
  res = await send({ 'where.village': 'หมู่ 3', 'where.landmark': 'หน้าวัด', problem: 'off' },
                   [{ field: 'photo', bytes: Buffer.from('<html><script>alert(1)</script>'), type: 'image/png', name: 'x.png' }]);
  assert.equal(res.status, 422);
  assert.match(await res.text(), /id="f-photo-error"/);
  res = await send({ 'where.village': 'หมู่ 3', 'where.landmark': 'หน้าวัดนาหม่อม', problem: 'off', contact_name: 'สมศรี ใจดี' },
                   [{ field: 'photo', bytes: png, type: 'image/png', name: 'เสาไฟ.png' }]);
  assert.equal(res.status, 200);
  html = await res.text();
  const code = html.match(/class="receipt-code" lang="en"><strong>([0-9A-Z-]+)</)[1];
  assert.match(html, /กำหนดแล้วเสร็จ<\/dt><dd>\d+ \S+ 25\d\d<\/dd>/, 'the day it is due, Buddhist era');

  const token = csrfOf(await (await get('/track', citizen)).text());
  res = await post('/track', citizen, { _csrf: token, code: code.toLowerCase().replaceAll('-', ' ') });
  assert.equal(res.status, 200, 'typing is forgiven');
  html = await res.text();
  assert.match(html, /หมู่ 3 · หน้าวัดนาหม่อม/);
  assert.match(html, /เสาไฟ\.png/);
  const slip = await post('/track/pdf', citizen, { _csrf: token, code });
  assert.equal(slip.status, 200);
  assert.equal(slip.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await slip.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  // The slip's QR code opens the tracking page with the code in the fragment (never sent to the server).
  const dir = mkdtempSync(join(tmpdir(), 'prongsai-slip-'));
  try {
    execFileSync('sh', ['-c', `cat > ${dir}/slip.pdf`], { input: pdf });
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', join(dir, 'slip.pdf'), join(dir, 'page')]);
    const page1 = readdirSync(dir).find((f) => f.endsWith('.png'));
    assert.equal(execFileSync('zbarimg', ['-q', '--raw', join(dir, page1)]).toString().trim(), `${server.base}/track#code=${code}`);
    assert.match(execFileSync('pdftotext', [join(dir, 'slip.pdf'), '-']).toString(), new RegExp(code));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const wrong of ['00000-00000-00000-00000', 'not a code']) {
    res = await post('/track', citizen, { _csrf: token, code: wrong });
    assert.equal(res.status, 404);
    assert.match(await res.text(), /ไม่พบเรื่องที่ตรงกับรหัสนี้/);
    assert.equal((await post('/track/pdf', citizen, { _csrf: token, code: wrong })).status, 404);
  }

  // กองช่าง's staff see it in their queue; กองคลัง's do not, until it is forwarded to them.
  const works = await signIn('works@example.org');
  const finance = await signIn('staff@example.org');
  let queue = await (await get('/requests', works)).text();
  const number = queue.match(/<a href="\/requests\/(\d+)">\d+<\/a><\/td>\s*<td>แจ้งซ่อมไฟฟ้าสาธารณะ/)[1];
  assert.doesNotMatch(await (await get('/requests', finance)).text(), new RegExp(`/requests/${number}"`));
  assert.equal((await get(`/requests/${number}`, finance)).status, 403);
  page = await (await get(`/requests/${number}`, works)).text();
  res = await post(`/requests/${number}/status`, works, { _csrf: csrfOf(page), status: 'reviewing', note: '' });
  assert.equal(res.status, 303);
  res = await post(`/requests/${number}/status`, works, { _csrf: csrfOf(page), status: 'info_requested', note: '' });
  assert.equal(res.status, 422, 'asking for more says what');
  const finance_unit = page.match(/<option value="(\d+)">กองคลัง<\/option>/)[1];
  res = await post(`/requests/${number}/forward`, works, { _csrf: csrfOf(page), unit: finance_unit, note: 'ค่าไฟค้างชำระ' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/requests?forwarded=${number}`);
  assert.equal((await get(`/requests/${number}`, works)).status, 403, 'no longer theirs');
  page = await (await get(`/requests/${number}`, finance)).text();
  res = await post(`/requests/${number}/status`, finance, { _csrf: csrfOf(page), status: 'resolved', note: 'ซ่อมแล้ว' });
  assert.equal(res.status, 303);
  html = await (await post('/track', citizen, { _csrf: token, code })).text();
  assert.match(html, /case-resolved">ดำเนินการแล้วเสร็จ/);
  assert.match(html, /ส่งต่อหน่วยงานที่เกี่ยวข้อง<\/strong> → กองคลัง/);
  assert.match(html, /เสร็จทันกำหนด/);
  assert.match(html, /<a class="button" href="\/s\/[A-Za-z0-9_-]+" rel="noreferrer">ตอบแบบสำรวจความพึงพอใจ<\/a>/,
               'the satisfaction survey is offered, with nothing of the request in its address');
  // The executive sees the queue, not the requests.
  queue = await (await get('/requests', await signIn('executive@example.org'))).text();
  assert.match(queue, /แจ้งซ่อมไฟฟ้าสาธารณะ/);
  assert.doesNotMatch(queue, /href="\/requests\/\d+"/);
});

test('service statistics: the public page counts the requests by month and service, downloads as CSV, XLSX and PDF, and the admin files it as O16', async () => {
  let res = await get('/services/statistics');
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, /<svg class="chart"[^>]*role="img"/);
  assert.match(html, /<th scope="row">แจ้งซ่อมไฟฟ้าสาธารณะ<\/th><td>[1-9]\d*<\/td><td>[1-9]/, 'the street light completed above');
  assert.doesNotMatch(html, /สมศรี|หน้าวัดนาหม่อม/, 'counts only: nobody\'s name or words');
  const year = html.match(/href="\/services\/statistics\/(\d+)\/csv"/)[1];
  const csv = await get(`/services/statistics/${year}/csv`);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(await csv.text(), /"แจ้งซ่อมไฟฟ้าสาธารณะ","รวมทั้งปี","[1-9]/);
  // The same table as JSON for data tools: the headers and the rows, nobody's words.
  const asJson = await get(`/services/statistics/${year}/json`);
  assert.match(asJson.headers.get('content-type'), /^application\/json/);
  assert.match(asJson.headers.get('content-disposition'), /^attachment/);
  const table = await asJson.json();
  assert.equal(table.columns.length, table.rows[0].length);
  assert.ok(table.rows.some((r) => r[0] === 'แจ้งซ่อมไฟฟ้าสาธารณะ' && r[1] === 'รวมทั้งปี' && Number(r[2]) >= 1));
  assert.doesNotMatch(JSON.stringify(table), /สมศรี|หน้าวัดนาหม่อม/);
  const xlsx = Buffer.from(await (await get(`/services/statistics/${year}/xlsx`)).arrayBuffer());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
  const pdf = Buffer.from(await (await get(`/services/statistics/${year}/pdf`)).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await get('/services/statistics?year=1999')).status, 404);
  assert.equal((await get(`/services/statistics/${year}/exe`)).status, 404);

  // FY2566's framework marks O16 as these figures: one step files them, a second replaces the first.
  const admin = await signIn('admin@example.org');
  html = await (await get('/services/statistics?year=2566', admin)).text();
  assert.match(html, /แนบเป็นหลักฐาน OIT ข้อ O16 ข้อมูลเชิงสถิติการให้บริการ/);
  for (let i = 0; i < 2; i++) {
    res = await post('/services/statistics/2566/attach', admin, { _csrf: csrfOf(html) });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/services/statistics?year=2566&attached=O16');
  }
  const item = await (await get('/ita/2566/O16')).text();
  assert.equal((item.match(/ข้อมูลเชิงสถิติการให้บริการ ปีงบประมาณ พ\.ศ\. 2566 \(ข้อมูล ณ วันที่ 30 ก\.ย\. 2566\)/g) || []).length, 1,
               'filed once, the second replacing the first');
  const staff = await signIn('staff@example.org');
  assert.equal((await post('/services/statistics/2566/attach', staff, { _csrf: csrfOf(await (await get('/services/statistics', staff)).text()) })).status, 403);
});

test('the form editor: the admin adds a choice, names its options, moves it up, is told what is wrong, and removes a field only when sure', async () => {
  const admin = await signIn('admin@example.org');
  const list = await (await get('/admin/services', admin)).text();
  const href = list.match(/href="(\/admin\/services\/\d+)">แจ้งซ่อมถนน/)[1];
  let page = await (await get(href, admin)).text();
  const token = csrfOf(page);
  let res = await post(`${href}/fields`, admin, { _csrf: token, type: 'choice', label_th: 'ความเร่งด่วน' });
  assert.equal(res.status, 303);
  const field = res.headers.get('location').replace(/\?.*/, '');
  assert.match(field, /\/fields\/field_1$/);
  res = await post(field, admin, { _csrf: token, label_th: 'ความเร่งด่วน', required: '1', options: 'ด่วนมาก | Urgent\nปกติ\n' });
  assert.equal(res.status, 303);
  res = await post(`${field}/move`, admin, { _csrf: token, direction: 'up' });
  assert.equal(res.status, 303);
  const id = href.split('/').pop();
  const form = await (await get(`/services/${id}`)).text();
  assert.match(form, /<legend>ความเร่งด่วน <span class="required">\(จำเป็น\)<\/span><\/legend>[\s\S]*value="o1"> ด่วนมาก[\s\S]*value="o2"> ปกติ/);
  const at = (label) => form.indexOf(label);
  assert.ok(at('รายละเอียดเพิ่มเติม') < at('ความเร่งด่วน') && at('ความเร่งด่วน') < at('>ภาพถ่าย'), 'added last, moved up above the photo');
  // A text field whose length is out of range: refused, saying which box.
  page = await (await get(`${href}/fields/detail`, admin)).text();
  res = await post(`${href}/fields/detail`, admin, { _csrf: token, label_th: 'รายละเอียด', lines: 'many', max_chars: '0' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /ตัวเลขอยู่นอกช่วงที่กำหนด/);
  res = await post(`${field}/remove`, admin, { _csrf: token });
  assert.equal(res.status, 422, 'not without the confirmation');
  res = await post(`${field}/remove`, admin, { _csrf: token, confirm: '1' });
  assert.equal(res.status, 303);
  assert.doesNotMatch(await (await get(`/services/${id}`)).text(), /ความเร่งด่วน/);
  assert.equal((await post(`${href}/fields`, await signIn('works@example.org'), { _csrf: token, type: 'text', label_th: 'x' })).status, 403);
});

test('holidays: the admin adds a year\'s fixed public holidays and a moving one, in Buddhist-era dates', async () => {
  const admin = await signIn('admin@example.org');
  let page = await (await get('/admin/holidays?year=2567', admin)).text();
  let res = await post('/admin/holidays/fixed', admin, { _csrf: csrfOf(page), year: '2567' });
  assert.equal(res.status, 303);
  page = await (await get(res.headers.get('location'), admin)).text();
  assert.match(page, /วันหยุด 14 วัน/);
  assert.match(page, /13 เมษายน 2567<\/td><td>วันสงกรานต์/);
  res = await post('/admin/holidays', admin, { _csrf: csrfOf(page), day: '2024-02-30', name: 'วันมาฆบูชา' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /วันที่ไม่ถูกต้อง/);
  res = await post('/admin/holidays', admin, { _csrf: csrfOf(page), day: '2024-02-24', name: 'วันมาฆบูชา' });
  assert.equal(res.status, 303);
  page = await (await get(res.headers.get('location'), admin)).text();
  assert.match(page, /24 กุมภาพันธ์ 2567<\/td><td>วันมาฆบูชา/);
  res = await post('/admin/holidays/remove', admin, { _csrf: csrfOf(page), day: '2024-02-24' });
  assert.equal(res.status, 303);
  assert.doesNotMatch(await (await get('/admin/holidays?year=2567', admin)).text(), /<td>วันมาฆบูชา/);
  assert.equal((await get('/admin/holidays', await signIn('executive@example.org'))).status, 403);
});

test('statistics: the year\'s figures, public, with nobody\'s words or name in them', async () => {
  const res = await get('/statistics');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /เรื่องที่ได้รับทั้งหมด<\/th><td>[1-9]\d*<\/td>/, 'the complaints filed above are counted');
  assert.match(html, /ร้องเรียนการทุจริตและประพฤติมิชอบ/);
  // What the earlier tests wrote: subjects, details, names, messages, questions, answers.
  for (const personal of ['ไฟทางหน้าโรงเรียนดับ', 'ท่อประปาแตกหน้าตลาด', 'ป้าแดง', 'ฮั้วประมูล', 'คณะกรรมการตรวจรับ',
                          'ตอนนี้ยังดับอยู่ครับ', 'รถเก็บขยะมาวันไหนบ้างคะ', 'ทุกวันจันทร์'])
    assert.ok(!html.includes(personal), personal);
  const csv = await get('/statistics.csv');
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const rows = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.ok(rows.length > 20);
  for (const r of rows) assert.match(r, /^"[^"]*","[^"]*","[^"]*"$/);
  assert.equal((await get('/statistics?year=3000')).status, 404);
});

test('wrong passwords typed by someone else do not keep the owner\'s browser out', async () => {
  const node = await startServer();
  try {
    const tryLogin = async (jar, password) => {
      const token = csrfOf(await (await get('/login', jar, {}, node)).text());
      return post('/login', jar, { _csrf: token, email: 'admin@example.org', password }, {}, node);
    };
    const owner = cookieJar();
    const first = await tryLogin(owner, node.password);
    assert.equal(first.status, 303);
    const device = first.headers.getSetCookie().find((c) => c.startsWith('prongsai_device='));
    assert.match(device, /HttpOnly/i);
    assert.match(device, /SameSite=Strict/i);
    assert.match(device, /Max-Age=34560000/);
    const outsider = cookieJar();
    for (let i = 0; i < 5; ++i) assert.equal((await tryLogin(outsider, `wrong password ${i}`)).status, 401);
    assert.equal((await tryLogin(outsider, node.password)).status, 429, 'the one who guessed waits');
    const ownerLater = cookieJar();  // the same browser another day: only its device cookie kept
    ownerLater.set('prongsai_device', owner.get('prongsai_device'));
    assert.equal((await tryLogin(ownerLater, node.password)).status, 303, 'the owner\'s browser, from the same address, gets in');
    assert.equal((await tryLogin(cookieJar(), node.password)).status, 429, 'a browser never seen there still waits');
  } finally {
    await node.stop();
  }
});

test('a login or language redirect never leaves the site', async () => {
  // Each of these is "//evil.example" to a browser, which drops tabs and newlines from a URL and
  // reads a backslash as a slash.
  const offsite = ['//evil.example/', '/\t/evil.example', '/\n/evil.example', '/\\evil.example', '/\r\n/evil.example',
                   'https://evil.example'];
  for (const next of offsite) {
    const jar = cookieJar();
    const token = csrfOf(await (await get('/login', jar)).text());
    const res = await post('/login', jar, { _csrf: token, email: 'admin@example.org', password: server.password, next });
    assert.equal(res.headers.get('location'), '/staff', JSON.stringify(next));
    const lang = await get(`/lang/en?next=${encodeURIComponent(next)}`, cookieJar());
    assert.equal(lang.headers.get('location'), '/', JSON.stringify(next));
  }
  assert.equal((await get('/lang/en?next=%2Fita%2F2570', cookieJar())).headers.get('location'), '/ita/2570');
});

test('the access log holds no secrets and no addresses', async () => {
  // Refused before its body is read, on an anonymous route: counted by the hour like its
  // answers, no line (its second would match a sender's try); on a staff route, a line naming
  // the pattern.
  const big = await raw(`POST /complaints/new HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n` +
                        `Content-Length: 999999999\r\nConnection: close\r\n\r\n`);
  assert.match(big, /^HTTP\/1\.1 413/);
  const other = await raw(`POST /admin/units HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n` +
                          `Content-Length: 3\r\nConnection: close\r\n\r\nabc`);
  assert.match(other, /^HTTP\/1\.1 415/);
  const log = server.log();
  assert.doesNotMatch(log, /refused 413 \/complaints\/new/);
  assert.match(log, /refused 415 \/admin\/units error\.unsupported_body/);
  assert.ok(!log.includes(server.password));
  assert.ok(!log.includes('127.0.0.1 '), 'no client address in the access log');
  assert.doesNotMatch(log, /prongsai_session=/);
  // The anonymous routes have no line of their own (whose second and size would match a case).
  assert.doesNotMatch(log, /(GET|POST) \/complaints\/new \d{3} \d+B/);
  assert.match(log, /GET \/staff 200 \d+B/, 'a staff page has its line');
  assert.doesNotMatch(log, /GET \/complaints\/\d+ /, 'a route pattern, never a path');
});

test('deadlines: the calendar page, a secret iCal feed that parses (RFC 5545) with stable UIDs, and a revoked feed answering 404', async () => {
  const admin = await signIn('admin@example.org');
  let page = await (await get('/calendar', admin)).text();
  assert.match(page, /<h1>ปฏิทินกำหนดการ ปีงบประมาณ \d{4}<\/h1>/);
  let res = await post('/calendar/settings', admin, { _csrf: csrfOf(page), complaint_days: '0', question_days: '5', days_before: '3' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /กรุณากรอกจำนวนวันเป็นจำนวนเต็ม/);
  res = await post('/calendar/settings', admin, { _csrf: csrfOf(page), complaint_days: '15', question_days: '3', days_before: '3' });
  assert.equal(res.status, 303);
  assert.equal((await get('/calendar?year=2400', admin)).status, 404);
  assert.equal((await post('/calendar/settings', await signIn('staff@example.org'), { _csrf: csrfOf(page), complaint_days: '5', question_days: '5', days_before: '3' })).status, 403);

  // A question taken by phone is due within three working days.
  page = await (await get('/qa/manage/new', admin)).text();
  res = await post('/qa/manage/new', admin, { _csrf: csrfOf(page), via: 'phone', question: 'ขอทราบวันรับสมัครเด็กเล็กเข้าศูนย์พัฒนาเด็กเล็ก' });
  assert.ok(res.status < 400, `question entered (${res.status})`);
  page = await (await get('/calendar', admin)).text();
  assert.match(page, /ตอบคำถาม #\d+/);

  page = await (await get('/calendar/feeds', admin)).text();
  res = await post('/calendar/feeds', admin, { _csrf: csrfOf(page), scope: 'agency', label: 'ทั้งหน่วยงาน (ทดสอบ)' });
  assert.equal(res.status, 200);
  const made = await res.text();
  const address = made.match(/id="feed-address" type="text" readonly value="([^"]+)"/)[1];
  assert.match(address, /\/ical\/[A-Za-z0-9_-]{32}\.ics$/);
  const path = new URL(address).pathname;
  const feed = await get(path);  // no session: the secret is the access
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  const ics = await feed.text();
  // Debian's python3 (its python3-icalendar), whatever else is first on PATH.
  const parse = `
import sys, json
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
assert cal['VERSION'] == '2.0'
print(json.dumps([[str(e['UID']), str(e['SUMMARY']), e.decoded('DTSTART').isoformat()] for e in cal.walk('VEVENT')], ensure_ascii=False))`;
  const events = JSON.parse(execFileSync('/usr/bin/python3', ['-c', parse], { input: ics }).toString());
  assert.ok(events.length > 0, 'the demo plan and the OIT items are due');
  assert.ok(events.some(([uid, summary]) => /^question-\d+@/.test(uid) && summary.startsWith('ตอบคำถาม #')), 'the waiting question');
  assert.equal(new Set(events.map(([uid]) => uid)).size, events.length, 'unique UIDs');
  const again = JSON.parse(execFileSync('/usr/bin/python3', ['-c', parse], { input: await (await get(path)).text() }).toString());
  assert.deepEqual(again.map(([uid]) => uid).sort(), events.map(([uid]) => uid).sort(), 'stable UIDs');
  assert.ok(!server.log().includes(path.slice(6, 30)), 'the secret is not logged');

  const staff = await signIn('staff@example.org');
  const staffPage = await (await get('/calendar/feeds', staff)).text();
  assert.doesNotMatch(staffPage, /value="agency"/);
  assert.equal((await post('/calendar/feeds', staff, { _csrf: csrfOf(staffPage), scope: 'agency' })).status, 403);

  page = await (await get('/calendar/feeds', admin)).text();
  assert.doesNotMatch(page, new RegExp(path.slice(6, 30)), 'the address is shown once');
  const revoke = page.match(/action="(\/calendar\/feeds\/\d+\/revoke)"/)[1];
  assert.equal((await post(revoke, staff, { _csrf: csrfOf(staffPage) })).status, 404, 'not theirs');
  res = await post(revoke, admin, { _csrf: csrfOf(page) });
  assert.equal(res.status, 303);
  assert.equal((await get(path)).status, 404, 'revoked');
  assert.equal((await get('/ical/not-a-feed.ics')).status, 404);

  // Each person's e-mail choices; the admin's log says that no mail server is set up.
  page = await (await get('/calendar/mail', staff)).text();
  assert.match(page, /<input type="checkbox" name="on_day" value="1" checked>/);
  res = await post('/calendar/mail', staff, { _csrf: csrfOf(page), before: '1', overdue: '1' });
  assert.equal(res.status, 303);
  page = await (await get('/calendar/mail', staff)).text();
  assert.match(page, /<input type="checkbox" name="on_day" value="1"> /, 'on the day: off now');
  assert.match(page, /<input type="checkbox" name="before" value="1" checked>/);
  assert.match(await (await get('/admin/mail', admin)).text(), /ยังไม่ได้ตั้งค่าเครื่องส่งอีเมล/);
  assert.equal((await get('/admin/mail', staff)).status, 403);

  // The executive view: counts, the estimate, what is overdue and who holds it.
  const executive = await signIn('executive@example.org');
  page = await (await get('/executive?year=2566', executive)).text();
  assert.match(page, /<h1>ภาพรวมสำหรับผู้บริหาร ปีงบประมาณ 2566<\/h1>/);
  assert.match(page, /<th scope="row">เรื่องร้องเรียนการทุจริต<\/th><td>\d+<\/td>/);
  assert.match(page, /<th scope="col">ผู้รับผิดชอบ<\/th>/);
  assert.equal((await get('/executive', staff)).status, 403);
  assert.equal((await get('/executive?year=2400', executive)).status, 404);
});

test('next year\'s framework: the installation\'s admin downloads a year\'s file, publishes it as a new year, and a file with a fault is refused naming the entry', async () => {
  const admin = await signIn('admin@example.org');
  const file = await get('/admin/framework/2570/file', admin);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-disposition'), 'attachment; filename="ita-2570.json"');
  const doc = JSON.parse(await file.text());
  assert.equal(doc.provisional, true);
  assert.equal((await get('/ita/2571', cookieJar())).status, 200);
  assert.match(await (await get('/ita/2571', cookieJar())).text(), /ยังไม่มีเกณฑ์การประเมิน ITA ของปีนี้/);

  const form = await (await get('/admin/framework/import', admin)).text();
  const token = csrfOf(form);
  const next = { ...doc, year: 2571, title_th: 'เกณฑ์ ITA 2571 (จากไฟล์)',
                 assessment: { oit_opens: '2028-03-01', oit_closes: '2028-04-30', verified: false },
                 crosswalk: { from_year: 2570, verified: false, map: { O1: 'O1' } } };
  const broken = { ...next, items: doc.items.map((i, n) => (n === 3 ? { ...i, code: 'O1' } : i)) };
  const refused = await postMultipart('/admin/framework/import', admin, { _csrf: token, note: '' },
    { name: 'ita-2571.json', bytes: Buffer.from(JSON.stringify(broken)), type: 'application/json' });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /items\[3\]: code O1 appears twice/);

  const staff = await signIn('staff@example.org');
  assert.equal((await postMultipart('/admin/framework/import', staff, { _csrf: token, note: '' },
    { name: 'x.json', bytes: Buffer.from(JSON.stringify(next)) })).status, 403, 'admins only');
  const published = await postMultipart('/admin/framework/import', admin, { _csrf: token, note: 'ทดลองปี 2571' },
    { name: 'ita-2571.json', bytes: Buffer.from(JSON.stringify(next)), type: 'application/json' });
  assert.equal(published.status, 303);
  assert.equal(published.headers.get('location'), '/admin/framework/2571?published=1');
  const page = await (await get('/admin/framework/2571?published=1', admin)).text();
  assert.match(page, /ฉบับแก้ไขครั้งที่ 1/);
  assert.match(page, /ทดลองปี 2571/);
  const ita = await (await get('/ita/2571', cookieJar())).text();
  assert.match(ita, /ร่าง — รอคู่มือ ITA 2570/, 'the file said provisional, and the page says so');
  const cli = spawnSync(binary, ['framework', 'export', '--year', '2571', '--db', server.db]);
  assert.equal(cli.status, 0);
  assert.equal(JSON.parse(cli.stdout.toString()).title_th, 'เกณฑ์ ITA 2571 (จากไฟล์)');
});

test('SIGTERM lets a request in flight finish, then the server exits cleanly', async () => {
  const socket = net.connect(server.port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks = [];
  socket.on('data', (d) => chunks.push(d));
  const closed = once(socket, 'close');
  // Headers and half the body now; SIGTERM; the rest of the body after it.
  socket.write('POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\nemail=a');
  await sleep(200);
  server.child.kill('SIGTERM');
  await sleep(300);
  socket.write('@b.c');
  await closed;
  const answer = Buffer.concat(chunks).toString('utf8');
  assert.match(answer, /^HTTP\/1\.1 403/, 'answered (the form has no CSRF token), not dropped');
  assert.match(answer, /Connection: close/i);
  const { code } = await server.stop();
  assert.equal(code, 0);
  assert.match(server.log(), /anonymous routes, the hour from [^\n]*POST \/complaints\/new 200 x\d+/,
    'the anonymous routes counted by the hour, said when the server stops');
  server = null;
});

test('a complaint is acknowledged only once it is stored: every code given out survives the server being killed', async () => {
  const database = initDatabase();
  let node = await startServer([], database);
  const file = async (i) => {
    const jar = cookieJar();
    const page = await fetch(node.base + '/complaints/new', { headers: { cookie: '' } });
    jar.take(page);
    const token = csrfOf(await page.text());
    const res = await fetch(node.base + '/complaints/new', {
      method: 'POST', redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, channel: 'complaint', topic: 'complaint', subject: `เรื่องที่ ${i}`, details: 'ทดสอบความคงทน' }).toString(),
    });
    assert.equal(res.status, 200);
    return codeOf(await res.text());
  };
  const codes = await Promise.all(Array.from({ length: 10 }, (_, i) => file(i)));
  node.child.kill('SIGKILL');  // no shutdown, no checkpoint: only what was committed remains
  assert.equal((await node.stop()).signal, 'SIGKILL');
  node = await startServer([], database);
  try {
    for (const code of codes) {
      const jar = cookieJar();
      const page = await fetch(node.base + '/complaints/track');
      jar.take(page);
      const res = await fetch(node.base + '/complaints/track', {
        method: 'POST', redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfOf(await page.text()), code }).toString(),
      });
      assert.equal(res.status, 200, code);
    }
  } finally {
    await node.stop();
    rmSync(database.dir, { recursive: true, force: true });
  }
});

// Group commit (core/durability.hpp): answers that arrive together share one flush of the log,
// and each is answered only after the flush that followed its commit. Killed in the middle of a
// burst, the database holds every answer the phones were told was stored (and at most one more
// per phone: committed, its answer not yet sent).
test('answers arriving together are acknowledged only once stored: killed in the middle of a burst, every acknowledged answer is there', async () => {
  const database = initDatabase();
  const node = await startServer(['--trusted-proxy', '127.0.0.1'], database);
  try {
    const admin = await signIn('admin@example.org', node);
    const list = await (await get('/admin/surveys', admin, {}, node)).text();
    const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);  // Thailand's day
    const made = await post('/admin/surveys', admin, { _csrf: csrfOf(list), kind: 'satisfaction', year: '2570', title: 'ความพึงพอใจ (ทดสอบความคงทน)',
                                                       questions: 'ขั้นตอนรวดเร็ว', opens_on: today, closes_on: '2099-09-30', target: '2' }, {}, node);
    assert.equal(made.status, 303);
    const href = made.headers.get('location').replace(/\?.*/, '');
    const link = (await (await get(href, admin, {}, node)).text()).match(/<a href="http:\/\/[^"]+(\/s\/[A-Za-z0-9_-]+)">/)[1];
    const citizen = cookieJar();
    const form = await get(link, citizen, {}, node);
    const body = new URLSearchParams({ _csrf: csrfOf(await form.text()), S1: '4' }).toString();
    const phones = 16;
    let acknowledged = 0;
    let killed = false;
    const phone = async (n) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await fetch(node.base + link, {
            method: 'POST', body, redirect: 'manual',
            // each answer from another address, as the proxy says: one address may send 30 an hour
            headers: { cookie: citizen.header(), 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': `10.${n}.${i >> 8}.${i & 255}` },
          });
          await res.arrayBuffer();
          if (!killed && res.status === 303) acknowledged++;  // to the thank-you page
          else if (!killed) assert.fail(`answer refused: ${res.status}`);
        } catch (e) {
          if (!killed) throw e;
        }
      }
    };
    const burst = Array.from({ length: phones }, (_, n) => phone(n));
    await sleep(1000);
    const told = acknowledged;  // counted before the kill: none of these can be in flight
    node.child.kill('SIGKILL');  // no shutdown, no checkpoint: what was committed stays, in the log
    killed = true;
    await Promise.allSettled(burst);
    assert.equal((await node.exited).signal, 'SIGKILL');
    const stored = Number(runSql(database.db, 'SELECT COUNT(*) FROM survey_responses').trim());
    assert.ok(told > 20, `a burst of answers was acknowledged (${told})`);
    assert.ok(stored >= acknowledged, `every acknowledged answer stored: ${acknowledged} acknowledged, ${stored} stored`);
    assert.ok(stored <= acknowledged + phones, `nothing stored twice: ${acknowledged} acknowledged, ${stored} stored`);
  } finally {
    await node.stop();
    rmSync(database.dir, { recursive: true, force: true });
  }
});

// A minimal SMTP server on loopback: it accepts every message and keeps what came after DATA.
async function smtpSink() {
  const received = [];
  const server = net.createServer((socket) => {
    socket.write('220 sink ESMTP\r\n');
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end + 2));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const verb = buffer.slice(0, 4).toUpperCase();
        buffer = buffer.slice(nl + 2);
        if (verb === 'EHLO') socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') { inData = true; socket.write('354 go ahead\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, port: server.address().port, close: () => server.close() };
}

test('mail: `prongsai mail` queues the digest and delivers it over SMTP, nothing twice; it refuses without a sender', async () => {
  const run = promisify(execFile);  // not execFileSync: the sink answers on this process's event loop
  const database = initDatabase();
  const sink = await smtpSink();
  const args = ['mail', '--db', database.db, '--smtp-url', `smtp://127.0.0.1:${sink.port}`, '--smtp-no-starttls',
                '--mail-from', 'โปร่งใส <noreply@namom.go.th>', '--public-url', 'https://www.namom.go.th/'];
  try {
    const first = await run(binary, args);
    assert.match(first.stdout, /alert messages; sent [1-9]\d*, failed 0/, first.stdout);
    const digest = sink.received.find((m) => m.includes('To: <executive@example.org>\r\n'));
    assert.ok(digest, 'the executive\'s weekly digest');
    const body = Buffer.from(digest.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
    assert.match(body, /^เรียน /);
    assert.match(body, /https:\/\/www\.namom\.go\.th\/calendar\n/);
    const count = sink.received.length;
    const again = await run(binary, args);
    assert.match(again.stdout, /queued 0 reminder, 0 digest and 0 alert messages; sent 0,/);
    assert.equal(sink.received.length, count, 'nothing twice');
    assert.match(runSql(database.db, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL"), /^0\s*$/);
  } finally {
    sink.close();
  }
  await assert.rejects(run(binary, ['mail', '--db', database.db, '--smtp-url', 'smtp://127.0.0.1:1']),
                       (e) => e.code === 2 && /--mail-from/.test(e.stderr));
  rmSync(database.dir, { recursive: true, force: true });
});

test('served at an https address, every cookie is a Secure "__Host-" cookie and an unprefixed one opens nothing', async () => {
  const site = await startServer(['--public-url', 'https://www.namom.go.th']);
  try {
    const jar = cookieJar();
    const page = await http.get(site, '/login', jar);
    const anon = page.headers.getSetCookie().find((c) => c.startsWith('__Host-prongsai_anon='));
    assert.ok(anon, page.headers.getSetCookie().join('\n'));
    assert.match(anon, /; Path=\/; HttpOnly; SameSite=Lax; Secure/);
    assert.doesNotMatch(anon, /Domain=/i);
    assert.match(page.headers.get('strict-transport-security'), /max-age=/);
    const ok = await http.post(site, '/login', jar, { _csrf: csrfOf(await page.text()), email: 'admin@example.org', password: site.password });
    assert.equal(ok.status, 303);
    const session = ok.headers.getSetCookie().find((c) => c.startsWith('__Host-prongsai_session='));
    assert.match(session, /Secure/);
    const token = jar.get('__Host-prongsai_session');
    assert.equal((await http.get(site, '/staff', jar)).status, 200);
    // The same token without the prefix (a cookie another site of the domain could plant) is not read.
    const planted = await fetch(site.base + '/staff', { redirect: 'manual', headers: { cookie: `prongsai_session=${token}` } });
    assert.equal(planted.status, 303);
  } finally {
    await site.stop();
  }
});

test('audit verify passes on a demo database after the server has run', async () => {
  const s = await startServer();
  s.child.kill('SIGTERM');
  await s.exited;
  const out = execFileSync(binary, ['audit', 'verify', '--db', s.db]).toString();
  assert.match(out, /audit log OK: \d+ entries/);
  assert.match(execFileSync(binary, ['audit', 'head', '--db', s.db]).toString(), /^agency 1 seq \d+ [0-9a-f]{64}$/m);
  // The database edited behind the application's back fails, naming the entry.
  runSql(s.db, "UPDATE audit_log SET actor = 'someone' WHERE agency_id = 1 AND seq = 3");
  const result = spawnSync(binary, ['audit', 'verify', '--db', s.db]);
  assert.equal(result.status, 1);
  assert.match(result.stdout.toString(), /audit log BROKEN at agency 1 seq 3/);
  // One agency's chain alone (a host of many agencies checks the one asked about): another
  // agency's is whole while the first's is broken.
  const added = execFileSync(binary, ['agency', 'add', '--db', s.db, '--name', 'เทศบาลตำบลบ้านใหม่', '--host', 'www.banmai.go.th',
                                      '--admin-email', 'admin@banmai.go.th'], { stdio: 'pipe' }).toString();
  const slug = added.match(/\((agency-\d+)\)/)[1];
  assert.match(execFileSync(binary, ['audit', 'verify', '--db', s.db, '--agency', slug]).toString(), /audit log OK: \d+ entries in 1 chains/);
  const first = spawnSync(binary, ['audit', 'verify', '--db', s.db, '--agency', 'agency-1']);
  assert.equal(first.status, 1);
  assert.match(first.stdout.toString(), /BROKEN at agency 1 seq 3/);
  const unknown = spawnSync(binary, ['audit', 'verify', '--db', s.db, '--agency', 'no-such-agency']);
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr.toString(), /no-such-agency/);
  await s.stop();
});

test('a slow database holds no I/O thread: cached public pages answer meanwhile',
     { skip: !pg && 'SQLite reads take microseconds on the I/O thread' }, async () => {
  const s = await startServer(['--io-threads', '1']);
  try {
    const admin = await signIn('admin@example.org', s);
    assert.equal((await get('/', null, {}, s)).status, 200);  // made once (after the sign-in's write), cached from now on
    // Another session keeps every read of news_posts waiting until it is cancelled below (a
    // lock held for a fixed time ran out on a loaded machine before the checks were made).
    const locker = promisify(execFile)(...psql(s.db,
      'BEGIN; LOCK TABLE news_posts IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;')).catch(() => 'cancelled');
    const locked = "SELECT COUNT(*) FROM pg_locks WHERE relation = 'news_posts'::regclass AND mode = 'AccessExclusiveLock'";
    let held = false;
    for (let i = 0; i < 500 && !held; i++) {
      held = runSql(s.db, locked).trim() === '1';
      if (!held) await sleep(20);
    }
    assert.ok(held, 'the other session took its lock');
    let slowDone = false;
    const slow = get('/news/manage', admin, {}, s).then((res) => { slowDone = true; return res; });
    await sleep(300);  // the staff page is waiting for the lock
    const started = Date.now();
    const home = await get('/', null, {}, s);
    const took = Date.now() - started;
    assert.equal(home.status, 200);
    assert.equal(slowDone, false, 'the staff page was still waiting');
    assert.ok(took < 1000, `the cached home page took ${took} ms`);
    runSql(s.db, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()");
    assert.equal(await locker, 'cancelled');
    assert.equal((await slow).status, 200);
  } finally {
    await s.stop();
  }
});

test("the admin's page verifies the chain and says in Thai where it broke and how", async () => {
  const s = await startServer();
  try {
    const admin = await signIn('admin@example.org', s);
    const intact = await (await get('/admin/audit?verify=1', admin, {}, s)).text();
    assert.match(intact, /บันทึกถูกต้องครบถ้วน จำนวนรายการ \(\d+\)/);
    runSql(s.db, "UPDATE audit_log SET after_json = '{}' WHERE agency_id = 1 AND seq = 4");
    const edited = await (await get('/admin/audit?verify=1', admin, {}, s)).text();
    assert.match(edited, /role="alert">พบบันทึกถูกแก้ไขหรือลบ เริ่มที่รายการลำดับ 4: เนื้อหาของรายการไม่ตรงกับค่าแฮชของรายการ \(ถูกแก้ไข\)</);
    runSql(s.db, "DELETE FROM audit_log WHERE agency_id = 1 AND seq = 2");
    const gap = await (await get('/admin/audit?verify=1', admin, {}, s)).text();
    assert.match(gap, /เริ่มที่รายการลำดับ 3: รายการก่อนหน้านี้หายไป \(ถูกลบ\)</);
  } finally {
    await s.stop();
  }
});

