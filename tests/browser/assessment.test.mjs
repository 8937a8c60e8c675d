// The assessment round as the admin works it. The OIT answer sheet for ITAS: found from the
// menu, each line proposed from the registry, one line changed (a wrong URL refused beside its
// field first), the sheet downloaded, the line put back to the proposal. The assessor's result:
// scores pasted from ITAS's table (a bad line refused first, nothing kept), the survey tools'
// scores typed, the total and level worked out beside the estimate, and set beside it in the
// executives' view and on the estimate page. The answers sent: a snapshot kept and public; a zero disputed with a draft
// citing it, edited, filed, and on the calendar until then. The points lost proposed for next
// year's plan: one taken in through the prefilled issue form, one dropped with a reason. At
// 1280 px and at 360 px
// with nothing for axe to find, and closed to staff who are not admins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser, axeViolations, signIn } from '../support/browser.mjs';
import { binary, initDatabase, startServer } from '../support/server.mjs';

let server;
let browser;
before(async () => {
  const database = initDatabase();
  execFileSync(binary, ['demo', '--as-of', '2026-12-05', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function fits(page, width) {
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `${page.url()} scrolls sideways`);
  assert.deepEqual(await axeViolations(page), [], page.url());
}

test('the admin reviews the answer sheet, changes a line, downloads it and puts the line back', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server, 'admin@example.org');
  await page.getByRole('link', { name: 'แบบตอบ ITAS (OIT)' }).first().click();
  await page.waitForURL(/\/assessment\/\d{4}\/answers$/);
  const year = page.url().match(/assessment\/(\d{4})/)[1];
  await fits(page, 1280);
  const rows = page.locator('table tbody tr');
  assert.equal(await rows.count(), 26, 'every OIT item of the year, ITAS order');
  assert.match(await rows.first().innerText(), /^O1\b/);
  const sheet = await page.locator('main').innerText();
  assert.match(sheet, new RegExp(`ตอบว่ามี \\d+ / 26`));
  assert.match(sheet, new RegExp(`/ita/${year}/O1`));

  // One line changed: a URL without its scheme is refused beside the field, nothing saved.
  await page.getByRole('link', { name: 'O5', exact: true }).click();
  await page.waitForURL(new RegExp(`/assessment/${year}/answers/O5$`));
  await fits(page, 1280);
  await page.getByLabel('มี', { exact: true }).check();
  await page.getByLabel('URL').fill('www.example.go.th/plan.pdf');
  await page.getByLabel('คำอธิบายเพิ่มเติม').fill('แผนดำเนินงานประจำปีอยู่ในคลังเอกสาร');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  const urls = page.getByLabel('URL');
  assert.equal(await urls.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('alert').count() > 0, true);
  await fits(page, 1280);
  await urls.fill(`https://www.example.go.th/ita/${year}/O5\nhttps://www.example.go.th/library/1`);
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await page.waitForURL(new RegExp(`/assessment/${year}/answers\\?saved=O5#O5$`));
  const o5 = await page.locator('tr#O5').innerText();
  assert.match(o5, /มี[\s\S]*แก้ไขแล้ว/);
  assert.match(o5, /library\/1/);
  assert.match(await page.getByRole('status').innerText(), /บันทึกแล้ว: O5/);

  // The sheet downloaded as the assessor's order, with the changed line.
  const csv = await (await page.request.get(`${server.base}/assessment/${year}/answers.csv`)).text();
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'ข้อ,ชื่อข้อมูล,คำตอบ,URL,คำอธิบายเพิ่มเติม');
  assert.match(lines[1], /^O1,/);
  assert.match(csv, /\r\nO5,[^\r]*,มี,"https:\/\/www\.example\.go\.th\/ita\/\d{4}\/O5\nhttps:\/\/www\.example\.go\.th\/library\/1",แผนดำเนินงานประจำปีอยู่ในคลังเอกสาร/);
  const pdf = await page.request.get(`${server.base}/assessment/${year}/answers.pdf`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.match(pdf.headers()['content-disposition'], /^attachment/);
  const xlsx = await page.request.get(`${server.base}/assessment/${year}/answers.xlsx`);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');

  // Put back to what Prongsai proposes.
  await page.getByRole('link', { name: 'O5', exact: true }).click();
  await page.getByRole('button', { name: 'ใช้คำตอบที่ระบบเสนอ' }).click();
  await page.waitForURL(new RegExp(`/assessment/${year}/answers\\?saved=O5#O5$`));
  assert.doesNotMatch(await page.locator('tr#O5').innerText(), /แก้ไขแล้ว|library\/1/);
  await context.close();
});

test('the admin pastes the assessor\'s scores and types the survey scores; the total and level follow', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server, 'admin@example.org');
  await page.getByRole('link', { name: 'ผลการประเมินจาก ITAS' }).first().click();
  await page.waitForURL(/\/assessment\/\d{4}\/results$/);
  await fits(page, 1280);
  const box = page.getByLabel('ข้อ คะแนน และความเห็น บรรทัดละหนึ่งข้อ');
  const lines = Array.from({ length: 26 }, (_, i) => `O${i + 1}\t${i === 4 ? 0 : 100}${i === 4 ? '\tไม่พบแผนพัฒนาท้องถิ่นฉบับปัจจุบัน' : ''}`);
  // One bad score: refused, named, nothing kept, the text still there to mend.
  await box.fill(['ข้อ\tคะแนน\tความเห็น', ...lines.slice(0, 3), 'O4\t50', ...lines.slice(4)].join('\n'));
  await page.getByRole('button', { name: 'นำเข้าคะแนน', exact: true }).click();
  assert.match(await page.getByRole('alert').first().innerText(), /100 หรือ 0/);
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('main').innerText(), /กรอกแล้ว 0 \/ 26/);
  await fits(page, 1280);
  await box.fill(['ข้อ\tคะแนน\tความเห็น', ...lines].join('\n'));
  await page.getByRole('button', { name: 'นำเข้าคะแนน', exact: true }).click();
  await page.waitForURL(/results\?stage=preliminary&saved=import$/);
  const o5 = await page.locator('tr#O5').innerText();
  assert.match(o5, /ไม่ผ่าน \(0\)/);
  assert.match(await page.locator('tr#O5 textarea').inputValue(), /ไม่พบแผนพัฒนาท้องถิ่นฉบับปัจจุบัน/);
  await page.getByLabel('EIT', { exact: true }).fill('88.5');
  await page.getByLabel('IIT', { exact: true }).fill('91');
  await page.getByRole('button', { name: 'บันทึก' }).first().click();
  await page.waitForURL(/results\?saved=tools$/);
  const summary = await page.locator('section[aria-labelledby="total-heading"]').innerText();
  assert.match(summary, /\d+\.\d\d (ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง|ต้องปรับปรุงโดยด่วน)\s*ยังไม่ใช่ผลสุดท้าย/);
  assert.match(summary, /EIT\s+30%\s+88\.50/);
  await fits(page, 1280);
  // The executives' view sets the year's real result beside the estimate.
  await page.goto(`${server.base}/executive?year=${page.url().match(/assessment\/(\d{4})/)[1]}`);
  const trend = await page.locator('section[aria-labelledby="results-heading"]').innerText();
  assert.match(trend, /\d{4}\s+\d+\.\d\d (ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง|ต้องปรับปรุงโดยด่วน)\s*ยังไม่ใช่ผลสุดท้าย\s+\d+\.\d\d/);
  await fits(page, 1280);
  // And so does the estimate page, beside its own figures.
  const year = page.url().match(/year=(\d{4})/)[1];
  await page.goto(`${server.base}/surveys/estimate?year=${year}`);
  assert.match(await page.locator('main').innerText(), /ผลจริงจากระบบ ITAS ของ ป\.ป\.ช\.: \d+\.\d\d (ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง|ต้องปรับปรุงโดยด่วน) \(ยังไม่ใช่ผลสุดท้าย\) · (OIT|EIT|IIT) \d+\.\d\d/);
  const row = await page.locator('tr', { has: page.getByRole('link', { name: year, exact: true }) }).innerText();
  assert.match(row, /\d+\.\d\d (ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง|ต้องปรับปรุงโดยด่วน) ยังไม่ใช่ผลสุดท้าย$/);
  assert.match(await page.locator('main').innerText(), /ยังไม่ได้บันทึก/, 'other years say nothing was recorded');
  await fits(page, 1280);
  await context.close();
});

test('the answers sent, a snapshot is kept for anyone to see; a zero disputed citing it, filed, and on the calendar', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server, 'admin@example.org');
  await page.goto(server.base + '/assessment');
  await page.waitForURL(/\/answers$/);
  const year = page.url().match(/assessment\/(\d{4})/)[1];
  await page.getByRole('button', { name: 'ส่งคำตอบใน ITAS แล้ว บันทึกภาพหลักฐาน' }).click();
  await page.waitForURL(/answers\?snapshot=\d{4}-\d\d-\d\d#snapshots$/);
  assert.match(await page.getByRole('status').first().innerText(), /บันทึกภาพหลักฐานแล้ว/);
  await fits(page, 1280);
  const kept = page.locator('#snapshots a').first();
  const snapshotPath = await kept.getAttribute('href');
  assert.match(snapshotPath, new RegExp(`^/ita/${year}/snapshot/\\d{4}-\\d\\d-\\d\\d$`));

  // Evidence changed after the answers were sent: marked on the registry's page and on the sheet.
  await page.goto(`${server.base}/disclosure/${year}/O1`);
  await page.getByRole('radio', { name: 'ลิงก์' }).check();
  await page.getByLabel('ชื่อหลักฐาน').fill('โครงสร้างองค์กร ฉบับปรับปรุง');
  await page.getByLabel('ลิงก์ (https://)').fill('https://www.example.go.th/structure-2570.pdf');
  await page.getByRole('button', { name: 'เพิ่มหลักฐาน' }).click();
  await page.waitForURL(/added=1/);
  const note = page.locator('p.notice-warn', { hasText: 'เปลี่ยนไปหลังส่งคำตอบใน ITAS' });
  assert.equal(await note.getByRole('link', { name: 'ดูภาพหลักฐาน' }).getAttribute('href'), `${snapshotPath}#O1`);
  await fits(page, 1280);
  await page.goto(`${server.base}/assessment/${year}/answers`);
  assert.match(await page.locator('tr#O1').innerText(), /หลักฐานเปลี่ยนหลังส่งคำตอบ/);
  assert.doesNotMatch(await page.locator('tr#O2').innerText(), /หลักฐานเปลี่ยนหลังส่งคำตอบ/);

  // The results page leads to the clarifications; O5 (scored 0 above) is disputed.
  await page.goto(`${server.base}/assessment/${year}/results`);
  await page.getByRole('link', { name: 'ชี้แจงเพิ่มเติม' }).click();
  await page.waitForURL(new RegExp(`/assessment/${year}/clarifications$`));
  await fits(page, 1280);
  assert.match(await page.locator('main').innerText(), /ช่วงชี้แจงเพิ่มเติม: 1 มิ\.ย\. \d{4} – 15 มิ\.ย\. \d{4}/);
  await page.getByRole('button', { name: 'ขอชี้แจงข้อ O5' }).click();
  await page.waitForURL(/clarifications\?saved=O5#O5$/);
  const text = page.getByLabel('ข้อความคำชี้แจงข้อ O5');
  const draft = await text.inputValue();
  assert.match(draft, /ขอชี้แจงเพิ่มเติมผลการประเมิน OIT ข้อ O5/);
  assert.match(draft, /ไม่พบแผนพัฒนาท้องถิ่นฉบับปัจจุบัน/);
  assert.ok(draft.includes(`${snapshotPath}#O5`), draft);
  assert.match(await page.locator('section#O5').innerText(), /ร่าง ยังไม่ได้ยื่น/);
  await fits(page, 1280);
  // An empty text is refused beside the field; then the edited text is kept.
  await text.fill('');
  await text.evaluate((el) => el.removeAttribute('required'));
  await page.locator('section#O5').getByRole('button', { name: 'บันทึกข้อความ' }).click();
  assert.equal(await page.getByLabel('ข้อความคำชี้แจงข้อ O5').getAttribute('aria-invalid'), 'true');
  await fits(page, 1280);
  await page.getByLabel('ข้อความคำชี้แจงข้อ O5').fill(draft + '\nแผนพัฒนาท้องถิ่นอยู่ในหน้าข้อ O5 ตั้งแต่ 1 ต.ค.');
  await page.locator('section#O5').getByRole('button', { name: 'บันทึกข้อความ' }).click();
  await page.waitForURL(/clarifications\?saved=O5#O5$/);
  assert.match(await page.getByLabel('ข้อความคำชี้แจงข้อ O5').inputValue(), /ตั้งแต่ 1 ต\.ค\.$/);

  // Due when the window closes, on the admin's calendar, until it is filed.
  const calendarOf = async () => (await (await page.request.get(`${server.base}/calendar?year=${year}`)).text());
  assert.match(await calendarOf(), /ยื่นคำชี้แจงเพิ่มเติมใน ITAS ข้อ O5/);
  // (The demo's monthly summaries of September are past their day: the calendar lists them first.)
  await page.goto(`${server.base}/calendar?year=${year}`);
  assert.match(await page.locator('section[aria-labelledby="overdue-heading"]').innerText(), /สรุปผลการจัดซื้อจัดจ้าง/);
  await fits(page, 1280);
  await page.goto(`${server.base}/assessment/${year}/clarifications`);
  await page.getByRole('button', { name: 'ยื่นใน ITAS แล้ว ข้อ O5' }).click();
  await page.waitForURL(/clarifications\?saved=O5#O5$/);
  assert.match(await page.locator('section#O5').innerText(), /ยื่นแล้ว รอผลสุดท้าย[\s\S]*ยื่นใน ITAS เมื่อ/);
  await context.close();

  // The snapshot is public, on a phone: each item's answer and evidence as sent.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const visitor = await phone.newPage();
  assert.equal((await visitor.goto(server.base + snapshotPath)).status(), 200);
  await fits(visitor, 360);
  const o11 = await visitor.locator('section#O11').innerText();
  assert.match(o11, /คำตอบ\s+มี/);
  const page11 = await visitor.locator('section#O11').getByRole('link', { name: 'ดาวน์โหลดหน้าตามที่แสดง (HTML)' }).getAttribute('href');
  const served = await visitor.request.get(server.base + page11);
  assert.match(served.headers()['content-disposition'], /^attachment; filename="ita-\d{4}-O11-/);
  const html = (await served.body()).toString();
  assert.match(html, /<html lang="th"/);
  assert.ok(html.includes(`/ita/${year}/O11`));
  await visitor.goto(`${server.base}/ita/${year}/snapshot`);
  await fits(visitor, 360);
  assert.equal(await visitor.locator('main li a').count(), 1);
  await phone.close();
});

test('the points lost go into next year\'s plan: a zero taken in through the prefilled form, a low EIT item dropped with a reason', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server, 'admin@example.org');
  await page.goto(server.base + '/assessment/results');
  await page.waitForURL(/\/results$/);
  const year = Number(page.url().match(/assessment\/(\d{4})/)[1]);
  // The EIT and IIT items' scores pasted from ITAS: a bad one refused first.
  const box = page.getByLabel('ข้อ และคะแนน บรรทัดละหนึ่งข้อ (EIT และ IIT)');
  await box.fill('ข้อ\tคะแนน\nE1\t70.555\nE2\t95');
  await page.getByRole('button', { name: 'นำเข้าคะแนนรายข้อ EIT/IIT' }).click();
  assert.equal(await page.getByLabel('ข้อ และคะแนน บรรทัดละหนึ่งข้อ (EIT และ IIT)').getAttribute('aria-invalid'), 'true');
  await fits(page, 1280);
  await page.getByLabel('ข้อ และคะแนน บรรทัดละหนึ่งข้อ (EIT และ IIT)').fill('ข้อ\tคะแนน\nE1\t70.50\nE2\t95');
  await page.getByRole('button', { name: 'นำเข้าคะแนนรายข้อ EIT/IIT' }).click();
  await page.waitForURL(/results\?saved=survey_items$/);
  assert.match(await page.locator('section[aria-labelledby="survey-items-heading"] tbody').innerText(), /E1[\s\S]*70\.50 ต่ำกว่าเป้าหมาย[\s\S]*E2[\s\S]*95\.00\s*$/);
  await page.getByRole('link', { name: 'ข้อเสนอเข้าแผนปีถัดไป' }).click();
  await page.waitForURL(new RegExp(`/assessment/${year}/proposals$`));
  await fits(page, 1280);
  const ids = await page.locator('ol.proposals > li').evaluateAll((lis) => lis.map((li) => li.id));
  assert.deepEqual(ids, ['lost-O5', 'lost-E1'], 'the zero, then the survey item under 85; not E2');

  // O5 taken in through the prefilled issue form of next year's plan.
  await page.locator('#lost-O5').getByRole('link', { name: /รับเข้าแผน/ }).click();
  await page.waitForURL(new RegExp(`/measures/plans/${year + 1}/issues/new\\?item=O5$`));
  assert.equal(await page.getByLabel('รหัสข้อตามเกณฑ์ ITA').inputValue(), 'O5');
  await page.getByLabel('ขั้นตอนหรือวิธีการ/มาตรการ').fill('1. จัดทำแผนพัฒนาท้องถิ่นฉบับปัจจุบันและเผยแพร่ภายในเดือนตุลาคม');
  await page.getByRole('checkbox', { name: 'สำนักปลัด', exact: true }).check();
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await page.waitForURL(new RegExp(`/measures/plans/${year + 1}\\?saved=1#issue-\\d+$`));
  await page.goto(`${server.base}/assessment/${year}/proposals`);
  assert.match(await page.locator('#lost-O5').innerText(), /อยู่ในแผนแล้ว/);

  // E1 dropped: a reason is asked for first.
  await page.locator('#lost-E1').getByRole('button', { name: 'ไม่รับข้อเสนอ E1' }).click();
  assert.equal(await page.getByLabel('เหตุผลที่ไม่รับ E1').getAttribute('aria-invalid'), 'true');
  await fits(page, 1280);
  await page.getByLabel('เหตุผลที่ไม่รับ E1').fill('มีโครงการอบรมผู้ให้บริการอยู่ในแผนแล้ว');
  await page.locator('#lost-E1').getByRole('button', { name: 'ไม่รับข้อเสนอ E1' }).click();
  await page.waitForURL(/proposals#lost-E1$/);
  assert.match(await page.locator('#lost-E1').innerText(), /ไม่รับ[\s\S]*มีโครงการอบรมผู้ให้บริการอยู่ในแผนแล้ว/);
  await context.close();
});

test('the sheet and a line fit a phone, and staff who are not admins are turned away', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server, 'admin@example.org');
  await page.goto(server.base + '/assessment');
  await page.waitForURL(/\/answers$/);
  await fits(page, 360);
  await page.getByRole('link', { name: 'O1', exact: true }).click();
  await fits(page, 360);
  await page.goto(server.base + '/assessment/results');
  await page.waitForURL(/\/results$/);
  await fits(page, 360);
  await page.goto(server.base + '/assessment/clarifications');
  await page.waitForURL(/\/clarifications$/);
  await fits(page, 360);
  await page.goto(page.url().replace(/clarifications$/, 'proposals'));
  await fits(page, 360);
  await context.close();

  const staff = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const other = await staff.newPage();
  await signIn(other, server, 'staff@example.org');
  const res = await other.goto(server.base + '/assessment/2570/answers');
  assert.equal(res.status(), 403);
  assert.equal((await other.request.get(`${server.base}/assessment/2570/answers.csv`)).status(), 403);
  assert.equal((await other.goto(server.base + '/assessment/2570/results')).status(), 403);
  assert.equal((await other.goto(server.base + '/assessment/2570/clarifications')).status(), 403);
  assert.equal((await other.goto(server.base + '/assessment/2570/proposals')).status(), 403);
  await staff.close();
});
