// The procurement register over HTTP: the พัสดุ officer uploads e-GP contract data, reviews what
// it adds, confirms, and sees the year's totals; a changed project is a diff changed only when
// ticked; a file with a fault is refused naming the project and the field, with nothing stored;
// a purchase typed in and refused beside its field; who may keep and read the register; each
// month and the year published and read by the public; the fetch from the e-GP service, played
// by a loopback server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startServer, initDatabase, binary } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { csrfOf, formFields } from '../support/client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) await server.stop(); });

const fixture = readFileSync(new URL('../fixtures/procurement/cgdcontract-2567.json', import.meta.url), 'utf8');
const expected = JSON.parse(readFileSync(new URL('../fixtures/procurement/expected-2567.json', import.meta.url), 'utf8'));
const get = (path, jar) => http.get(server, path, jar);

// The upload form sent as the browser sends it.
async function upload(jar, name, text) {
  const token = csrfOf(await (await get('/procurement/import?year=2567', jar)).text());
  const form = new FormData();
  form.append('_csrf', token);
  form.append('fiscal_year', '2567');
  form.append('file', new Blob([text], { type: 'application/json' }), name);
  const res = await fetch(server.base + '/procurement/import', { method: 'POST', redirect: 'manual', headers: { cookie: jar.header() }, body: form });
  jar.take(res);
  return res;
}
// The review page's confirmation, with these projects' changes accepted.
async function confirm(jar, html, accept = []) {
  const fields = formFields(html, '/procurement/import/confirm');
  delete fields.accept;
  const body = new URLSearchParams(fields);
  for (const n of accept) body.append('accept', n);
  const res = await fetch(server.base + '/procurement/import/confirm', { method: 'POST', redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body });
  jar.take(res);
  return res;
}
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the officer imports a year of e-GP data after reviewing it, and the totals are the fixture\'s own', async () => {
  const jar = await http.signIn(server, 'supplies@example.org');
  const review = await upload(jar, 'cgdcontract-2567.json', fixture);
  assert.equal(review.status, 200);
  const html = await review.text();
  assert.match(text(html), /รายการใหม่ 240 · ข้อมูลต่างจากทะเบียน 0 · ตรงกับทะเบียน 0 · ของปีงบประมาณอื่น \(ไม่นำเข้า\) 4/);
  // Nothing stored until confirmed.
  assert.match(await (await get('/procurement/manage?year=2567', jar)).text(), /ยังไม่มีรายการในปีงบประมาณนี้/);
  const done = await confirm(jar, html);
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/procurement/manage?year=2567&imported=1&added=240&changed=0');
  const page = text(await (await get('/procurement/manage?year=2567', jar)).text());
  const baht = (satang) => `${Math.floor(satang / 100).toLocaleString('en-US')}.${String(satang % 100).padStart(2, '0')}`;
  const months = ['ตุลาคม 2566', 'พฤศจิกายน 2566', 'ธันวาคม 2566', 'มกราคม 2567', 'กุมภาพันธ์ 2567', 'มีนาคม 2567', 'เมษายน 2567',
                  'พฤษภาคม 2567', 'มิถุนายน 2567', 'กรกฎาคม 2567', 'สิงหาคม 2567', 'กันยายน 2567'];
  const keys = ['2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'];
  keys.forEach((key, i) => {
    const e = expected.months[key];
    if (!e) assert.ok(page.includes(`${months[i]} 0 (ไม่มีการจัดซื้อจัดจ้าง) 0 0.00`), months[i]);
    else assert.ok(page.includes(`${months[i]} ${e.projects} ${e.cancelled} ${baht(e.agreed)}`), `${months[i]}: ${e.projects} ${e.cancelled} ${baht(e.agreed)}`);
  });
  // Again: nothing new, nothing different.
  const again = await (await upload(jar, 'cgdcontract-2567.json', fixture)).text();
  assert.match(text(again), /ไม่มีรายการใหม่หรือข้อมูลที่ต่างจากทะเบียน/);
  assert.doesNotMatch(again, /ยืนยันการนำเข้า/);

  // A changed name is a diff; changed only for the project ticked.
  const changed = fixture.replaceAll('"จัดซื้อน้ำมันเชื้อเพลิง"', '"จัดซื้อน้ำมันเชื้อเพลิงดีเซล"');
  const diff = await (await upload(jar, 'changed.json', changed)).text();
  const numbers = [...diff.matchAll(/name="accept" value="(\d+)"/g)].map((m) => m[1]);
  assert.equal(numbers.length, 24);
  assert.match(text(diff), /ชื่อรายการ จัดซื้อน้ำมันเชื้อเพลิง จัดซื้อน้ำมันเชื้อเพลิงดีเซล/);
  const meanwhile = await (await upload(jar, 'changed.json', changed)).text();  // another tab's review
  const accepted = await confirm(jar, diff, [numbers[0]]);
  assert.equal(accepted.headers.get('location'), '/procurement/manage?year=2567&imported=1&added=0&changed=1');
  const after = await (await get('/procurement/manage?year=2567', jar)).text();
  assert.equal((after.match(/จัดซื้อน้ำมันเชื้อเพลิงดีเซล/g) || []).length, 1);
  // A review the register has since moved past is shown again, as it now is, not applied.
  const stale = await confirm(jar, meanwhile, numbers.slice(0, 2));
  assert.equal(stale.status, 200);
  const shownAgain = await stale.text();
  assert.match(shownAgain, /ทะเบียนถูกแก้ไขระหว่างที่ตรวจไฟล์/);
  assert.equal([...shownAgain.matchAll(/name="accept"/g)].length, 23);
  assert.equal(((await (await get('/procurement/manage?year=2567', jar)).text()).match(/จัดซื้อน้ำมันเชื้อเพลิงดีเซล/g) || []).length, 1);
  // The review of a confirmed import is gone with its file.
  assert.equal((await confirm(jar, diff, numbers.slice(0, 1))).status, 404);
});

test('the monthly summary from the command line holds every purchase of its month, and an empty month says so', () => {
  // After the first test's import: October 2023 has its purchases; April 2024 none.
  const october = JSON.parse(fixture).result.filter((p) => (p.contract?.[0]?.contract_date || p.announce_date || '').includes('ต.ค. 66'));
  assert.equal(october.length, expected.months['2023-10'].projects);
  const report = (month, format) => {
    const out = join(server.dir, `m${month}.${format}`);
    execFileSync(binary, ['report', 'procurement', '--year', '2567', '--month', String(month), '--format', format, '--out', out, '--db', server.db], { stdio: 'pipe' });
    return out;
  };
  // pdftotext breaks Thai lines inside words: compared without spaces.
  const pdf = execFileSync('pdftotext', [report(10, 'pdf'), '-']).toString().replace(/\s+/g, '');
  assert.match(pdf, /สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม2566/);
  for (const p of october) assert.ok(pdf.includes(p.project_id), p.project_id);
  const april = execFileSync('pdftotext', [report(4, 'pdf'), '-']).toString().replace(/\s+/g, '');
  assert.match(april, /ไม่มีการจัดซื้อจัดจ้าง/);
  const csv = readFileSync(report(10, 'csv'), 'utf8');
  for (const p of october) assert.ok(csv.includes(p.project_id), p.project_id);
  assert.equal(readFileSync(report(10, 'xlsx')).subarray(0, 2).toString(), 'PK');
});

test('a file with a fault is refused naming the project and the field, and nothing of it is stored', async () => {
  const jar = await http.signIn(server, 'admin@example.org');
  const bad = JSON.stringify({ result: [{ project_id: '1', project_name: 'ก' },
                                        { project_id: '2', project_name: 'ข', contract: [{ contract_date: '31 ก.พ. 67' }] }] });
  const res = await upload(jar, 'bad.json', bad);
  assert.equal(res.status, 422);
  assert.match(text(await res.text()), /นำเข้าข้อมูลไม่ได้ ไม่มีรายการใดจากไฟล์นี้ถูกบันทึก โครงการลำดับที่ 2 \(เลขที่ 2\) ช่อง contract_date: อ่านวันที่ “31 ก\.พ\. 67” ไม่ได้/);
  const notJson = await upload(jar, 'report.pdf', '%PDF-1.4 not json');
  assert.equal(notJson.status, 422);
  assert.match(await notJson.text(), /ไฟล์นี้ไม่ใช่ข้อมูลการจัดซื้อจัดจ้างของระบบ e-GP \(JSON, CSV หรือ XLSX\)/);
  const binary = await upload(jar, 'x.json', Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
  assert.equal(binary.status, 422);
  assert.doesNotMatch(await (await get('/procurement/manage?year=2567', jar)).text(), /procurement\/manage\/\d+">ก</);
});

test('a CSV table downloaded from e-GP goes through the same review, and its faults name the row and column', async () => {
  const jar = await http.signIn(server, 'supplies@example.org');
  const csv = '\uFEFFข้อมูลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2568\r\n' +
    'ที่,เลขที่โครงการ,ชื่อรายการ,วิธีการจัดซื้อจัดจ้าง,ราคาที่ตกลงซื้อหรือจ้าง (บาท),ผู้ได้รับการคัดเลือก,วันที่ลงนามในสัญญา\r\n' +
    '1,68019000001,จัดซื้อวัสดุคอมพิวเตอร์,เฉพาะเจาะจง,"8,500.00",ร้านไอทีนาหม่อม,15 ต.ค. 67\r\n' +
    '2,68019000002,จ้างเหมาซ่อมแซมประปาหมู่บ้าน,เฉพาะเจาะจง,45000,หจก.น้ำใส,20 พ.ย. 67\r\n';
  const form = async (name, body) => {
    const token = csrfOf(await (await get('/procurement/import?year=2568', jar)).text());
    const data = new FormData();
    data.append('_csrf', token);
    data.append('fiscal_year', '2568');
    data.append('file', new Blob([body], { type: 'text/csv' }), name);
    const res = await fetch(server.base + '/procurement/import', { method: 'POST', redirect: 'manual', headers: { cookie: jar.header() }, body: data });
    jar.take(res);
    return res;
  };
  const review = await form('egp-2568.csv', csv);
  assert.equal(review.status, 200);
  const html = await review.text();
  assert.match(text(html), /รายการใหม่ 2/);
  const done = await confirm(jar, html);
  assert.equal(done.headers.get('location'), '/procurement/manage?year=2568&imported=1&added=2&changed=0');
  assert.match(text(await (await get('/procurement/manage?year=2568', jar)).text()), /จ้างเหมาซ่อมแซมประปาหมู่บ้าน เฉพาะเจาะจง หจก\.น้ำใส 45,000\.00/);
  const bad = await form('bad.csv', csv.replace('20 พ.ย. 67', '31 พ.ย. 67'));
  assert.equal(bad.status, 422);
  assert.match(text(await bad.text()), /แถวที่ 4 \(เลขที่ 68019000002\) คอลัมน์ “วันที่ลงนามในสัญญา”: อ่านวันที่ “31 พ\.ย\. 67” ไม่ได้/);
});

test('a purchase typed in, refused beside its field, then saved and deleted', async () => {
  const jar = await http.signIn(server, 'supplies@example.org');
  const form = await (await get('/procurement/manage/new?year=2570', jar)).text();
  const fields = { ...formFields(form, '/procurement/manage/new'), name: 'จัดซื้อวัสดุสำนักงาน', method: 'specific',
                   status: 'contracted', agreed_price: '-5', vendor: 'ร้านสมหมายพาณิชย์' };
  const refused = await http.post(server, '/procurement/manage/new', jar, fields);
  assert.equal(refused.status, 422);
  const again = await refused.text();
  assert.match(again, /id="agreed_price-error">จำนวนเงินต้องเป็นตัวเลขไม่ติดลบ/);
  assert.match(again, /value="ร้านสมหมายพาณิชย์"/, 'what was typed comes back');
  const strange = await http.post(server, '/procurement/manage/new', jar, { ...fields, agreed_price: '1', unit: '999999' });
  assert.equal(strange.status, 422, 'a unit not of the agency');
  const saved = await http.post(server, '/procurement/manage/new', jar, { ...fields, agreed_price: '9,750.50' });
  assert.equal(saved.status, 303);
  const at = saved.headers.get('location').replace(/\?saved=1$/, '');
  assert.match(await (await get('/procurement/manage?year=2570', jar)).text(), /จัดซื้อวัสดุสำนักงาน[\s\S]*9,750\.50/);
  const edit = await (await get(at, jar)).text();
  const unconfirmed = await http.post(server, at + '/delete', jar, { _csrf: csrfOf(edit) });
  assert.equal(unconfirmed.status, 303);
  assert.match(unconfirmed.headers.get('location'), /confirm_delete=1/);
  const deleted = await http.post(server, at + '/delete', jar, { _csrf: csrfOf(edit), confirm: '1' });
  assert.equal(deleted.headers.get('location'), '/procurement/manage?year=2570&deleted=1');
  assert.equal((await get(at, jar)).status, 404);
});

test('a purchase keeps its announcements from the library; the public lists them; the library keeps them while it does', async () => {
  // The admin files the winner announcement in the library.
  const admin = await http.signIn(server, 'admin@example.org');
  const fresh = await (await get('/library/manage/new', admin)).text();
  const doc = new FormData();
  for (const [k, v] of Object.entries({ _csrf: csrfOf(fresh), kind: 'announcement', title: 'ประกาศผู้ชนะการเสนอราคาจ้างขุดลอกคลองสาธารณะ',
    number: '31/2570', issued_on: '2026-11-20', fiscal_year: '2570', until: '', unit_id: '', summary: '',
    confirm_personal_data: '1' })) doc.append(k, v);  // a PDF without text: the officer vouches for it
  doc.append('files', new Blob(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], { type: 'application/pdf' }), 'winner.pdf');
  const filed = await fetch(server.base + '/library/manage/new', { method: 'POST', redirect: 'manual', headers: { cookie: admin.header() }, body: doc });
  assert.equal(filed.status, 303, await filed.text());
  const docId = filed.headers.get('location').match(/\/library\/manage\/(\d+)/)[1];

  // The officer chooses it among the year's documents, with what it is to the purchase.
  const jar = await http.signIn(server, 'supplies@example.org');
  const form = await (await get('/procurement/manage/new?year=2570', jar)).text();
  assert.match(form, new RegExp(`<option value="${docId}">ประกาศ · 31/2570 · ประกาศผู้ชนะการเสนอราคาจ้างขุดลอกคลองสาธารณะ \\(20 พ\\.ย\\. 2569\\)</option>`));
  const base = Object.entries({ ...formFields(form, '/procurement/manage/new'), name: 'จ้างขุดลอกคลองสาธารณะ', method: 'e_bidding',
    status: 'contracted', agreed_price: '480,000' }).filter(([k]) => !k.startsWith('document'));
  const twice = await http.post(server, '/procurement/manage/new', jar,
    [...base, ['document', docId], ['document_role', 'winner'], ['document', docId], ['document_role', 'other']]);
  assert.equal(twice.status, 422);
  assert.match(text(await twice.text()), /เลือกเอกสารเดียวกันซ้ำ/);
  const saved = await http.post(server, '/procurement/manage/new', jar,
    [...base, ['document', docId], ['document_role', 'winner'], ['document', ''], ['document_role', 'invitation']]);
  assert.equal(saved.status, 303);
  const at = saved.headers.get('location').replace(/\?saved=1$/, '');
  const edit = await (await get(at, jar)).text();
  assert.match(edit, new RegExp(`<option value="${docId}" selected>`));
  assert.match(edit, /<option value="winner" selected>ประกาศผลผู้ชนะการเสนอราคา<\/option>/);
  assert.match(edit, new RegExp(`<a href="/library/${docId}">ดูเอกสาร 1</a>`));

  // The public's list of the year's announcements, linked from the year's page.
  const listed = await get('/procurement/2570/announcements');
  assert.equal(listed.status, 200);
  assert.match(text(await listed.text()), /จ้างขุดลอกคลองสาธารณะ ประกาศผลผู้ชนะการเสนอราคา: ประกาศผู้ชนะการเสนอราคาจ้างขุดลอกคลองสาธารณะ เลขที่ 31\/2570 ลงวันที่ 20 พ\.ย\. 2569/);
  assert.match(await (await get('/procurement/2570')).text(), /href="\/procurement\/2570\/announcements"/);
  assert.equal((await get('/procurement/2999/announcements')).status, 404);

  // The library names the purchase, and will not delete the document while it is there.
  const page = await (await get(`/library/manage/${docId}`, admin)).text();
  assert.match(page, new RegExp(`<a href="${at}">การจัดซื้อจัดจ้าง ปีงบประมาณ 2570: จ้างขุดลอกคลองสาธารณะ</a>`));
  const refused = await http.post(server, `/library/manage/${docId}/delete`, admin, { _csrf: csrfOf(page), confirm: '1' });
  assert.equal(refused.status, 409);
  assert.match(text(await refused.text()), /ลบไม่ได้: เอกสารนี้ยังใช้อยู่กับ การจัดซื้อจัดจ้าง ปีงบประมาณ 2570: จ้างขุดลอกคลองสาธารณะ/);

  // Taken off the purchase: gone from the public list; then the library may delete it.
  const edited = Object.entries(formFields(edit, at)).filter(([k]) => !k.startsWith('document'));
  assert.equal((await http.post(server, at, jar, [...edited, ['document', ''], ['document_role', 'winner']])).status, 303);
  assert.doesNotMatch(await (await get('/procurement/2570/announcements')).text(), /จ้างขุดลอกคลองสาธารณะ/);
  const deleted = await http.post(server, `/library/manage/${docId}/delete`, admin, { _csrf: csrfOf(page), confirm: '1' });
  assert.equal(deleted.status, 303);
});

test('executives read the register; other staff and the public do not reach it', async () => {
  const executive = await http.signIn(server, 'executive@example.org');
  const page = await get('/procurement/manage?year=2567', executive);
  assert.equal(page.status, 200);
  assert.doesNotMatch(await page.text(), /href="\/procurement\/manage\/new/);
  assert.equal((await get('/procurement/import?year=2567', executive)).status, 403);
  const staff = await http.signIn(server, 'staff@example.org');
  assert.equal((await get('/procurement/manage', staff)).status, 403);
  const anonymous = await get('/procurement/manage');
  assert.ok([302, 303].includes(anonymous.status), `anonymous: ${anonymous.status}`);
});

test('the officer publishes a month; the public reads it, its files and its OIT item; the admin sets when months are due', async () => {
  // After the first test's import: the months of 2567 are long over, none published yet.
  const jar = await http.signIn(server, 'supplies@example.org');
  const manage = await (await get('/procurement/manage?year=2567', jar)).text();
  assert.match(text(manage), /ตุลาคม 2566 \d+ \d+ [\d,.]+ เลยกำหนดเผยแพร่ ครบกำหนด 10 พ\.ย\. 2566/);
  const publish = (who, month, note = '') => http.post(server, '/procurement/manage/publish', who,
    { _csrf: csrfOf(manage), fiscal_year: '2567', month, note });
  const done = await publish(jar, '2023-10');
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/procurement/manage?year=2567&published=2023-10#months');
  const twice = await publish(jar, '2023-10');
  assert.equal(twice.status, 422);
  assert.match(await twice.text(), /เดือนนี้เผยแพร่แล้วและทะเบียนไม่มีการเปลี่ยนแปลง/);
  assert.equal((await publish(jar, '2030-10')).status, 404);
  const executive = await http.signIn(server, 'executive@example.org');
  const token = csrfOf(await (await get('/procurement/manage?year=2567', executive)).text());
  assert.equal((await http.post(server, '/procurement/manage/publish', executive, { _csrf: token, fiscal_year: '2567', month: '2023-11' })).status, 403);

  // The public page, without signing in: October with its files, November said not published.
  const page = await get('/procurement/2567');
  assert.equal(page.status, 200);
  const shown = text(await page.text());
  assert.match(shown, new RegExp(`ตุลาคม 2566 ${expected.months['2023-10'].projects} รายการ`));
  assert.match(shown, /พฤศจิกายน 2566 ยังไม่ได้เผยแพร่/);
  const pdf = await get('/procurement/2567/files/2023-10.pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString(), '%PDF');
  const xlsx = await get('/procurement/2567/files/2023-10.xlsx');
  assert.match(xlsx.headers.get('content-disposition'), /^attachment/);
  const csv = await (await get('/procurement/2567/files/2023-10.csv')).text();
  for (const p of JSON.parse(fixture).result.filter((x) => (x.contract?.[0]?.contract_date || x.announce_date || '').includes('ต.ค. 66')))
    assert.ok(csv.includes(p.project_id), p.project_id);
  for (const missing of ['/procurement/2567/files/2023-11.pdf', '/procurement/2567/files/2023-10.docx', '/procurement/2567/files/x', '/procurement/99999'])
    assert.equal((await get(missing)).status, 404, missing);
  assert.match(await (await get('/procurement')).text(), /href="\/procurement\/2567"/);
  assert.match(await (await get('/sitemap.xml')).text(), /\/procurement\/2567</);
  // The month fills its month of the year's monthly item (2567: O21) on the public ITA page.
  const ita = await (await get('/ita/2567/O21')).text();
  assert.match(ita, /href="\/procurement\/2567\/files\/2023-10\.pdf"/);

  // The year is over: the officer writes the annual report's texts and publishes it; it answers
  // the next assessment's annual item (2568: O13).
  const annual = await http.post(server, '/procurement/manage/publish-year', jar, { _csrf: csrfOf(manage), fiscal_year: '2567',
    analysis: 'จัดซื้อส่วนใหญ่ด้วยวิธีเฉพาะเจาะจง', problems: '', suggestions: 'วางแผนการจัดซื้อให้กระจายตลอดปี' });
  assert.equal(annual.status, 303);
  assert.equal(annual.headers.get('location'), '/procurement/manage?year=2567&published=annual#annual');
  const withAnnual = text(await (await get('/procurement/2567')).text());
  assert.match(withAnnual, /รายงานผลการจัดซื้อจัดจ้างประจำปี PDF/);
  const report = await get('/procurement/2567/files/annual.pdf');
  assert.equal(report.status, 200);
  const reportText = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await report.arrayBuffer()) }).toString().replace(/\s+/g, '');
  assert.match(reportText, /วางแผนการจัดซื้อให้กระจายตลอดปี/);
  assert.match(await (await get('/ita/2568/O13')).text(), /href="\/procurement\/2567\/files\/annual\.pdf"/);
  const again = await http.post(server, '/procurement/manage/publish-year', jar, { _csrf: csrfOf(manage), fiscal_year: '2567',
    analysis: 'จัดซื้อส่วนใหญ่ด้วยวิธีเฉพาะเจาะจง', problems: '', suggestions: 'วางแผนการจัดซื้อให้กระจายตลอดปี' });
  assert.equal(again.status, 422);
  assert.equal((await http.post(server, '/procurement/manage/publish-year', jar, { _csrf: csrfOf(manage), fiscal_year: '2571' })).status, 422,
    'a year not over');

  // When months are due is the admin's to set.
  assert.equal((await http.post(server, '/procurement/manage/due-day', jar, { _csrf: csrfOf(manage), fiscal_year: '2567', due_day: '15' })).status, 403);
  const admin = await http.signIn(server, 'admin@example.org');
  const adminToken = csrfOf(await (await get('/procurement/manage?year=2567', admin)).text());
  const bad = await http.post(server, '/procurement/manage/due-day', admin, { _csrf: adminToken, fiscal_year: '2567', due_day: '31' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /id="due_day-error">ระบุวันที่ 1 ถึง 28/);
  const set = await http.post(server, '/procurement/manage/due-day', admin, { _csrf: adminToken, fiscal_year: '2567', due_day: '15' });
  assert.equal(set.status, 303);
  assert.match(text(await (await get('/procurement/manage?year=2567', jar)).text()), /พฤศจิกายน 2566 .*ครบกำหนด 15 ธ\.ค\. 2566/);
});

test('the purchase plan is kept line by line, published, and read by the public and its OIT item', async () => {
  const jar = await http.signIn(server, 'supplies@example.org');
  const page = await (await get('/procurement/plan?year=2567', jar)).text();
  assert.match(page, /id="line-name-3"/, 'blank rows to type into');
  const line = (name, budget, method, month, note = '') => [['line_name', name], ['line_budget', budget], ['line_source', name ? 'งบประมาณรายจ่ายประจำปี' : ''],
    ['line_method', method], ['line_month', month], ['line_unit', ''], ['line_note', note]];
  const fields = [['_csrf', csrfOf(page)], ['fiscal_year', '2567'],
    ...line('จัดซื้อวัสดุสำนักงาน', '120,000', 'specific', '2023-11'),
    ...line('', '', 'specific', ''),
    ...line('จ้างก่อสร้างถนน คสล. หมู่ที่ 4', '1,500,000', 'e_bidding', '2024-03', 'รอจัดสรร')];
  const refused = await http.post(server, '/procurement/plan', jar, fields.map(([k, v]) => [k, k === 'line_month' && v === '2024-03' ? '2024-10' : v]));
  assert.equal(refused.status, 422);
  const again = text(await refused.text());
  assert.match(again, /รายการที่ 2: เลือกเดือนในปีงบประมาณนี้/);
  assert.match(await (await http.post(server, '/procurement/plan', jar, fields.map(([k, v]) => [k, k === 'line_month' && v === '2024-03' ? '2024-10' : v]))).text(),
    /value="จ้างก่อสร้างถนน คสล\. หมู่ที่ 4"/, 'what was typed comes back');
  const saved = await http.post(server, '/procurement/plan', jar, fields);
  assert.equal(saved.status, 303);
  const published = await http.post(server, '/procurement/plan/publish', jar, { _csrf: csrfOf(page), fiscal_year: '2567' });
  assert.equal(published.headers.get('location'), '/procurement/plan?year=2567&published=1');
  assert.match(text(await (await get('/procurement/2567')).text()), /แผนการจัดซื้อจัดจ้าง PDF/);
  const csv = await (await get('/procurement/2567/files/plan.csv')).text();
  assert.match(csv, /จ้างก่อสร้างถนน คสล\. หมู่ที่ 4/);
  assert.match(await (await get('/ita/2567/O19')).text(), /href="\/procurement\/2567\/files\/plan\.pdf"/);
  // Executives read it; they do not keep it.
  const executive = await http.signIn(server, 'executive@example.org');
  const read = await (await get('/procurement/plan?year=2567', executive)).text();
  assert.match(text(read), /จ้างก่อสร้างถนน คสล\. หมู่ที่ 4 1,500,000\.00 ประกวดราคาอิเล็กทรอนิกส์ \(e-bidding\) มีนาคม 2567/);
  assert.doesNotMatch(read, /name="line_name"/);
  assert.equal((await http.post(server, '/procurement/plan', executive, [['_csrf', csrfOf(read)], ['fiscal_year', '2567']])).status, 403);
  const staff = await http.signIn(server, 'staff@example.org');
  assert.equal((await get('/procurement/plan?year=2567', staff)).status, 403);
});

// The Comptroller General's service, played on loopback: pages of the fixture by offset and
// limit for the right key and department; `pages: false` answers the first page whatever the offset.
async function egpService({ key = 'k-123', pages = true } = {}) {
  const all = JSON.parse(fixture).result;
  const asked = [];
  const service = createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    asked.push(Object.fromEntries(q));
    if (q.get('api-key') !== key || q.get('dept_code') !== '1234567') { res.writeHead(403).end('{"error":"forbidden"}'); return; }
    const limit = Number(q.get('limit')), offset = pages ? Number(q.get('offset')) : 0;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: all.slice(offset, offset + limit) }));
  });
  await new Promise((ok) => service.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${service.address().port}/govspending/cgdcontract`, asked, close: () => service.close() };
}

// The command run without blocking: the service it asks is played in this process.
function run(args) {
  return new Promise((done) => {
    const child = spawn(binary, args);
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

test('the fetch takes every page of the service into the register, and a refusal or an unreachable service stores nothing', async () => {
  const database = initDatabase();
  const keyFile = join(database.dir, 'egp-key');
  writeFileSync(keyFile, 'k-123\n', { mode: 0o600 });
  const service = await egpService();
  const fetch = (...extra) => run(['procurement', 'fetch', '--dept-code', '1234567', '--year', '2567',
    '--api-key-file', keyFile, '--db', database.db, ...extra]);
  try {
    const first = await fetch('--url', service.url, '--limit', '100');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /ได้ข้อมูล 244 โครงการจากบริการ \(3 หน้า\)/);
    assert.match(first.stdout, /เพิ่มโครงการใหม่ 240 รายการ ไม่เปลี่ยนแปลง 0 รายการ เป็นของปีงบประมาณอื่น \(ไม่นำเข้า\) 4 รายการ/);
    assert.deepEqual(service.asked.map((q) => q.offset), ['0', '100', '200']);
    assert.equal(service.asked[0].year, '2567');
    const again = await fetch('--url', service.url, '--limit', '100');
    assert.match(again.stdout, /เพิ่มโครงการใหม่ 0 รายการ ไม่เปลี่ยนแปลง 240 รายการ/);

    writeFileSync(keyFile, 'wrong-key\n');
    const refused = await fetch('--url', service.url);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /ดึงข้อมูลจากบริการ e-GP ไม่ได้ ไม่มีการบันทึกใด ๆ.*ตรวจ API key/s);
    assert.doesNotMatch(refused.stderr + refused.stdout, /wrong-key/, 'the key is never said');
    writeFileSync(keyFile, '');
    assert.match((await fetch('--url', service.url)).stderr, /ไฟล์ API key ว่าง/);
    writeFileSync(keyFile, 'k-123\n');
    assert.match((await run(['procurement', 'fetch', '--dept-code', '12a', '--year', '2567', '--api-key-file', keyFile,
      '--db', database.db, '--url', service.url])).stderr, /รหัสหน่วยงานต้องเป็นตัวเลข/);
  } finally {
    service.close();
  }
  const down = await fetch('--url', service.url);
  assert.notEqual(down.status, 0);
  assert.match(down.stderr, /ติดต่อบริการไม่ได้/);

  // A service that does not page: what came is kept, and the officer is told.
  const flat = await egpService({ pages: false });
  try {
    const once = await fetch('--url', flat.url, '--limit', '100');
    assert.equal(once.status, 0, once.stderr);
    assert.match(once.stderr, /บริการตอบหน้าแรกซ้ำ/);
  } finally {
    flat.close();
  }
});
