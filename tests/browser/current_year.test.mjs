// The demo's current fiscal year (FY2570, framework provisional) as a person sees it on a phone:
// the public OIT and measures pages, the executive view with its level, the estimate, the
// calendar, and a year with no framework yet, each at 360 px with nothing for axe to find.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser, axeViolations } from '../support/browser.mjs';
import { binary, initDatabase, startServer } from '../support/server.mjs';

let server;
let browser;
before(async () => {
  const database = initDatabase();
  // Filled up to a fixed day of FY2570, so that the test reads the same on any later day.
  execFileSync(binary, ['demo', '--as-of', '2026-12-05', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function check(page, path) {
  const res = await page.goto(server.base + path);
  assert.equal(res.status(), 200, path);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, `${path} scrolls sideways`);
  assert.deepEqual(await axeViolations(page), [], path);
  return page.locator('main').innerText();
}

test('the demo agency lives in FY2570 on a phone', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const page = await context.newPage();
  // Public: the year's OIT page says its framework is a draft, item by item under 2569's numbering.
  const ita = await check(page, '/ita/2570');
  assert.match(ita, /ร่าง — รอคู่มือ ITA 2570 ของ ป\.ป\.ช\./);
  assert.match(ita, /O25\s+การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร/);
  // The approved plan, named as ITA 2570's (2569's numbering) plan item.
  const measures = await check(page, '/measures/2570');
  assert.match(measures, /มาตรการส่งเสริมคุณธรรมและความโปร่งใส \(O25\)/);
  assert.ok(await page.locator('article.issue').count() >= 3);
  // A year with no framework yet says so, and is not a dead end.
  const none = await check(page, '/ita/2571');
  assert.match(none, /ยังไม่มีเกณฑ์การประเมิน ITA ของปีนี้/);

  await page.goto(server.base + '/login');
  await page.getByLabel('อีเมล').fill('admin@example.org');
  await page.getByLabel('รหัสผ่าน').fill(server.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL('**/staff');
  const executive = await check(page, '/executive?year=2570');
  assert.match(executive, /ระดับผลการประเมิน (ผ่านดีเยี่ยม|ผ่านดี|ผ่าน|ต้องปรับปรุง|ต้องปรับปรุงโดยด่วน)/);
  assert.match(executive, /ร่าง — รอคู่มือ ITA 2570/);
  const estimate = await check(page, '/surveys/estimate?year=2570');
  assert.match(estimate, /IIT[\s\S]*EIT[\s\S]*OIT/);
  assert.match(estimate, /ระดับผลการประเมิน/);
  await check(page, '/calendar?year=2570');
  await check(page, '/disclosure/2570');
  const plan = await check(page, '/measures/plans/2570');
  assert.match(plan, /ITA 2569/);
  // The admin meets the missing year with the way to the framework pages.
  const missing = await check(page, '/ita/2571');
  assert.match(missing, /ไปที่หน้าเกณฑ์การประเมิน/);
  // From there, next year's framework starts as a draft of this year's, in the workshop.
  await check(page, '/admin/framework');
  await page.getByRole('button', { name: 'เริ่มร่างเกณฑ์ 2571' }).click();
  await page.waitForURL('**/admin/framework/2571/draft');
  const draft = await check(page, '/admin/framework/2571/draft');
  assert.match(draft, /ร่างนี้ผ่านการตรวจแล้ว/);
  await page.getByText(/^O25 /).click();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'an open item form fits');
  assert.deepEqual(await axeViolations(page), [], 'the draft with an item open');
  await context.close();
});
