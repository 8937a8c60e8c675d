// Procurement as its people use it: the พัสดุ officer records a purchase at 1280 px, choosing
// its winner announcement from the library, and sees where each month's summary stands; a
// citizen on a phone, without JavaScript, goes from the procurement page to the year's
// announcements and opens one. Nothing for axe to find on any page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser, fits, signIn } from '../support/browser.mjs';
import { binary, initDatabase, startServer } from '../support/server.mjs';

let server;
let browser;
before(async () => {
  const database = initDatabase();
  // FY2570's third month: October's purchases (one by e-bidding, with its invitation and winner
  // announcement in the library) and October's and November's summaries published.
  execFileSync(binary, ['demo', '--as-of', '2026-12-05', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the officer records a purchase with its winner announcement from the library', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, server, 'supplies@example.org');
  await page.goto(server.base + '/procurement/manage?year=2570');
  await fits(page, 1280, 'the register');
  assert.match(await page.locator('#month-2026-10').innerText(), /ตุลาคม 2569[\s\S]*เผยแพร่แล้ว/);

  await page.getByRole('link', { name: 'เพิ่มรายการจัดซื้อจัดจ้าง' }).click();
  await page.getByLabel('ชื่อรายการ').fill('จ้างก่อสร้างรางระบายน้ำ หมู่ที่ 3');
  await page.getByLabel('วิธีการจัดซื้อจัดจ้าง').selectOption('e_bidding');
  await page.getByLabel('สถานะการจัดซื้อจัดจ้าง').selectOption('contracted');
  await page.getByLabel('ราคาที่ตกลงซื้อหรือจ้าง (บาท)').fill('1,250,000');
  await page.getByLabel('ผู้เสนอราคา 1', { exact: true }).fill('หจก.นาหม่อมก่อสร้าง');
  const winner = page.getByLabel('เอกสาร 1', { exact: true });
  const choice = await winner.locator('option', { hasText: 'ประกาศผลผู้ชนะการเสนอราคา' }).first().getAttribute('value');
  await winner.selectOption(choice);
  await page.getByLabel('เป็นเอกสาร 1', { exact: true }).selectOption('winner');
  await fits(page, 1280, 'the purchase form');
  await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await page.waitForURL(/\/procurement\/manage\/\d+\?saved=1$/);
  assert.match(await page.locator('main').innerText(), /บันทึกเรียบร้อยแล้ว/);
  assert.equal(await page.getByLabel('เอกสาร 1', { exact: true }).inputValue(), choice);
  assert.equal(await page.getByRole('link', { name: 'ดูเอกสาร 1' }).getAttribute('href'), `/library/${choice}`);
  await fits(page, 1280, 'the saved purchase');
  await context.close();
});

test('a citizen on a phone finds the year\'s announcements without JavaScript', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true,
                                             javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + '/procurement');
  await page.getByRole('link', { name: 'การจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2570' }).click();
  await page.waitForURL('**/procurement/2570');
  await fits(page, 360, 'the year', { axe: false });
  await page.getByRole('link', { name: 'ประกาศเกี่ยวกับการจัดซื้อจัดจ้างของปีนี้' }).click();
  await page.waitForURL('**/procurement/2570/announcements');
  await fits(page, 360, 'the announcements', { axe: false });
  const listed = await page.locator('main').innerText();
  assert.match(listed, /จ้างซ่อมแซมถนนลูกรังภายในหมู่บ้าน \(ข้อมูลตัวอย่าง\)\s+ประกาศเชิญชวน: ประกาศเชิญชวน/);
  assert.match(listed, /จ้างก่อสร้างรางระบายน้ำ หมู่ที่ 3\s+ประกาศผลผู้ชนะการเสนอราคา: /);
  await page.getByRole('link', { name: /^ประกาศเชิญชวน จ้างซ่อมแซมถนน/ }).click();
  await page.waitForURL(/\/library\/\d+$/);
  assert.match(await page.locator('main').innerText(), /\.pdf \(PDF \d+ KB\)/);
  await fits(page, 360, 'the announcement', { axe: false });
  const pages = ['/procurement', '/procurement/2570', '/procurement/2570/announcements', new URL(page.url()).pathname];
  await context.close();
  // The same pages as a phone with scripts sees them, for axe.
  const scripted = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const phone = await scripted.newPage();
  for (const path of pages) {
    await phone.goto(server.base + path);
    await fits(phone, 360, path);
  }
  await scripted.close();
});
