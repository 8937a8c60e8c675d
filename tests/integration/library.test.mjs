// The document library over HTTP, on the demo `make run` makes: the public list filtered by
// kind, year and unit and searched in Thai, each document at its own address with its files as
// downloads; an editor's form that refuses bad input beside the field and stores nothing; a
// document attached to an OIT item shows on the public item page and cannot be deleted while the
// registry holds it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { startServer, initDatabase, binary } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { csrfOf } from '../support/client.mjs';

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
const today = new Date(Date.now() + 7 * 3600 * 1000);
const fy = today.getUTCFullYear() + 543 + (today.getUTCMonth() >= 9 ? 1 : 0);
const iso = today.toISOString().slice(0, 10);
const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

// The documents a list shows: [href, title].
const listed = (html) => [...html.matchAll(/<h2><a href="(\/library\/\d+)">([^<]+)<\/a><\/h2>/g)].map(([, href, title]) => [href, title]);

// The editor's form sent as the browser sends it (multipart, with files).
async function send(path, jar, fields, files = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [].concat(v)) form.append(k, one);
  for (const [name, bytes, type] of files) form.append('files', new Blob([bytes], { type }), name);
  const res = await fetch(server.base + path, { method: 'POST', redirect: 'manual', headers: { cookie: jar.header() }, body: form });
  jar.take(res);
  return res;
}

test('the public list filters by kind, year and unit, searches in Thai, and each document has its page', async () => {
  // The demo's four documents, and the announcements of its e-bidding purchases (as many as
  // the months of the year that have come hold).
  const all = listed(await (await get('/library')).text());
  const announcements = listed(await (await get('/library?kind=announcement')).text());
  assert.ok(announcements.every(([, t]) => /^ประกาศ(เชิญชวน|ผลผู้ชนะการเสนอราคา) /.test(t)), JSON.stringify(announcements));
  assert.equal(all.length, 4 + announcements.length, JSON.stringify(all));
  const plans = listed(await (await get('/library?kind=plan')).text());
  assert.equal(plans.length, 1);
  assert.match(plans[0][1], /^แผนพัฒนาท้องถิ่น \(พ\.ศ\. \d{4}–\d{4}\)/);
  // The five-year plan is in force in its first year; the manuals only from the year before this.
  assert.deepEqual(listed(await (await get(`/library?year=${fy - 4}`)).text()), plans);
  assert.equal(listed(await (await get(`/library?year=${fy}`)).text()).length, 4 + announcements.length);
  const searched = listed(await (await get(`/library?q=${encodeURIComponent('ร้องเรียน')}`)).text());
  assert.deepEqual(searched.map(([, t]) => t), ['แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (ข้อมูลตัวอย่าง)']);
  assert.equal((await get('/library?kind=memo')).status, 404);
  assert.equal((await get('/library?year=abc')).status, 404);
  const bad = await get('/library?q=%FF');
  assert.equal(bad.status, 400, 'bad UTF-8 is refused before the page');
  assert.match(await bad.text(), /คำขอไม่ถูกต้อง/);
  // The site's search finds documents too.
  assert.match(await (await get(`/search?q=${encodeURIComponent('คู่มือการปฏิบัติงาน')}`)).text(), /href="\/library\/\d+"/);

  const page = await (await get(plans[0][0])).text();
  assert.match(page, /<dt>ประเภท<\/dt><dd>แผน<\/dd>/);
  assert.match(page, new RegExp(`<dt>ปีที่ใช้</dt><dd>ปีงบประมาณ ${fy - 4}–${fy}</dd>`));
  const file = page.match(/<a href="(\/library\/\d+\/files\/\d+)">([^<]+\.pdf)<\/a> <span class="muted">\(PDF \d+ KB\)<\/span>/);
  assert.ok(file, 'the file, its type and size');
  const res = await get(file[1]);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'), /^(attachment|inline)/);
  assert.ok((await res.text()).startsWith('%PDF-'));
  assert.equal((await get('/library/999999')).status, 404);
});

test('an editor adds a document; bad input is refused beside the field and nothing is stored', async () => {
  assert.equal((await get('/library/manage')).status, 303, 'a visitor is sent to sign in');
  const staff = await http.signIn(server, 'staff@example.org');
  const token = csrfOf(await (await get('/library/manage/new', staff)).text());
  const good = { _csrf: token, kind: 'announcement', title: 'ประกาศรับสมัครพนักงานจ้าง', number: '5/' + fy, issued_on: iso, fiscal_year: String(fy), until: '', unit_id: '', summary: '' };
  const refused = [
    [{ ...good, title: '  ' }, [['a.pdf', pdf, 'application/pdf']], 'title', 'กรุณากรอกข้อมูลในช่องนี้'],
    [{ ...good, issued_on: '1900-01-01' }, [['a.pdf', pdf, 'application/pdf']], 'issued_on', 'วันที่ต้องอยู่ระหว่าง'],
    [{ ...good, fiscal_year: '2026' }, [['a.pdf', pdf, 'application/pdf']], 'fiscal_year', 'ปีงบประมาณต้องเป็นปี พ.ศ.'],
    [good, [['a.pdf', '<!doctype html><script>alert(1)</script>', 'application/pdf']], 'files', ''],
    [good, [], 'files', 'กรุณาแนบไฟล์เอกสาร'],
  ];
  for (const [fields, files, field, message] of refused) {
    const res = await send('/library/manage/new', staff, fields, files);
    assert.equal(res.status, 422, field);
    const html = await res.text();
    assert.match(html, new RegExp(`<span class="field-error" id="${field}-error">${message}`), field);
    assert.match(html, new RegExp(`id="${field}"[^>]*aria-invalid="true"`), field);
  }
  const announced = listed(await (await get('/library?kind=announcement')).text()).length;
  assert.equal(listed(await (await get('/library')).text()).length, 4 + announced, 'nothing stored');
  // A PDF without text (a scan, as far as anyone can tell) and a phone in the summary: held
  // until the officer confirms, the places listed beside the box to tick.
  const unread = await send('/library/manage/new', staff, { ...good, summary: 'สอบถาม 081-234-5678' }, [['ประกาศ.pdf', pdf, 'application/pdf']]);
  assert.equal(unread.status, 422);
  const held = await unread.text();
  assert.match(held, /<ul class="field-error" id="confirm_personal_data-error"><li>สาระสำคัญ: หมายเลขโทรศัพท์ 081-xxx-5678<\/li><li>ประกาศ\.pdf: อ่านข้อความในไฟล์ไม่ได้/);
  assert.match(held, /name="confirm_personal_data" value="1"/);
  assert.doesNotMatch(held, /081-234-5678<\/li>/, 'the number itself is not repeated');
  const res = await send('/library/manage/new', staff, { ...good, confirm_personal_data: '1' }, [['ประกาศ.pdf', pdf, 'application/pdf']]);
  assert.equal(res.status, 303);
  assert.match(res.headers.get('location'), /^\/library\/manage\/\d+\?saved=1$/);
  const list = listed(await (await get('/library?kind=announcement')).text());
  assert.equal(list.length, announced + 1);
  assert.ok(list.some(([, t]) => t === 'ประกาศรับสมัครพนักงานจ้าง'), JSON.stringify(list));
});

test('a document attached to an OIT item shows on the item page and stays while the registry holds it', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  const [href] = listed(await (await get('/library?kind=order')).text())[0];
  const id = href.split('/').pop();
  let form = await (await get(`/library/manage/${id}`, admin)).text();
  assert.match(form, /ยังไม่ได้แนบเป็นหลักฐานของข้อ OIT ใด/);
  // An item of this year with no role of its own and no periods: the order fits any.
  const data = JSON.parse(readFileSync(new URL(`../../data/ita/${fy}.json`, import.meta.url), 'utf8'));
  const item = data.items.find((i) => i.tool === 'OIT' && !i.roles && ['standing', 'annual'].includes(i.cadence.kind));
  const token = csrfOf(form);
  let res = await http.post(server, `/library/manage/${id}/attach`, admin, { _csrf: token, target: `${fy}|${item.code}|` });
  assert.equal(res.status, 303);
  form = await (await get(`/library/manage/${id}?attached=1`, admin)).text();
  assert.match(form, new RegExp(`<a href="/disclosure/${fy}/${item.code}">${item.code} · ITA ${fy}</a>`));
  const public_ = await (await get(`/ita/${fy}/${item.code}`)).text();
  assert.match(public_, new RegExp(`href="${href}"`), 'the item page links the document');
  // Twice is refused beside the field; a target that is no item too.
  res = await http.post(server, `/library/manage/${id}/attach`, admin, { _csrf: token, target: `${fy}|${item.code}|` });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="target-error">เอกสารนี้เป็นหลักฐานของข้อนี้อยู่แล้ว/);
  res = await http.post(server, `/library/manage/${id}/attach`, admin, { _csrf: token, target: 'x' });
  assert.equal(res.status, 422);
  // Deleting is refused with the items named; the document and its page stay.
  res = await http.post(server, `/library/manage/${id}/delete`, admin, { _csrf: token, confirm: '1' });
  assert.equal(res.status, 409);
  assert.match(await res.text(), new RegExp(`ลบไม่ได้: เอกสารนี้เป็นหลักฐาน OIT ของข้อ ${item.code} ${fy}`));
  assert.equal((await get(href)).status, 200);
});

test('the duties and the laws are public pages the admin edits', async () => {
  const duties = await (await get('/about/duties')).text();
  assert.match(duties, /<h1>อำนาจหน้าที่<\/h1>/);
  assert.match(duties, /<div class="pre">\(ข้อมูลตัวอย่าง\) องค์การบริหารส่วนตำบลมีหน้าที่/);
  const laws = await (await get('/about/laws')).text();
  assert.match(laws, /<li>พระราชบัญญัติข้อมูลข่าวสารของราชการ พ\.ศ\. 2540<\/li>/);
  const admin = await http.signIn(server, 'admin@example.org');
  const token = csrfOf(await (await get('/admin/about/laws', admin)).text());
  let res = await http.post(server, '/admin/about/laws', admin, { _csrf: token, title: 'ระเบียบ', url: 'javascript:alert(1)', sort: '' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="url-error">/);
  res = await http.post(server, '/admin/about/laws', admin, { _csrf: token, title: 'พระราชบัญญัติวิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539', url: 'https://example.org/act', sort: '9' });
  assert.equal(res.status, 303);
  assert.match(await (await get('/about/laws')).text(), /<li><a href="https:\/\/example.org\/act" rel="noopener">พระราชบัญญัติวิธีปฏิบัติราชการทางปกครอง พ\.ศ\. 2539<\/a><\/li>/);
  res = await http.post(server, '/admin/about/duties', admin, { _csrf: token, duties: 'x'.repeat(20001) });
  assert.equal(res.status, 422);
  assert.match(await (await get('/about/duties')).text(), /องค์การบริหารส่วนตำบลมีหน้าที่/, 'nothing changed');
  const staff = await http.signIn(server, 'staff@example.org');
  const staffToken = csrfOf(await (await get('/account', staff)).text());
  assert.equal((await http.post(server, '/admin/about/duties', staff, { _csrf: staffToken, duties: 'x' })).status, 403);
});
