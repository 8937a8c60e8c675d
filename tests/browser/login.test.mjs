// What a person does in a browser: an admin signs in and out on a desktop, the pages pass
// axe-core's checks, the skip link comes first, and nothing scrolls sideways at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, axeViolations } from '../support/browser.mjs';
import { startServer, pg } from '../support/server.mjs';

const shots = process.env.PRONGSAI_SCREENSHOTS || '';
if (shots) mkdirSync(shots, { recursive: true });

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// A 40×30 navy PNG: a photo, as far as the checks go.
const kNavyPng = 'iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAALElEQVR42u3NIREAAAgEsG+Cpxr9PTFA7G5+qZ4TEYvFYrFYLBaLxWLx33gBFrBL7qNnvGsAAAAASUVORK5CYII=';

// The card of an issue on the plan page, by its item code.
const issueCard = (page, code) => page.locator('article.issue', { has: page.locator('h2 .tag', { hasText: new RegExp(`^${code}$`) }) });

// RFC 6238 as the authenticator app computes it: the code of `now` for a base32 secret.
function totp(secret, now) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function signIn(page, email = 'admin@example.org') {
  await page.goto(server.base + '/');
  await page.getByRole('link', { name: 'เข้าสู่ระบบเจ้าหน้าที่' }).first().click();
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(server.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL('**/staff');
}

test('an admin opens the imported FY2566 plan and sees its 14 issues', async () => {
  const context = await browser.newContext({ locale: 'th-TH' });
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('link', { name: 'มาตรการส่งเสริมคุณธรรมฯ' }).click();
  await page.getByRole('link', { name: /แผนมาตรการ ปีงบประมาณ พ\.ศ\. 2566/ }).click();
  assert.equal(await page.locator('article.issue').count(), 14);
  const o20 = issueCard(page, 'O20');
  assert.deepEqual(await o20.locator('.step-number').allInnerTexts(), ['1.', '3.', '4.', '5.']);
  await context.close();
});

test('staff file a progress report, an executive acknowledges it, the dashboard shows it done', async () => {
  const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const staff = await staffContext.newPage();
  await signIn(staff, 'staff@example.org');  // กองคลัง: responsible for O24, due 31 Oct 2023
  await staff.goto(server.base + '/measures/plans/2566');
  await issueCard(staff, 'O24').locator('.due-list a').first().click();
  await staff.getByLabel('เสร็จสิ้น').check();
  await staff.getByLabel('ผลการดำเนินงาน').fill('รายงานผลการจัดซื้อจัดจ้างประจำปีเสนอผู้บริหารแล้ว');
  await staff.getByLabel('ลิงก์หลักฐาน').fill('https://example.go.th/o24-2566.pdf');
  await staff.getByLabel('ไฟล์หลักฐาน').setInputFiles({
    name: 'ประกาศผลการจัดซื้อจัดจ้าง.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% evidence\n'),
  });
  await staff.getByRole('button', { name: 'ส่งรายงาน' }).click();
  assert.match(await staff.locator('main').innerText(), /ส่งรายงานความก้าวหน้าแล้ว/);
  const duePath = new URL(staff.url()).pathname;
  const fileLink = staff.getByRole('link', { name: 'ประกาศผลการจัดซื้อจัดจ้าง.pdf' });
  const download = await staff.request.get(server.base + await fileLink.getAttribute('href'));
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  assert.equal((await download.body()).toString(), '%PDF-1.4\n% evidence\n');
  if (shots) await staff.screenshot({ path: `${shots}/due-360.png`, fullPage: true });
  await staffContext.close();

  const execContext = await browser.newContext();
  const exec = await execContext.newPage();
  await signIn(exec, 'executive@example.org');
  await exec.goto(server.base + '/measures/plans/2566/dashboard');
  await exec.getByRole('link', { name: /31 ต\.ค\. 2566/ }).first().click();
  assert.equal(new URL(exec.url()).pathname, duePath);
  await exec.getByRole('button', { name: 'รับทราบ' }).click();
  assert.match(await exec.locator('main').innerText(), /รับทราบแล้ว/);
  await exec.goto(server.base + '/measures/plans/2566/dashboard');
  const doneTile = exec.locator('.tile.due-done .tile-count');
  assert.equal(await doneTile.innerText(), '1');
  assert.match(await exec.locator('main').innerText(), /ประกาศผลการจัดซื้อจัดจ้าง\.pdf|O24/);
  const o24Row = exec.locator('tr', { has: exec.locator('td', { hasText: /^O24$/ }) });
  assert.match(await o24Row.innerText(), /1 \/ 1/);
  if (shots) await exec.screenshot({ path: `${shots}/dashboard-desktop.png`, fullPage: true });
  await execContext.close();
});

test('an officer adds an issue to a plan and edits it, without JavaScript, on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'staff@example.org');
  await page.goto(server.base + '/measures/plans/2566');
  await page.getByRole('link', { name: 'เพิ่มประเด็น' }).click();
  await page.getByLabel('รหัสข้อตามเกณฑ์ ITA').fill('O99');
  await page.getByLabel('ขั้นตอนหรือวิธีการ/มาตรการ').fill('จัดทำรายงานการจัดซื้อจัดจ้างรายเดือน\nเสนอผู้บริหารทุกเดือน');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  assert.match(await page.getByRole('alert').innerText(), /รหัสข้อไม่ถูกต้อง/);
  assert.equal(await page.getByLabel('ขั้นตอนหรือวิธีการ/มาตรการ').inputValue(),
               'จัดทำรายงานการจัดซื้อจัดจ้างรายเดือน\nเสนอผู้บริหารทุกเดือน', 'what was typed is kept');
  await page.getByLabel('รหัสข้อตามเกณฑ์ ITA').fill('O22');
  await page.getByLabel('รอบการรายงาน').selectOption('monthly');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  assert.match(await page.getByRole('status').innerText(), /บันทึกแล้ว/);
  const card = issueCard(page, 'O22');
  assert.deepEqual(await card.locator('.step-number').allInnerTexts(), ['1.', '2.']);
  assert.equal(await card.locator('.due-list li').count(), 12, 'monthly: twelve due dates');
  await card.getByRole('link', { name: 'แก้ไข O22' }).click();
  await page.getByLabel('สรุปผลการดำเนินการ').fill('รายงานครบทุกเดือน');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  assert.match(await issueCard(page, 'O22').innerText(), /รายงานครบทุกเดือน/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `scrollWidth ${width}`);
  await context.close();
});

test('an executive approves the plan; a citizen reads it on a phone', async () => {
  const execContext = await browser.newContext();
  const exec = await execContext.newPage();
  await signIn(exec, 'executive@example.org');
  await exec.goto(server.base + '/measures/plans/2566');
  await exec.getByLabel('หมายเหตุการอนุมัติ (ถ้ามี)').fill('อนุมัติให้เผยแพร่');
  await exec.getByRole('button', { name: 'อนุมัติและเผยแพร่' }).click();
  assert.match(await exec.getByRole('status').first().innerText(), /อนุมัติและเผยแพร่แล้ว/);
  await execContext.close();

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  await page.locator('.public-menu summary', { hasText: 'ITA/OIT' }).click();
  await page.getByRole('link', { name: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส' }).click();
  await page.getByRole('link', { name: /2566/ }).click();
  assert.equal(new URL(page.url()).pathname, '/measures/2566');
  // The seed's 14 issues and the one an officer added in the test before.
  assert.equal(await page.locator('article.issue').count(), 15);
  assert.match(await page.locator('main').innerText(), /อนุมัติให้เผยแพร่/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `scrollWidth ${width}`);
  assert.deepEqual(await axeViolations(page), [], '/measures/2566');
  const pdf = await page.request.get(server.base + '/measures/2566/files/report.pdf');
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  if (shots) await page.screenshot({ path: `${shots}/public-measures-360.png`, fullPage: false });
  await context.close();
});

test('the finance officer uploads the October procurement summary, then a corrected one; the public item page shows it', async () => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin);
  await admin.goto(server.base + '/disclosure/2566?sort=status');
  await admin.getByRole('link', { name: 'O21', exact: true }).click();
  await admin.getByLabel('ผู้รับผิดชอบข้อนี้').selectOption({ label: 'กองคลัง' });
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  assert.match(await admin.locator('main').innerText(), /กองคลัง/);
  await adminContext.close();

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const staff = await context.newPage();
  await signIn(staff, 'staff@example.org');  // กองคลัง
  await staff.goto(server.base + '/disclosure/2566/O21');
  await staff.getByRole('radio', { name: 'ไฟล์' }).check();
  await staff.getByLabel('รอบ').selectOption({ label: 'ต.ค. 2565' });
  await staff.getByLabel('ชื่อหลักฐาน').fill('สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565');
  const october = { name: 'สขร1-ตค65.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% procurement October 2565\n') };
  await staff.getByLabel('ไฟล์ที่แนบ').setInputFiles(october);
  await staff.getByLabel('วันที่เผยแพร่').fill('2022-11-03');
  await staff.getByRole('button', { name: 'เพิ่มหลักฐาน' }).click();
  // A PDF whose text cannot be read (a scan, as far as anyone can tell): held for the officer's
  // word that it holds no personal data; the file attached again and the box ticked.
  assert.match(await staff.locator('#confirm_personal_data-error').innerText(), /สขร1-ตค65\.pdf: อ่านข้อความในไฟล์ไม่ได้/);
  assert.deepEqual(await axeViolations(staff), [], 'the form holding the evidence');
  // What was typed and chosen stays; only the file is attached again.
  assert.equal(await staff.getByLabel('รอบ').inputValue(), '2022-10');
  assert.equal(await staff.getByLabel('วันที่เผยแพร่').inputValue(), '2022-11-03');
  await staff.getByLabel('ไฟล์ที่แนบ').setInputFiles(october);
  await staff.getByLabel(/ข้าพเจ้าตรวจแล้ว/).check();
  await staff.getByRole('button', { name: 'เพิ่มหลักฐาน' }).click();
  assert.match(await staff.getByRole('status').innerText(), /เพิ่มหลักฐานแล้ว/);
  const width = await staff.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `scrollWidth ${width}`);
  // A wrong figure was found: the officer replaces the file; the first version goes to the history.
  await staff.getByRole('link', { name: 'แทนที่ด้วยฉบับใหม่ สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565' }).click();
  assert.match(await staff.getByRole('heading', { level: 2, name: /^แทนที่/ }).innerText(), /เดือนตุลาคม 2565/);
  assert.match(await staff.locator('main').innerText(), /รอบ: ต\.ค\. 2565/);
  await staff.getByLabel('ชื่อหลักฐาน').fill('สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565 (ฉบับแก้ไข)');
  const corrected = { name: 'สขร1-ตค65-แก้ไข.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% procurement October 2565, corrected\n') };
  await staff.getByLabel('ไฟล์ที่แนบ').setInputFiles(corrected);
  await staff.getByLabel('วันที่เผยแพร่').fill('2022-11-10');
  await staff.getByRole('button', { name: 'บันทึกฉบับใหม่แทนฉบับเดิม' }).click();
  await staff.getByLabel('ไฟล์ที่แนบ').setInputFiles(corrected);
  await staff.getByLabel('วันที่เผยแพร่').fill('2022-11-10');
  await staff.getByLabel(/ข้าพเจ้าตรวจแล้ว/).check();
  await staff.getByRole('button', { name: 'บันทึกฉบับใหม่แทนฉบับเดิม' }).click();
  assert.match(await staff.getByRole('status').innerText(), /แทนที่หลักฐานด้วยฉบับใหม่แล้ว/);
  const history = await staff.getByRole('region', { name: 'ประวัติหลักฐาน' }).innerText();
  assert.match(history, /สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565\s/);
  assert.match(history, /ถูกแทนที่เมื่อ .* ด้วย “สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565 \(ฉบับแก้ไข\)”/);
  await context.close();

  const citizen = await (await browser.newContext({ bypassCSP: true })).newPage();
  await citizen.goto(server.base + '/ita/2566');
  await citizen.getByRole('link', { name: /O21/ }).click();
  assert.equal(new URL(citizen.url()).pathname, '/ita/2566/O21');
  const main = await citizen.locator('main').innerText();
  assert.match(main, /สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565 \(ฉบับแก้ไข\)/);
  assert.match(main, /10 พฤศจิกายน 2565/);
  assert.doesNotMatch(main, /3 พฤศจิกายน 2565/, 'the replaced version is not public');
  assert.deepEqual(await axeViolations(citizen), [], '/ita/2566/O21');
  await citizen.goto(server.base + '/ita/2566');
  assert.deepEqual(await axeViolations(citizen), [], '/ita/2566');
});

test('a citizen on a phone, without JavaScript, searches two Thai letters from the home page and opens the document', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  await page.getByLabel('ค้นหาในเว็บไซต์').fill('ซื้อ');
  await page.getByRole('button', { name: 'ค้นหา' }).click();
  assert.equal(new URL(page.url()).pathname, '/search');
  assert.match(await page.getByRole('status').innerText(), /พบ 1 รายการ/, 'the replaced version is not found');
  const result = page.getByRole('link', { name: 'สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2565 (ฉบับแก้ไข)' });
  assert.deepEqual(await result.locator('mark').allInnerTexts(), ['ซื้อ']);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 360 px');
  if (shots) await page.screenshot({ path: `${shots}/search-360.png`, fullPage: true });
  await result.click();
  assert.equal(new URL(page.url()).pathname, '/ita/2566/O21');
  // Two letters that appear nowhere: a clear answer, the query kept in the box.
  await page.goto(server.base + '/search?q=' + encodeURIComponent('ฌฎ'));
  assert.match(await page.getByRole('status').innerText(), /ไม่พบรายการ/);
  assert.equal(await page.getByLabel('คำที่ต้องการค้นหา').inputValue(), 'ฌฎ');
  await context.close();
});

test('a citizen reports corruption anonymously on a phone, keeps the code, and later reads the officer\'s reply', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  const citizen = await phone.newPage();
  const fits = () => citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await citizen.goto(server.base + '/');
  await citizen.getByRole('link', { name: /แจ้งทางช่องทางเฉพาะ โดยไม่ต้องเปิดเผยตัวตน/ }).click();
  assert.equal(await citizen.getByRole('checkbox', { name: /ไม่ประสงค์ออกนาม/ }).isChecked(), true, 'anonymous by default');
  await citizen.getByLabel('เรื่อง', { exact: true }).fill('เรียกรับเงินเพื่อเร่งใบอนุญาต');
  await citizen.getByLabel('รายละเอียด').fill('เจ้าหน้าที่เรียกเงินสองพันบาทเพื่อออกใบอนุญาตให้เร็วขึ้น เมื่อวันที่ 3 มีนาคม');
  await citizen.getByLabel('ไฟล์แนบ (ไม่บังคับ)').setInputFiles({ name: 'สลิปโอนเงิน.pdf', mimeType: 'application/pdf',
                                                                 buffer: Buffer.from('%PDF-1.4\n% transfer slip\n%%EOF\n') });
  assert.ok(await fits(), 'the form fits 360 px');
  assert.deepEqual(await axeViolations(citizen), [], '/complaints/new?channel=corruption');
  await citizen.getByRole('button', { name: 'ส่งเรื่อง' }).click();
  assert.match(await citizen.getByRole('status').innerText(), /ส่งเรื่องเรียบร้อยแล้ว/);
  assert.match(await citizen.locator('main').innerText(), /โปรดจดหรือถ่ายภาพรหัสนี้เก็บไว้ทันที/);
  const code = (await citizen.locator('.receipt-code').innerText()).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  assert.ok(!citizen.url().includes(code), 'the code is not in the address');
  assert.ok(await fits(), 'the receipt fits 360 px');
  assert.deepEqual(await axeViolations(citizen), [], 'receipt page');

  // The corruption officer unlocks the channel with their password, reads and answers.
  const desk = await browser.newContext();
  const officer = await desk.newPage();
  await signIn(officer, 'integrity@example.org');
  await officer.getByRole('link', { name: 'เรื่องร้องเรียน' }).click();
  assert.match(await officer.locator('main').innerText(), /เข้ารหัสไว้ เปิดเรื่องเพื่ออ่าน/);
  await officer.locator('main table a').first().click();
  await officer.getByLabel('รหัสผ่านของท่าน').fill(server.password);
  await officer.getByRole('button', { name: 'ยืนยัน' }).click();
  assert.match(await officer.locator('main').innerText(), /เรียกเงินสองพันบาท/);
  assert.match(await officer.locator('main').innerText(), /ไม่ประสงค์ออกนาม/);
  await officer.getByLabel('สถานะใหม่').selectOption({ label: 'อยู่ระหว่างพิจารณา' });
  await officer.getByLabel('หมายเหตุถึงผู้ร้องเรียน').fill('รับเรื่องไว้ตรวจสอบแล้ว');
  await officer.getByRole('button', { name: 'บันทึกสถานะ' }).click();
  await officer.getByLabel('ข้อความใหม่').fill('ขอทราบเวลาและสถานที่ที่ถูกเรียกเงินเพิ่มเติมครับ');
  await officer.getByRole('button', { name: 'ส่งข้อความ' }).click();
  assert.match(await officer.getByRole('status').innerText(), /ส่งข้อความแล้ว/);
  await desk.close();

  // Later, with the code alone, the citizen reads the answer and writes back.
  await citizen.goto(server.base + '/complaints/track');
  await citizen.getByLabel('รหัสติดตามเรื่อง').fill(code.toLowerCase().replaceAll('-', ' '));
  await citizen.getByRole('button', { name: 'ดูสถานะ' }).click();
  const page = await citizen.locator('main').innerText();
  assert.match(page, /อยู่ระหว่างพิจารณา/);
  assert.match(page, /รับเรื่องไว้ตรวจสอบแล้ว/);
  assert.match(page, /ขอทราบเวลาและสถานที่ที่ถูกเรียกเงินเพิ่มเติมครับ/);
  assert.match(page, /ไฟล์แนบ 1\.pdf/, 'the attachment is listed for the citizen');
  assert.doesNotMatch(page, /สลิปโอนเงิน/, 'under no name of the sender\'s: a sealed case keeps none');
  assert.ok(await fits(), 'the case fits 360 px');
  assert.deepEqual(await axeViolations(citizen), [], 'tracked case');
  await citizen.getByLabel('ข้อความใหม่').fill('ห้องกองช่าง ประมาณบ่ายสองโมงครับ');
  await citizen.getByRole('button', { name: 'ส่งข้อความ' }).click();
  assert.match(await citizen.getByRole('status').innerText(), /ส่งข้อความแล้ว/);
  assert.match(await citizen.locator('main').innerText(), /ห้องกองช่าง ประมาณบ่ายสองโมงครับ/);
  await phone.close();
});

test('the admin appoints a second corruption officer by link, who reads nothing until the first officer confirms them', async () => {
  // A complaint already in the channel.
  const street = await browser.newContext();
  const citizen = await street.newPage();
  await citizen.goto(server.base + '/complaints/new?channel=corruption');
  await citizen.getByLabel('เรื่อง', { exact: true }).fill('รับเงินค่าตรวจรับงานถนน');
  await citizen.getByLabel('รายละเอียด').fill('ผู้ตรวจรับงานถนนสายบ้านควนหมากรับเงินจากผู้รับจ้างห้าพันบาท');
  await citizen.getByRole('button', { name: 'ส่งเรื่อง' }).click();
  assert.match(await citizen.getByRole('status').innerText(), /ส่งเรื่องเรียบร้อยแล้ว/);
  await street.close();

  // The admin adds the officer: a link, not a password, is what they get to pass on.
  const office = await browser.newContext({ bypassCSP: true });
  const admin = await office.newPage();
  await signIn(admin);
  await admin.goto(server.base + '/admin/users/new');
  await admin.getByLabel('ชื่อ-สกุล').fill('นางสาวสุดา ตรงธรรม');
  await admin.getByLabel('อีเมล').fill('suda@example.org');
  await admin.getByLabel('เจ้าหน้าที่', { exact: true }).uncheck();
  await admin.getByLabel('เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต').check();
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  assert.equal(await admin.getByRole('heading', { level: 1 }).innerText(), 'ลิงก์ตั้งรหัสผ่าน');
  assert.deepEqual(await axeViolations(admin), [], 'the link page');
  const link = await admin.getByLabel(/^ลิงก์/).inputValue();
  assert.match(link, /\/enrol\/[A-Za-z0-9_-]{43}$/);
  await office.close();

  // On her phone she sets her own password, signs in and unlocks: her key waits.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  const suda = await phone.newPage();
  const fits = () => suda.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await suda.goto(link);
  assert.match(await suda.locator('main').innerText(), /นางสาวสุดา ตรงธรรม/);
  assert.ok(await fits(), 'the enrolment page fits 360 px');
  assert.deepEqual(await axeViolations(suda), [], 'the enrolment page');
  await suda.getByLabel('รหัสผ่านใหม่', { exact: true }).fill('suda-own-passphrase-2570');
  await suda.getByLabel('ยืนยันรหัสผ่านใหม่').fill('suda-own-passphrase-2570');
  await suda.getByRole('button', { name: 'ตั้งรหัสผ่าน' }).click();
  assert.match(await suda.getByRole('status').innerText(), /ตั้งรหัสผ่านแล้ว/);
  await suda.goto(link);
  assert.match(await suda.getByRole('alert').innerText(), /ลิงก์นี้ใช้ไม่ได้/, 'a link works once');
  await suda.goto(server.base + '/login');
  await suda.getByLabel('อีเมล').fill('suda@example.org');
  await suda.getByLabel('รหัสผ่าน').fill('suda-own-passphrase-2570');
  await suda.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await suda.goto(server.base + '/complaints/unlock');
  await suda.getByLabel('รหัสผ่านของท่าน').fill('suda-own-passphrase-2570');
  await suda.getByRole('button', { name: 'ยืนยัน' }).click();
  // Her new key's recovery code, shown once, to write down.
  assert.equal(await suda.getByRole('heading', { level: 1 }).innerText(), 'รหัสกู้คืนกุญแจของท่าน');
  assert.match((await suda.locator('#recovery-code').innerText()).trim(), /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  assert.ok(await fits(), 'the recovery code fits 360 px');
  assert.deepEqual(await axeViolations(suda), [], 'the recovery code page');
  await suda.getByRole('link', { name: 'จดรหัสแล้ว ไปต่อ' }).click();
  assert.match(await suda.locator('main').innerText(), /กุญแจของท่านยังรอการยืนยัน/);
  // Our complaint is the newest: the highest number (sealed cases show no subject).
  const hrefs = await suda.locator('main table a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const href = hrefs.sort((x, y) => Number(y.split('/').pop()) - Number(x.split('/').pop()))[0];
  const refused = await suda.goto(server.base + href);
  assert.equal(refused.status(), 403);
  assert.doesNotMatch(await suda.locator('main').innerText(), /ห้าพันบาท/);

  // The first officer sees her waiting, unlocks, and confirms her.
  const desk = await browser.newContext({ bypassCSP: true });
  const officer = await desk.newPage();
  await signIn(officer, 'integrity@example.org');
  await officer.goto(server.base + '/complaints/inbox');
  assert.match(await officer.locator('main').innerText(), /เจ้าหน้าที่รอการยืนยันกุญแจ: 1/);
  await officer.getByRole('link', { name: 'ผู้ถือกุญแจ' }).last().click();
  assert.deepEqual(await axeViolations(officer), [], '/complaints/keys');
  await officer.getByRole('button', { name: /ยืนยันและให้สิทธิ์อ่านแก่ นางสาวสุดา/ }).click();
  await officer.getByLabel('รหัสผ่านของท่าน').fill(server.password);
  await officer.getByRole('button', { name: 'ยืนยัน' }).click();
  await officer.getByRole('button', { name: /ยืนยันและให้สิทธิ์อ่านแก่ นางสาวสุดา/ }).click();
  assert.match(await officer.getByRole('status').innerText(), /ยืนยันแล้ว/);
  const holders = await officer.locator('main').innerText();
  assert.match(holders, /ประวัติการให้สิทธิ์[\s\S]*นางสาวสุดา ตรงธรรม/);
  await desk.close();

  // Now she reads it, on her phone.
  await suda.goto(server.base + href);
  assert.match(await suda.locator('main').innerText(), /ห้าพันบาท/);
  assert.ok(await fits(), 'the case fits 360 px');
  await phone.close();
});

test('a staff member turns on two-step sign-in on a phone, then signs in with a recovery code', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  const page = await phone.newPage();
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await signIn(page, 'works@example.org');
  await page.goto(server.base + '/account');
  await page.getByRole('link', { name: 'การยืนยันตัวตนสองขั้นตอน' }).click();
  assert.ok(await page.getByRole('img', { name: 'คิวอาร์โค้ดสำหรับแอปยืนยันตัวตน' }).isVisible(), 'the QR code');
  assert.ok(await fits(), 'the setup page fits 360 px');
  assert.deepEqual(await axeViolations(page), [], '/account/second-factor');
  const secret = (await page.locator('#totp-secret').innerText()).trim();
  await page.getByLabel('รหัส 6 หลักจากแอป').fill('000000');
  await page.getByRole('button', { name: 'ยืนยันและเปิดใช้' }).click();
  assert.match(await page.getByRole('alert').innerText(), /รหัสไม่ถูกต้อง/);
  await page.getByLabel('รหัส 6 หลักจากแอป').fill(totp(secret, Date.now()));
  await page.getByRole('button', { name: 'ยืนยันและเปิดใช้' }).click();
  assert.match(await page.getByRole('status').innerText(), /เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว/);
  const codes = await page.locator('.recovery-codes code').allInnerTexts();
  assert.equal(codes.length, 10);
  assert.ok(await fits(), 'the recovery codes fit 360 px');
  assert.deepEqual(await axeViolations(page), [], 'the recovery codes');

  // Signing in again: the password, then the second step.
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await page.goto(server.base + '/login');
  await page.getByLabel('อีเมล').fill('works@example.org');
  await page.getByLabel('รหัสผ่าน').fill(server.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'ยืนยันตัวตนขั้นที่สอง');
  assert.ok(await fits(), 'the code page fits 360 px');
  assert.deepEqual(await axeViolations(page), [], 'the code page');
  assert.equal((await page.request.get(server.base + '/account', { maxRedirects: 0 })).status(), 303, 'nothing opens before the code');
  await page.getByLabel('รหัสจากแอป หรือรหัสกู้คืน').fill(codes[0].toLowerCase());
  await page.getByRole('button', { name: 'ยืนยัน' }).click();
  await page.waitForURL('**/staff');
  await page.goto(server.base + '/account/second-factor');
  assert.match(await page.getByRole('status').innerText(), /รหัสกู้คืนที่เหลือ: 9/);
  await phone.close();

  // Phone and codes lost: the admin removes it, and the password alone signs in again.
  const office = await browser.newContext();
  const admin = await office.newPage();
  await signIn(admin);
  await admin.goto(server.base + '/admin/users');
  await admin.getByRole('link', { name: 'เจ้าหน้าที่กองช่าง (ตัวอย่าง)' }).click();
  await admin.getByRole('button', { name: 'ยกเลิกการยืนยันตัวตนสองขั้นตอนของผู้ใช้นี้' }).click();
  assert.match(await admin.getByRole('status').innerText(), /บันทึกเรียบร้อยแล้ว/);
  await office.close();
  const desk = await browser.newContext();
  await signIn(await desk.newPage(), 'works@example.org');
  await desk.close();
});

test('a citizen reports a broken street light with a photo on a phone without JavaScript, and later sees it completed through the slip\'s QR link', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
  const citizen = await phone.newPage();
  const fits = () => citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await citizen.goto(server.base + '/');
  await citizen.locator('.public-menu summary', { hasText: 'บริการ' }).click();
  await citizen.getByRole('link', { name: 'บริการออนไลน์ (E-Service)' }).click();
  await citizen.locator('article', { hasText: 'แจ้งซ่อมไฟฟ้าสาธารณะ' }).getByRole('link', { name: 'ยื่นคำขอออนไลน์' }).click();
  await citizen.getByLabel('หมู่ที่ / ชุมชน').fill('หมู่ 5 บ้านควนหมาก');
  await citizen.getByLabel('จุดสังเกต / บ้านเลขที่ใกล้เคียง').fill('ทางเข้าโรงเรียน เสาต้นที่สามจากสามแยก');
  await citizen.getByLabel('ไฟดับ', { exact: true }).check();
  await citizen.getByLabel('ภาพถ่าย', { exact: true }).setInputFiles({ name: 'เสาไฟดับ.png', mimeType: 'image/png',
                                                      buffer: Buffer.from(kNavyPng, 'base64') });
  await citizen.getByLabel('โทรศัพท์', { exact: true }).fill('081 234 5678');
  assert.ok(await fits(), 'the form fits 360 px');
  await citizen.getByRole('button', { name: 'ยื่นคำขอ' }).click();
  assert.match(await citizen.getByRole('status').innerText(), /ได้รับคำขอของท่านแล้ว/);
  const code = (await citizen.locator('.receipt-code').innerText()).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  assert.ok(!citizen.url().includes(code), 'the code is not in the address');
  assert.ok(await fits(), 'the receipt fits 360 px');
  const download = citizen.waitForEvent('download');
  await citizen.getByRole('button', { name: /ดาวน์โหลดใบรับคำขอ/ }).click();
  assert.match((await download).suggestedFilename(), /^request-\d+\.pdf$/);

  // กองช่าง accepts it, fixes the light and closes it.
  const desk = await browser.newContext({ bypassCSP: true });
  const officer = await desk.newPage();
  await signIn(officer, 'works@example.org');
  await officer.getByRole('link', { name: 'คำขอรับบริการ' }).click();
  assert.deepEqual(await axeViolations(officer), [], '/requests');
  await officer.locator('main table a').first().click();
  assert.match(await officer.locator('main').innerText(), /หมู่ 5 บ้านควนหมาก · ทางเข้าโรงเรียน/);
  assert.deepEqual(await axeViolations(officer), [], 'a request');
  await officer.getByLabel('สถานะใหม่').selectOption({ label: 'อยู่ระหว่างพิจารณา' });
  await officer.getByRole('button', { name: 'บันทึกสถานะ' }).click();
  await officer.getByLabel('สถานะใหม่').selectOption({ label: 'ดำเนินการแล้วเสร็จ' });
  await officer.getByLabel('หมายเหตุถึงผู้ยื่นคำขอ').fill('เปลี่ยนหลอดไฟแล้ว');
  await officer.getByRole('button', { name: 'บันทึกสถานะ' }).click();
  assert.match(await officer.getByRole('status').innerText(), /บันทึก/);
  await desk.close();

  // Later the QR code on the slip: the page fills the code in from the fragment and sends it.
  const scanned = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  const later = await scanned.newPage();
  await later.goto(`${server.base}/track#code=${code}`);
  await later.waitForSelector('.case-resolved');
  const main = await later.locator('main').innerText();
  assert.match(main, /ดำเนินการแล้วเสร็จ/);
  assert.match(main, /เปลี่ยนหลอดไฟแล้ว/);
  assert.match(main, /เสร็จทันกำหนด/);
  assert.ok(!later.url().includes('#'), 'the code is dropped from the address bar');
  assert.ok(await later.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 360 px');
  assert.deepEqual(await axeViolations(later), [], 'tracked request');
  await scanned.close();
  await phone.close();
});

test('the admin opens an EIT survey; a service user answers it on a phone without JavaScript', async () => {
  const desk = await browser.newContext({ bypassCSP: true });
  const admin = await desk.newPage();
  await signIn(admin);
  await admin.getByRole('link', { name: 'แบบสำรวจ' }).click();
  assert.deepEqual(await axeViolations(admin), [], '/admin/surveys');
  await admin.getByLabel('EIT ผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียภายนอก').check();
  await admin.locator('select#year').selectOption('2566');  // the year of the demo's imported plan
  await admin.getByLabel('ชื่อแบบสำรวจ').fill('แบบสำรวจ EIT ไตรมาสที่ 1');
  await admin.getByRole('button', { name: 'สร้างแบบสำรวจ' }).click();
  assert.match(await admin.getByRole('status').innerText(), /สร้างแบบสำรวจแล้ว/);
  assert.deepEqual(await axeViolations(admin), [], 'a survey');
  const link = await admin.locator('main a[href*="/s/"]').first().getAttribute('href');
  await desk.close();

  const checker = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const look = await checker.newPage();
  await look.goto(link);
  assert.deepEqual(await axeViolations(look), [], 'the questionnaire');
  await checker.close();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, javaScriptEnabled: false });
  const user = await phone.newPage();
  await user.goto(link);
  const questions = user.locator('fieldset');
  const count = await questions.count();
  assert.ok(count >= 15, `every EIT item and sub-question (${count})`);
  for (let i = 0; i < count; i++) await questions.nth(i).locator('input[type=radio]').last().check();
  assert.ok(await user.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 360 px');
  await user.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  assert.match(await user.getByRole('status').innerText(), /บันทึกคำตอบของท่านแล้ว/);
  assert.match(user.url(), /\/s\/[A-Za-z0-9_-]+\/thanks$/, 'the thank-you page of its own: a reload sends nothing');
  await user.reload();
  assert.match(await user.getByRole('status').innerText(), /บันทึกคำตอบของท่านแล้ว/);
  await user.goto(link);
  assert.match(await user.getByRole('status').innerText(), /อุปกรณ์นี้ตอบแบบสำรวจนี้แล้ว/);
  await phone.close();

  // The loop: the last answer of a yes/no question is ไม่มี, so E8 and E10 (positive yes/no)
  // score 0 and are proposed for the 2567 plan. The admin accepts E8 through the prefilled
  // issue form (the plan is made with it) and drops E10 with a reason.
  const office = await browser.newContext({ bypassCSP: true });
  const planner = await office.newPage();
  await signIn(planner);
  await planner.goto(`${server.base}/admin/surveys`);
  await planner.getByRole('link', { name: 'ข้อเสนอสำหรับแผนปีถัดไป' }).click();
  // The page opens on this fiscal year's surveys; the survey above is of 2566, for the plan of 2567.
  await planner.getByRole('navigation', { name: /ปี/ }).getByRole('link', { name: '2566', exact: true }).click();
  assert.equal(await planner.getByRole('heading', { level: 1 }).innerText(), 'ข้อเสนอประเด็นสำหรับแผนมาตรการ ปีงบประมาณ 2567');
  assert.deepEqual(await axeViolations(planner), [], 'the proposals');
  const e8 = planner.locator('#proposal-E8');
  assert.match(await e8.innerText(), /คะแนนที่ได้ 0\.00 \(ต่ำกว่าเป้าหมาย 85\.00\)/);
  assert.equal(await planner.locator('#proposal-E1').count(), 0, 'E1 scored 100');
  await e8.getByRole('link', { name: /รับเข้าแผน/ }).click();
  assert.equal(await planner.getByLabel('รหัสข้อตามเกณฑ์ ITA').inputValue(), 'E8');
  assert.equal(await planner.getByLabel('คำตอบเป้าหมาย').inputValue(), 'มี');
  await planner.getByLabel('ขั้นตอนหรือวิธีการ/มาตรการ').fill('1. จัดทำช่องทางรับฟังคำติชมทางเว็บไซต์และไลน์\n2. ประชาสัมพันธ์ช่องทาง');
  await planner.getByRole('checkbox', { name: 'สำนักปลัด', exact: true }).check();
  await planner.getByRole('button', { name: 'บันทึก', exact: true }).click();
  assert.match(planner.url(), /\/measures\/plans\/2567\?saved=1#issue-\d+$/);
  await planner.goto(`${server.base}/surveys/proposals?year=2566`);
  assert.match(await planner.locator('#proposal-E8').innerText(), /อยู่ในแผนแล้ว/);
  const e10 = planner.locator('#proposal-E10');
  await e10.getByRole('button', { name: 'ไม่รับข้อเสนอ E10' }).click();
  assert.match(await planner.locator('#reason-E10-error').innerText(), /./, 'a reason is required');
  await planner.locator('#proposal-E10').getByLabel('เหตุผลที่ไม่รับ E10').fill('มีช่องทางร้องเรียนการทุจริตแล้ว ผู้ตอบไม่ทราบ');
  await planner.locator('#proposal-E10').getByRole('button', { name: 'ไม่รับข้อเสนอ E10' }).click();
  assert.match(await planner.locator('#proposal-E10').innerText(), /ไม่รับ.*มีช่องทางร้องเรียนการทุจริตแล้ว/s);
  await office.close();
});

test('the admin hands out one-time codes for the staff survey; a staff member answers with one on a phone, once', async () => {
  const desk = await browser.newContext({ bypassCSP: true });
  const admin = await desk.newPage();
  await signIn(admin);
  await admin.getByRole('link', { name: 'แบบสำรวจ' }).click();
  await admin.locator('input[name=kind][value=iit]').check();
  await admin.getByLabel('ชื่อแบบสำรวจ').fill('แบบวัด IIT ของบุคลากร');
  await admin.getByRole('button', { name: 'สร้างแบบสำรวจ' }).click();
  const survey = admin.url().replace(/\?.*$/, '');
  const link = await admin.locator('main a[href*="/s/"]').first().getAttribute('href');
  await admin.getByLabel('จำนวนรหัสที่จะออก').fill('4');
  await admin.getByRole('button', { name: 'ออกรหัสและให้ตอบได้เฉพาะผู้มีรหัส' }).click();
  const codes = await admin.locator('.slip-code').allInnerTexts();
  assert.equal(codes.length, 4);
  for (const c of codes) assert.match(c, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  assert.equal(await admin.locator('.slip-qr').evaluateAll((imgs) => imgs.filter((i) => i.naturalWidth > 0).length), 4,
    'each slip carries the survey\'s QR code');
  assert.deepEqual(await axeViolations(admin), [], 'the slips');
  if (shots) await admin.screenshot({ path: join(shots, 'survey-codes-1280.png'), fullPage: true });
  await admin.goto(survey);
  assert.match(await admin.locator('#codes-heading').locator('..').innerText(), /ใช้แล้ว \/ ออกแล้ว: 0 \/ 4/);
  assert.deepEqual(await axeViolations(admin), [], 'the survey with codes');
  await admin.goto(`${survey}`);  // the slips are not shown again
  assert.equal(await admin.locator('.slip-code').count(), 0);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, javaScriptEnabled: false });
  const staff = await phone.newPage();
  await staff.goto(link);
  const answerAll = async () => {
    const questions = staff.locator('fieldset');
    const count = await questions.count();
    for (let i = 0; i < count; i++) await questions.nth(i).locator('input[type=radio]').first().check();
  };
  await answerAll();
  await staff.getByLabel(/^รหัสตอบแบบสำรวจ/).fill('ABCDE-FGHJK');
  await staff.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  assert.match(await staff.getByRole('alert').innerText(), /รหัสไม่ถูกต้องหรือถูกใช้ไปแล้ว/);
  assert.equal(await staff.locator('input#code[aria-invalid=true]').count(), 1);
  if (shots) await staff.screenshot({ path: join(shots, 'survey-code-360.png') });
  assert.ok(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 360 px');
  await staff.getByLabel(/^รหัสตอบแบบสำรวจ/).fill(codes[0].toLowerCase());
  await staff.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  assert.match(await staff.getByRole('status').innerText(), /บันทึกคำตอบของท่านแล้ว/);
  await phone.close();

  // Another browser with the same code: refused.
  const other = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const again = await other.newPage();
  await again.goto(link);
  const questions = again.locator('fieldset');
  for (let i = 0; i < await questions.count(); i++) await questions.nth(i).locator('input[type=radio]').first().check();
  await again.getByLabel(/^รหัสตอบแบบสำรวจ/).fill(codes[0]);
  await again.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  assert.match(await again.getByRole('alert').innerText(), /ถูกใช้ไปแล้ว/);
  await other.close();

  await admin.goto(survey);
  assert.match(await admin.locator('#codes-heading').locator('..').innerText(), /1 \/ 4/);
  await desk.close();
});

test('the admin fills in the contact channels; a citizen opens them on a phone; the poster\'s QR codes scan', async () => {
  const desk = await browser.newContext({ bypassCSP: true });
  const admin = await desk.newPage();
  await signIn(admin);
  await admin.getByRole('link', { name: 'ข้อมูลการติดต่อ' }).click();
  await admin.getByLabel('ที่อยู่').fill('เลขที่ 99 หมู่ 1 ตำบลนาหม่อม\nอำเภอนาหม่อม จังหวัดสงขลา 90310');
  await admin.getByLabel('โทรศัพท์', { exact: true }).fill('0 7430 0000 ต่อ 101');
  await admin.getByLabel('ไลน์ทางการ (LINE Official Account)').fill('namom');
  await admin.getByLabel('เว็บไซต์', { exact: true }).fill('https://www.namom.go.th');
  await admin.getByLabel('ชื่อ-สกุล คนที่ 1').fill('นายสมชาย ใจดี');
  await admin.getByLabel('ตำแหน่ง คนที่ 1').fill('นายก อบต.');
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  assert.match(await admin.getByRole('alert').innerText(), /@/, 'a LINE ID without @ is refused, saying how to write it');
  assert.equal(await admin.getByLabel('เว็บไซต์', { exact: true }).inputValue(), 'https://www.namom.go.th', 'what was typed stays');
  await admin.getByLabel('ไลน์ทางการ (LINE Official Account)').fill('@namom');
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  assert.equal(await admin.getByRole('alert').count(), 0);
  assert.match(await admin.getByRole('status').innerText(), /บันทึกเรียบร้อยแล้ว/);
  assert.deepEqual(await axeViolations(admin), [], '/admin/contact');
  await desk.close();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, bypassCSP: true });
  const citizen = await phone.newPage();
  await citizen.goto(server.base + '/');
  await citizen.locator('.public-menu summary', { hasText: 'ติดต่อ' }).click();
  await citizen.getByRole('link', { name: 'ข้อมูลการติดต่อ' }).click();
  const main = await citizen.locator('main').innerText();
  assert.match(main, /อำเภอนาหม่อม จังหวัดสงขลา 90310/);
  assert.match(main, /นายสมชาย ใจดี · นายก อบต\./);
  assert.equal(await citizen.getByRole('link', { name: '0 7430 0000 ต่อ 101' }).first().getAttribute('href'), 'tel:074300000,101');
  assert.equal(await citizen.getByRole('link', { name: '@namom' }).getAttribute('href'), 'https://line.me/R/ti/p/@namom');
  assert.equal(await citizen.getByRole('img', { name: /ไลน์ทางการ/ }).count(), 1, 'each QR code has a name');
  assert.ok(await citizen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 360 px');
  assert.deepEqual(await axeViolations(citizen), [], '/contact');
  await phone.close();

  // The poster as printed: every code on it scans to its link.
  const a4 = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const poster = await a4.newPage();
  await poster.goto(server.base + '/contact/poster');
  await poster.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(join(tmpdir(), 'prongsai-poster-'));
  try {
    await poster.screenshot({ path: join(dir, 'poster.png'), fullPage: true });
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'poster.png')]).toString().trim().split('\n').sort();
    assert.deepEqual(decoded, ['https://line.me/R/ti/p/@namom', 'https://www.namom.go.th', 'tel:074300000,101']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await a4.close();
});

test('an admin signs in and out', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'th-TH' });
  const page = await context.newPage();
  await signIn(page);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /สวัสดี/);
  assert.match(await page.locator('main').innerText(), /ปีงบประมาณ พ\.ศ\. \d{4}/);
  await page.getByRole('link', { name: 'ผู้ใช้งาน' }).click();
  assert.match(await page.locator('main').innerText(), /staff@example\.org/);
  if (shots) await page.screenshot({ path: `${shots}/users-desktop.png`, fullPage: true });
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(server.base + '/staff');
  assert.match(page.url(), /\/login\?next=\/staff$/);
  await context.close();
});

test('pages pass axe-core (WCAG 2 A/AA) and start with the skip link', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  // The markup does not depend on the database: on PostgreSQL each page is only shown to
  // render (axe on the same HTML twice would cost the suite forty seconds and find nothing new).
  const checkPage = async (path) => {
    const response = await page.goto(server.base + path);
    assert.equal(response.status(), 200, path);
    if (pg) assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, path);
    else assert.deepEqual(await axeViolations(page), [], path);
  };
  for (const path of ['/', '/login', '/news', '/contact', '/qa', '/qa/ask', '/qa/track', '/statistics', '/complaints/new', '/complaints/track',
                      '/search', '/search?q=' + encodeURIComponent('ซื้อ'), '/services', '/services/1', '/services/2', '/services/5',
                      '/services/6', '/track']) {
    await checkPage(path);
  }
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await signIn(page);
  for (const path of ['/staff', '/account', '/admin/users', '/admin/users/new', '/admin/units', '/admin/framework/2566', '/admin/audit',
                      '/measures/plans', '/measures/plans/2566', '/measures/plans/2566/dashboard',
                      '/measures/issues/1/due/2022-10-31', '/measures/issues/1/edit', '/measures/plans/2566/edit',
                      '/measures/plans/2566/issues/new', '/disclosure', '/disclosure/2566', '/disclosure/2566/O21',
                      '/complaints/inbox', '/complaints/cases/new', '/news/manage', '/news/manage/new', '/admin/contact',
                      '/qa/manage', '/qa/manage/new', '/qa/summary', '/admin/services',
                      '/admin/holidays?year=2567', '/requests', '/requests/new', '/requests/new?service=2',
                      '/admin/services/2', '/admin/services/2/fields/problem', '/admin/services/2/fields/photo',
                      '/admin/services/2/fields/pole', '/services/statistics', '/surveys/estimate',
                      '/surveys/proposals?year=2566', '/calendar', '/calendar?year=2566', '/calendar/feeds', '/calendar/mail',
                      '/admin/mail', '/executive', '/executive?year=2566', '/measures/plans/2567/issues/new?item=E8']) {
    await checkPage(path);
  }
  await context.close();
});

test('an executive reads the executive view and the calendar on a phone', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const page = await phone.newPage();
  await signIn(page, 'executive@example.org');
  await page.goto(server.base + '/executive?year=2566');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'ภาพรวมสำหรับผู้บริหาร ปีงบประมาณ 2566');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits 360 px');
  assert.deepEqual(await axeViolations(page), [], '/executive at 360 px');
  await page.goto(server.base + '/calendar');
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^ปฏิทินกำหนดการ ปีงบประมาณ \d{4}$/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the calendar fits 360 px');
  await phone.close();
});

test('at 360 px nothing scrolls sideways and the login works', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.goto(server.base + '/');
  assert.ok(await fits(), 'home');
  if (shots) await page.screenshot({ path: `${shots}/home-360.png`, fullPage: true });
  await signIn(page);
  for (const path of ['/staff', '/account', '/admin/users/new', '/admin/units', '/measures/plans', '/measures/plans/2566']) {
    await page.goto(server.base + path);
    assert.ok(await fits(), path);
  }
  if (shots) await page.screenshot({ path: `${shots}/units-360.png`, fullPage: true });
  await context.close();
});
