// The OIT answered by what Prongsai holds: on the demo `make run` makes, the public ITA pages of
// ITA 2566 and of this year show every item the agency's own pages answer, with the page's
// address and the day it last changed, judged as uploaded evidence is; a year whose news is
// taken away is no longer current; the admin sets the pages aside only with a reason. The
// items are found by their roles in the year's framework data, never by number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { startServer, initDatabase, binary } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { csrfOf } from '../support/client.mjs';

const run = promisify(execFile);
let server, database;
before(async () => {
  database = initDatabase();
  execFileSync(binary, ['demo', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
});
after(async () => {
  if (server) await server.stop();
  rmSync(database.dir, { recursive: true, force: true });
});

const get = (path, jar) => http.get(server, path, jar);
const post = (path, jar, fields) => http.post(server, path, jar, fields);

// Thailand's date and time now, and this fiscal year (BE, named by the year it ends in).
const bangkok = (ms) => new Date(ms + 7 * 3600 * 1000);
const now = Date.now();
const today = bangkok(now);
const fy = today.getUTCFullYear() + 543 + (today.getUTCMonth() >= 9 ? 1 : 0);
const fyStartCe = fy - 544;  // 1 October of this CE year
const months = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน',
                'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
// "3 ธันวาคม 2569" of a day given in CE, as the public pages print it.
const thai = (y, m, d) => `${d} ${months[m - 1]} ${y + 543}`;
const todayThai = thai(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate());
// The demo's steps: day `offset` of the fiscal year (0: 1 October) at `hour`, Thailand time.
const dayOf = (offset) => new Date(Date.UTC(fyStartCe, 9, 1 + offset));
const happened = (offset, hour) => Date.UTC(fyStartCe, 9, 1 + offset, hour - 7) <= now;
const thaiOf = (d) => thai(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

// The code of the item holding `role` in year `year`'s framework data.
const codeOf = (year, role) => {
  const data = JSON.parse(readFileSync(new URL(`../../data/ita/${year}.json`, import.meta.url), 'utf8'));
  const item = data.items.find((i) => (i.roles || []).includes(role));
  assert.ok(item, `ITA ${year} has an item for ${role}`);
  return item.code;
};

// The entries an item page shows as Prongsai's own pages: { url, title, date, where }.
const fromSystem = (html) => [...html.matchAll(new RegExp(
  '<h4><a href="([^"]+)" rel="noopener noreferrer">([^<]+)</a> <span class="tag">จากระบบ</span></h4>\\s*' +
  '<dl class="evidence-facts">\\s*<dt>ลักษณะ</dt><dd>[^<]*</dd>\\s*<dt>ปรับปรุงล่าสุด</dt><dd>([^<]+)</dd>\\s*' +
  '<dt>อยู่ที่</dt><dd class="url">([^<]+)</dd>', 'g',
))].map(([, url, title, date, where]) => ({ url: url.replaceAll('&amp;', '&'), title, date, where: where.replaceAll('&amp;', '&') }));
const statusOf = (html) => html.match(/<span class="tag status-([a-z]+)">/)[1];

async function item(year, role) {
  const code = codeOf(year, role);
  const res = await get(`/ita/${year}/${code}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  return { code, html, entries: fromSystem(html), status: statusOf(html) };
}

test(`this year's ITA page shows the pages that answer its items, with their addresses and dates`, async () => {
  // What the demo's days put there, when each day has come.
  const expected = [
    ['structure', '/about/structure', thaiOf(dayOf(0)), happened(0, 9)],
    ['executives', '/about/executives', thaiOf(dayOf(0)), happened(0, 9)],
    ['duties', '/about/duties', thaiOf(dayOf(0)), happened(0, 9)],
    // The library's documents that answer roles: the plan of five years, the manual, the guideline.
    ['development_plan', /^\/library\/\d+$/, thaiOf(dayOf(0)), happened(0, 9)],
    ['work_manual', /^\/library\/\d+$/, thaiOf(dayOf(0)), happened(0, 9)],
    ['complaint_guideline', /^\/library\/\d+$/, thaiOf(dayOf(0)), happened(0, 9)],
    ['contact', '/contact', thaiOf(dayOf(0)), happened(0, 9)],
    ['questions', '/qa', thaiOf(dayOf(13)), happened(13, 10)],
    ['e_service', '/services', todayThai, true],
    ['service_statistics', `/services/statistics?year=${fy}`, todayThai, true],
    ['corruption_channel', '/complaints/new?channel=corruption', todayThai, true],
    ['participation', `/news?category=participation&year=${fy}`, thai(fyStartCe, 11, 3), happened(33, 10)],
    ['measures_plan', `/measures/${fy}`, thaiOf(dayOf(14)), happened(14, 14)],
  ];
  for (const [role, url, date, there] of expected) {
    const { code, entries, status } = await item(fy, role);
    const entry = entries.find((e) => (url instanceof RegExp ? url.test(e.url) : e.url === url));
    if (!there) {
      assert.equal(entry, undefined, `${code} (${role}) has nothing before the demo's day`);
      continue;
    }
    assert.ok(entry, `${code} (${role}) links ${url}: ${JSON.stringify(entries)}`);
    assert.equal(entry.date, date, `${code} (${role}) is dated by its page's last change`);
    assert.equal(entry.where, server.base + entry.url, 'its address in full, for the printed page');
    assert.equal(status, 'ready', `${code} (${role}) is ready`);
  }
  // The news of the year: the list of the year's posts, dated by the newest (the 3rd of each month).
  const news = await item(fy, 'news');
  const month = today.getUTCDate() > 3 || (today.getUTCDate() === 3 && today.getUTCHours() >= 10)
    ? [today.getUTCFullYear(), today.getUTCMonth() + 1]
    : [today.getUTCFullYear() - (today.getUTCMonth() === 0 ? 1 : 0), today.getUTCMonth() === 0 ? 12 : today.getUTCMonth()];
  if (happened(2, 10)) {
    assert.deepEqual(news.entries.map((e) => [e.url, e.date]), [[`/news?year=${fy}`, thai(month[0], month[1], 3)]]);
    assert.equal(news.status, 'ready');
    const list = await (await get(`/news?year=${fy}`)).text();
    assert.match(list, new RegExp(`<h1>ข่าวประชาสัมพันธ์ ปีงบประมาณ ${fy}</h1>`));
  }
  // The year's list says so too, and the pages Prongsai answers are no longer "ยังไม่มี".
  const year = await (await get(`/ita/${fy}`)).text();
  const contact = codeOf(fy, 'contact');
  assert.match(year, new RegExp(`href="/ita/${fy}/${contact}"><span class="tag">${contact}</span>[^<]*</a> <span class="tag status-ready">`));
  // The counter's satisfaction survey, answered two weeks after it opened: its results are public.
  const satisfaction = await get(`/surveys/satisfaction?year=${fy}`);
  assert.equal(satisfaction.status, 200);
  const results = await satisfaction.text();
  if (happened(28, 17)) {
    assert.match(results, new RegExp(`<h2 id="survey-\\d+">แบบสำรวจความพึงพอใจการให้บริการ ปี ${fy}</h2>`));
    assert.match(results, /ผู้ตอบ 12 คน/);
    assert.match(results, /<th scope="row">S4<\/th><td>ความพึงพอใจต่อการให้บริการโดยรวม<\/td>/);
  } else {
    assert.match(results, /ยังไม่มีผลการสำรวจความพึงพอใจของปีนี้ที่เผยแพร่ได้/);
  }
  // Figures of a year that ended before the agency came on Prongsai are not offered: they would
  // say nothing happened.
  const last = await item(fy, 'corruption_statistics');
  assert.deepEqual(last.entries, [], 'no figures of the year before the agency came on Prongsai');
});

test(`ITA 2566's page shows the same pages, judged by that year's rules`, async () => {
  // The contact page is there, but it changed after FY2566 ended: it does not show the item was there then.
  const contact = await item(2566, 'contact');
  assert.deepEqual(contact.entries.map((e) => [e.url, e.date]), [['/contact', thaiOf(dayOf(0))]]);
  assert.equal(contact.status, 'stale');
  assert.match(contact.html, /จากระบบ/);
  // The laws the agency works under, an item of 2566 (none since 2568), saved this year.
  const laws = await item(2566, 'laws');
  assert.deepEqual(laws.entries.map((e) => [e.url, e.date]), [['/about/laws', thaiOf(dayOf(0))]]);
  assert.equal(laws.status, 'stale');
  // The news list, dated by its newest post: none of them in FY2566.
  const news = await item(2566, 'news');
  assert.equal(news.entries.length, 1);
  assert.equal(news.entries[0].url, '/news');
  assert.equal(news.status, 'stale');
  // The imported plan and its report, approved by the demo's executive this year.
  const plan = await item(2566, 'measures_plan');
  assert.deepEqual(plan.entries.map((e) => [e.url, e.date]), [['/measures/2566', thaiOf(dayOf(14))]]);
  const report = await item(2566, 'measures_report');
  assert.deepEqual(report.entries.map((e) => e.url), ['/measures/2566/files/report.pdf']);
  assert.equal((await get('/measures/2566/files/report.pdf')).status, 200, 'the linked report is there');
  for (const e of [...contact.entries, ...news.entries, ...plan.entries])
    assert.equal((await get(e.url)).status, 200, `${e.url} answers`);
  // The people: the structure of two sides, the units under the ปลัด each with its head.
  const structure = await (await get('/about/structure')).text();
  assert.match(structure, /ฝ่ายการเมือง[\s\S]*นายกองค์การบริหารส่วนตำบล<\/strong> นายสมชาย ตัวอย่าง[\s\S]*ฝ่ายประจำ[\s\S]*ปลัดองค์การบริหารส่วนตำบล/);
  assert.match(structure, /<h3>กองคลัง<\/h3>\s*<p><strong>หัวหน้ากองคลัง<\/strong>/);
  const executives = await (await get('/about/executives')).text();
  assert.match(executives, /<h3>นายสมชาย ตัวอย่าง \(ข้อมูลตัวอย่าง\)<\/h3>\s*<p>นายกองค์การบริหารส่วนตำบล<\/p>/);
  assert.doesNotMatch(executives, /ปลัดองค์การบริหารส่วนตำบล/, 'officials are on the structure, not the executives page');
});

test('taking away the last news post of the year makes the item not current', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  const token = csrfOf(await (await get('/news/manage/new', admin)).text());
  // A post of the year before, which stays.
  let res = await post('/news/manage/new', admin, { _csrf: token, category: 'news', title: 'ข่าวปีก่อน', body: 'x',
                                                   status: 'published', publish_date: `${fyStartCe}-09-15`, publish_time: '09:00' });
  assert.equal(res.status, 303);
  // Every post of this year, deleted as an editor does.
  const manage = await (await get('/news/manage', admin)).text();
  const ids = [...manage.matchAll(/href="\/news\/manage\/(\d+)">(?!ข่าวปีก่อน)/g)].map(([, id]) => id);
  for (const id of ids) {
    res = await post(`/news/manage/${id}/delete`, admin, { _csrf: token, confirm: '1' });
    assert.equal(res.status, 303);
  }
  const news = await item(fy, 'news');
  assert.deepEqual(news.entries.map((e) => [e.url, e.date]), [['/news', thai(fyStartCe, 9, 15)]]);
  assert.equal(news.status, 'stale', 'the newest post is of the year before');
  const staff = await (await get(`/disclosure/${fy}/${news.code}`, admin)).text();
  assert.match(staff, /หลักฐานที่มีเผยแพร่นอกปีงบประมาณ/);
});

test('the admin sets the pages aside only with a reason, and takes them back', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  const code = codeOf(fy, 'contact');
  const path = `/disclosure/${fy}/${code}`;
  let page = await (await get(path, admin)).text();
  assert.match(page, /หน้าของระบบที่ตอบข้อนี้/);
  const token = csrfOf(page);
  // No reason: refused beside the field, nothing changed.
  let res = await post(`${path}/produced`, admin, { _csrf: token, reason: '  ' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(page, /<span class="field-error" id="reason-error">กรุณาบอกเหตุผล<\/span>/);
  assert.match(page, /id="reason" name="reason" rows="2" aria-describedby="reason-hint reason-error" aria-invalid="true"/);
  assert.equal((await item(fy, 'contact')).status, 'ready');
  // With a reason: the item is judged by uploads alone; the public does not see the reason.
  res = await post(`${path}/produced`, admin, { _csrf: token, reason: 'จะอัปโหลดแผนที่ตั้งสำนักงานแทน' });
  assert.equal(res.status, 303);
  page = await (await get(path, admin)).text();
  assert.match(page, /ไม่ใช้หน้าของระบบเป็นหลักฐานตั้งแต่ [^<]+: จะอัปโหลดแผนที่ตั้งสำนักงานแทน/);
  const off = await item(fy, 'contact');
  assert.equal(off.status, 'missing');
  assert.deepEqual(off.entries.filter((e) => e.url === '/contact'), []);
  assert.doesNotMatch(off.html, /จะอัปโหลดแผนที่ตั้งสำนักงานแทน/);
  // Staff of a unit may not; the admin takes them back.
  const staff = await http.signIn(server, 'staff@example.org');
  const staffToken = csrfOf(await (await get('/account', staff)).text());
  assert.equal((await post(`${path}/produced`, staff, { _csrf: staffToken, use: '1' })).status, 403);
  res = await post(`${path}/produced`, admin, { _csrf: token, use: '1' });
  assert.equal(res.status, 303);
  assert.equal((await item(fy, 'contact')).status, 'ready');
});

// Links that stay alive: a site on loopback answers 200, 404, a redirect to another site, and
// nothing at all; `prongsai links` (what the daily job runs) checks them within its timeout.
test('the link checker flags broken and moved links in the readiness check, the calendar and the executive view', async () => {
  let asked = 0;
  const site = createServer((req, res) => {
    ++asked;
    if (req.url === '/ok') res.end('ประกาศ');
    else if (req.url === '/gone') { res.statusCode = 404; res.end('not found'); }
    else if (req.url === '/away') { res.statusCode = 302; res.setHeader('location', 'http://parked.invalid/'); res.end(); }
    // '/slow': never answers
  });
  site.listen(0, '127.0.0.1');
  await once(site, 'listening');
  const base = `http://127.0.0.1:${site.address().port}`;
  try {
    const admin = await http.signIn(server, 'admin@example.org');
    const iso = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`;
    // Items of this year the demo left empty and Prongsai does not answer.
    const data = JSON.parse(readFileSync(new URL(`../../data/ita/${fy}.json`, import.meta.url), 'utf8'));
    const empty = [];
    for (const i of data.items.filter((i) => i.tool === 'OIT' && !i.roles && ['standing', 'annual'].includes(i.cadence.kind))) {
      if (!/ยังไม่มีหลักฐาน/.test(await (await get(`/ita/${fy}/${i.code}`)).text())) continue;
      empty.push(i.code);
    }
    assert.ok(empty.length >= 4, `four empty items: ${empty}`);
    const [ok, gone, away, slow] = empty;
    for (const [code, path] of [[ok, '/ok'], [gone, '/gone'], [away, '/away'], [slow, '/slow']]) {
      const token = csrfOf(await (await get(`/disclosure/${fy}/${code}`, admin)).text());
      const form = new FormData();
      for (const [k, v] of Object.entries({ _csrf: token, kind: 'link', title: `ประกาศ ${code}`, url: base + path, period: '', published_on: iso }))
        form.append(k, v);
      const res = await fetch(`${server.base}/disclosure/${fy}/${code}/evidence`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.header() }, body: form });
      assert.equal(res.status, 303, `${code} link added`);
    }
    // Loopback is not the public web: without --allow-private nothing there is asked. (Run
    // without blocking: this process is the site.)
    const links = async (args) => (await run(binary, ['links', '--db', database.db, '--timeout', '2', ...args])).stdout;
    assert.match(await links([]), /checked 4 links and \d+ files: 4 failing/);
    assert.equal(asked, 0, 'no request reached the loopback site');
    let page = await (await get(`/disclosure/${fy}/${ok}`, admin)).text();
    assert.match(page, /ลิงก์ใช้ไม่ได้ตั้งแต่ [^(]+\(private address\)/);

    assert.match(await links(['--allow-private']), /checked 4 links and \d+ files: 3 failing, 0 changed/);
    assert.equal(asked, 4);
    page = await (await get(`/disclosure/${fy}/${ok}`, admin)).text();
    assert.match(page, /ตรวจลิงก์ล่าสุด [^:]+:\d\d: ใช้ได้/);
    assert.equal(statusOf(await (await get(`/ita/${fy}/${ok}`)).text()), 'ready');
    page = await (await get(`/disclosure/${fy}/${gone}`, admin)).text();
    assert.match(page, /ลิงก์ใช้ไม่ได้ตั้งแต่ [^(]+\(HTTP 404\)/);
    assert.match(page, /<span class="tag status-stale">[^<]*<\/span> ลิงก์ของหลักฐานใช้ไม่ได้ตั้งแต่/);
    page = await (await get(`/disclosure/${fy}/${away}`, admin)).text();
    assert.match(page, /ลิงก์พาไปเว็บไซต์อื่นตั้งแต่ [^(]+\(redirect to parked\.invalid\)/);
    page = await (await get(`/disclosure/${fy}/${slow}`, admin)).text();
    assert.match(page, /ลิงก์ใช้ไม่ได้ตั้งแต่ [^(]+\(timeout\)/);
    for (const code of [gone, away, slow]) assert.equal(statusOf(await (await get(`/ita/${fy}/${code}`)).text()), 'stale');

    const calendar = await (await get('/calendar', admin)).text();
    assert.match(calendar, new RegExp(`ลิงก์หลักฐาน OIT ใช้ไม่ได้: ข้อ ${gone} \\(ประกาศ ${gone}\\)`));
    const exec = await (await get(`/executive?year=${fy}`, admin)).text();
    assert.match(exec, new RegExp(`<a href="/disclosure/${fy}/${gone}">ลิงก์หลักฐาน ${gone} ใช้ไม่ได้ตั้งแต่ \\d+ `));
  } finally {
    site.closeAllConnections();
    site.close();
  }
});
