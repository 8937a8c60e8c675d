// The agency's basic information and its document library as a citizen and an officer see them
// on a phone: the structure, the executives, the duties and the laws; the year's satisfaction
// results; the open data; the library filtered
// without JavaScript, a document's page, and the OIT item it answers; the officer's library form
// refusing a document with no title beside the field. Each at 360 px with nothing for axe to
// find.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser, axeViolations } from '../support/browser.mjs';
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

async function check(page, path, status = 200) {
  const res = await page.goto(server.base + path);
  assert.equal(res.status(), status, path);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, `${path} scrolls sideways`);
  assert.deepEqual(await axeViolations(page), [], path);
  return page.locator('main').innerText();
}

test('a citizen reads the basic information and finds a document', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const page = await context.newPage();
  assert.match(await check(page, '/about/structure'), /ฝ่ายการเมือง[\s\S]*ฝ่ายประจำ/);
  assert.match(await check(page, '/about/executives'), /นายกองค์การบริหารส่วนตำบล/);
  assert.match(await check(page, '/about/duties'), /อำนาจหน้าที่[\s\S]*\(1\) จัดให้มีและบำรุงรักษาทางน้ำและทางบก/);
  assert.match(await check(page, '/about/laws'), /พระราชบัญญัติข้อมูลข่าวสารของราชการ พ\.ศ\. 2540/);
  assert.match(await check(page, '/library'), /พบ \d+ รายการ[\s\S]*คำสั่งแต่งตั้งคณะทำงานการประเมินคุณธรรมและความโปร่งใส/);
  assert.match(await check(page, '/library?kind=manual&year=2570'), /พบ 2 รายการ/);
  assert.match(await check(page, '/opendata'), /สถิติการให้บริการ[\s\S]*CSV JSON XLSX/);
  assert.match(await check(page, '/opendata/procurement'), /การจัดซื้อจัดจ้าง[\s\S]*2570/);
  assert.match(await check(page, '/surveys/satisfaction'), /ผลการสำรวจความพึงพอใจการให้บริการ ปีงบประมาณ 2570[\s\S]*ผู้ตอบ 12 คน/);
  // The OIT item the guideline answers shows it, from the system.
  assert.match(await check(page, '/ita/2570/O16'), /แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ \(ข้อมูลตัวอย่าง\)\s*จากระบบ/);
  await context.close();

  // The filters and the document page need no script.
  const plain = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, javaScriptEnabled: false });
  const phone = await plain.newPage();
  await phone.goto(server.base + '/library');
  await phone.getByLabel('ประเภท').selectOption({ label: 'คู่มือ' });
  await phone.getByRole('button', { name: 'แสดง' }).click();
  await phone.waitForURL(/kind=manual/);
  assert.match(await phone.locator('main').innerText(), /พบ 2 รายการ/);
  await phone.getByRole('link', { name: /แนวปฏิบัติการจัดการเรื่องร้องเรียน/ }).click();
  await phone.waitForURL(/\/library\/\d+$/);
  const doc = await phone.locator('main').innerText();
  assert.match(doc, /ตั้งแต่ปีงบประมาณ 2569 จนกว่าจะยกเลิก/);
  assert.match(doc, /\.pdf \(PDF \d+ KB\)/);
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth) <= 360, 'the document page fits');
  await plain.close();
});

test('an officer keeps the library and the basic information on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.base + '/login');
  await page.getByLabel('อีเมล').fill('admin@example.org');
  await page.getByLabel('รหัสผ่าน').fill(server.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL('**/staff');
  await check(page, '/library/manage');
  await check(page, '/library/manage/new');
  // No title: the browser would stop it; sent anyway, the server says so beside the field.
  await page.locator('#title').evaluate((e) => e.removeAttribute('required'));
  await page.getByLabel('ไฟล์เอกสาร').setInputFiles({ name: 'a.pdf', mimeType: 'application/pdf',
                                                    buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await page.waitForLoadState();
  assert.equal(await page.locator('#title-error').innerText(), 'กรุณากรอกข้อมูลในช่องนี้');
  assert.equal(await page.locator('#title').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), [], 'the form with an error');
  await page.goto(server.base + '/library/manage');
  await page.getByRole('link', { name: /คำสั่งแต่งตั้งคณะทำงาน/ }).click();
  await page.waitForURL(/\/library\/manage\/\d+$/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'the edit form fits');
  assert.deepEqual(await axeViolations(page), [], 'the edit form with its OIT section');
  assert.match(await page.locator('#evidence').innerText(), /หลักฐาน OIT/);
  await check(page, '/admin/about/duties');
  await check(page, '/admin/about/laws');
  await context.close();
});
