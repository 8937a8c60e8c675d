// The framework workshop: next year's framework started from this year's, edited section by
// section in the browser's forms, refused while a rule fails (naming the entry), published,
// exported, and imported into a fresh installation as the same framework.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, initDatabase, binary } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { csrfOf, formFields } from '../support/client.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { if (server) { if (process.env.SHOW_LOG) console.log(server.log()); await server.stop(); } });

const get = (path, jar) => http.get(server, path, jar);
const post = (path, jar, fields) => http.post(server, path, jar, fields);
const exportYear = (db, year) => {
  const r = spawnSync(binary, ['framework', 'export', '--year', String(year), '--db', db]);
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString();
};

test('an admin prepares ITA 2571 in the workshop, publishes it, and another installation imports the same framework', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  const index = await (await get('/admin/framework', admin)).text();
  assert.match(index, /เริ่มเกณฑ์ปีถัดไปจากเกณฑ์ปี 2570 → 2571/);
  const token = csrfOf(index);
  const started = await post('/admin/framework/drafts', admin, { _csrf: token, year: '2571', from_year: '2570' });
  assert.equal(started.status, 303);
  assert.equal(started.headers.get('location'), '/admin/framework/2571/draft');
  let draft = await (await get('/admin/framework/2571/draft', admin)).text();
  assert.match(draft, /ร่างนี้ผ่านการตรวจแล้ว/, 'a copy of 2570, moved on a year, passes');
  assert.match(draft, /value="ร่าง — รอคู่มือ ITA 2571 ของ ป\.ป\.ช\."/);
  assert.match(draft, /value="2028-04-30"/, 'the calendar moved on a year');

  const section = (name, fields) => post(`/admin/framework/2571/draft/${name}`, admin, { _csrf: token, ...fields });
  // A weight that breaks the sum is kept in the draft, said, and stops publishing.
  assert.equal((await section('tools', { weight_IIT: '50', weight_EIT: '30', weight_OIT: '40' })).status, 303);
  draft = await (await get('/admin/framework/2571/draft', admin)).text();
  assert.match(draft, /tools: weights must add up to 1/);
  const refused = await section('publish', { note: '' });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /weights must add up to 1/);
  assert.equal((await section('tools', { weight_IIT: 'ห้าสิบ', weight_EIT: '30', weight_OIT: '40' })).status, 422);
  assert.equal((await section('tools', { weight_IIT: '30', weight_EIT: '30', weight_OIT: '40' })).status, 303);

  // The heading and calendar, a level, an item, the crosswalk: each from its own form.
  assert.equal((await section('heading', {
    title_th: 'การประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2571', title_en: 'ITA 2571', note: 'คู่มือ ITA 2571',
    provisional_note: '', pass_mark: '85', oit_opens: '2028-02-01', oit_closes: '2028-04-30', assessment_verified: '1',
    clarification_opens: '2028-06-01', clarification_closes: '2028-06-10',
    assessment_note: 'คู่มือ ITA 2571 หน้า 12' })).status, 303);
  const heading = await (await get('/admin/framework/2571/draft', admin)).text();
  assert.match(heading, /id="clarification_closes" name="clarification_closes" value="2028-06-10"/, 'the clarification window kept');
  const levels = { level_name_0: 'ผ่านดีเยี่ยม', level_min_total_0: '95', level_min_each_0: '95', level_passes_0: '1',
                   level_name_1: 'ผ่านดี', level_min_total_1: '85', level_min_each_1: '85', level_passes_1: '1',
                   level_name_2: 'ผ่าน', level_min_total_2: '85', level_passes_2: '1',
                   level_name_3: 'ต้องปรับปรุง', level_min_total_3: '70',
                   level_name_4: 'ต้องปรับปรุงโดยด่วน', level_min_total_4: '0' };
  assert.equal((await section('levels', { ...levels, level_min_total_3: '90' })).status, 303);
  assert.match(await (await get('/admin/framework/2571/draft', admin)).text(), /levels\[3\]: levels overlap/);
  assert.equal((await section('levels', levels)).status, 303);
  assert.equal((await section('items/O1', {
    code: 'O1', name_th: 'โครงสร้างและอำนาจหน้าที่', name_en: 'Structure and authority', sub_indicator: '9.1',
    requirement: 'แผนผังโครงสร้างและอำนาจหน้าที่', cadence: 'standing', role: '', verified: '1', source: 'คู่มือ 2571',
    answer_with: 'evidence' })).status, 303);
  assert.match(await (await get('/admin/framework/2571/draft', admin)).text(),
    /id="with-O1" name="answer_with" value="evidence" checked/, 'O1 answered with its evidence');
  assert.equal((await section('items/O24', { remove: '1' })).status, 303, 'an item dropped');
  draft = await (await get('/admin/framework/2571/draft', admin)).text();
  assert.match(draft, /crosswalk\.map\.O24: maps to O24, which this year does not have/);
  const crosswalk = {};
  for (const [, from, to] of draft.matchAll(/name="to_([A-Z0-9]+)" value="([^"]*)"/g)) crosswalk[`to_${from}`] = to;
  assert.equal(crosswalk.to_O25, 'O25', 'suggested from the titles');
  assert.equal((await section('crosswalk', { ...crosswalk, to_O24: '-', confirmed: '1' })).status, 303);
  draft = await (await get('/admin/framework/2571/draft', admin)).text();
  assert.match(draft, /ร่างนี้ผ่านการตรวจแล้ว/);

  // The indicators as the form draws them: indicator 10 renamed, sub-indicator 9.1 recoded
  // 9.01 (its items follow); then a new EIT question with a negative sub-question.
  const indicators = formFields(draft, '/admin/framework/2571/draft/indicators');
  const rowOf = (prefix, was) => Object.keys(indicators).find((k) => k.startsWith(prefix) && indicators[k] === was)
    .slice(prefix.length);
  indicators[`ind_name_${rowOf('ind_was_', '10')}`] = 'การป้องกันการทุจริต (ปรับชื่อ)';
  indicators[`sub_code_${rowOf('sub_was_', '9.1')}`] = '9.01';
  assert.equal((await section('indicators', { ...indicators, [`ind_number_${rowOf('ind_was_', '10')}`]: 'สิบ' })).status,
    422, 'a number that is not one');
  assert.equal((await section('indicators', indicators)).status, 303);
  assert.equal((await section('items/new', {
    tool: 'EIT', code: 'e16', name_th: 'ท่านได้รับบริการอย่างไร', name_en: 'How were you served', indicator: '7',
    scale: 'likert4', polarity: 'mixed', sub_questions: 'ได้รับบริการตามเวลาที่กำหนด\r\n(-) ถูกเรียกรับเงินหรือสิ่งของ',
    source: 'ทดลอง' })).status, 303);
  draft = await (await get('/admin/framework/2571/draft', admin)).text();
  assert.match(draft, /ร่างนี้ผ่านการตรวจแล้ว/);
  assert.match(draft, /<option value="9\.01" selected>9\.01 /, 'O1 follows its sub-indicator');
  assert.match(draft, /\(-\) ถูกเรียกรับเงินหรือสิ่งของ<\/textarea>/);

  const published = await section('publish', { note: 'คู่มือ ITA 2571 ออกแล้ว' });
  assert.equal(published.status, 303);
  assert.equal(published.headers.get('location'), '/admin/framework/2571?published=1');
  const ita = await (await get('/ita/2571', http.cookieJar())).text();
  assert.match(ita, /O1<\/span> โครงสร้างและอำนาจหน้าที่<\/a>/);
  assert.doesNotMatch(ita, /ร่าง — รอคู่มือ/);
  assert.equal((await get('/admin/framework/2571/draft', admin)).status, 404, 'the draft is gone once published');

  // The same file into a fresh installation: the same framework.
  const file = exportYear(server.db, 2571);
  const doc = JSON.parse(file);
  assert.equal(doc.items.find((i) => i.code === 'O1').name_th, 'โครงสร้างและอำนาจหน้าที่');
  assert.equal(doc.crosswalk.map.O24, null);
  assert.equal(doc.crosswalk.verified, true);
  assert.equal(doc.indicators.find((i) => i.number === 10).name_th, 'การป้องกันการทุจริต (ปรับชื่อ)');
  assert.equal(doc.items.find((i) => i.code === 'O2').sub_indicator, '9.01');
  assert.deepEqual(doc.items.find((i) => i.code === 'E16').sub_questions.map((q) => q.polarity), ['positive', 'negative']);
  assert.equal(doc.items.find((i) => i.code === 'E16').indicator, 7);
  const fresh = initDatabase();
  try {
    const path = join(fresh.dir, 'ita-2571.json');
    writeFileSync(path, file);
    execFileSync(binary, ['framework', 'import', path, '--note', 'จากหน่วยงานกลาง', '--db', fresh.db], { stdio: 'pipe' });
    assert.equal(exportYear(fresh.db, 2571), file);
  } finally {
    rmSync(fresh.dir, { recursive: true, force: true });
  }
});

test('the workshop is the installation admin\'s: staff cannot open it, and a draft needs a year it can start from', async () => {
  const staff = await http.signIn(server, 'staff@example.org');
  assert.equal((await get('/admin/framework/2570/draft', staff)).status, 403);
  const admin = await http.signIn(server, 'admin@example.org');
  const token = csrfOf(await (await get('/admin/framework', admin)).text());
  const far = await post('/admin/framework/drafts', admin, { _csrf: token, year: '2575', from_year: '2570' });
  assert.equal(far.status, 422);
  const none = await post('/admin/framework/drafts', admin, { _csrf: token, year: '2591', from_year: '2590' });
  assert.equal(none.status, 200);
  assert.match(await none.text(), /ยังไม่มีเกณฑ์การประเมิน ITA ของปีนี้/);
});

test('an item\'s page gives its code in every year the crosswalks reach, and says where it has none', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  const page = await (await get('/disclosure/2566/O22', admin)).text();
  for (const [year, code] of [['2565', 'O24'], ['2567', 'O22'], ['2568', 'O13'], ['2569', 'O12'], ['2570', 'O12']])
    assert.match(page, new RegExp(`<li>${year}: ${code}</li>`), `${year} ${code}`);
  assert.match(page, /<li>2566: <strong>O22<\/strong><\/li>/);
  const dropped = await (await get('/disclosure/2566/O10', admin)).text();
  assert.match(dropped, /<li>2568: <span class="muted">ไม่มีข้อที่ตรงกัน<\/span><\/li>/, 'the PDPA item ended in 2568');
});
