// The agency's main website as people use it: a citizen on a 360 px phone with JavaScript off
// lands from a news link shared in LINE, goes home by the breadcrumbs, reaches this year's ITA
// page through the menu, enlarges the text, files a request and reads the privacy notice; the same walk by keyboard
// alone, from the skip link to a complaint's receipt, and from the privacy notice to a request
// about one's own data and a question; the admin's look at 360 and 1280 px, a
// colour refused for its contrast and mourning switched on and off. axe finds nothing on any
// page visited; the privacy and cookie notices read on the phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launchBrowser, axeViolations } from '../support/browser.mjs';
import { binary, initDatabase, startServer } from '../support/server.mjs';

let server;
let browser;
const shots = process.env.PRONGSAI_SCREENSHOTS;
before(async () => {
  const database = initDatabase();
  execFileSync(binary, ['demo', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const today = new Date(Date.now() + 7 * 3600 * 1000);
const fy = today.getUTCFullYear() + 543 + (today.getUTCMonth() >= 9 ? 1 : 0);
const iso = (d) => d.toISOString().slice(0, 10);
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

// axe needs its script in the page: each page the no-script walk saw, again with scripts on.
async function axeClean(paths, viewport = phone) {
  const context = await browser.newContext({ ...viewport, bypassCSP: true });
  const page = await context.newPage();
  for (const path of paths) {
    await page.goto(server.base + path);
    assert.deepEqual(await axeViolations(page), [], path);
  }
  await context.close();
}

// The keyboard's focus: where it is, and Tab until it reaches what `wanted` says (at most `limit` stops).
function keyboard(page) {
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e.tagName.toLowerCase(), id: e.id, type: e.type || '', value: e.value || '', checked: !!e.checked,
             text: (e.innerText || '').trim(), outline: getComputedStyle(e).outlineStyle };
  });
  const tabTo = async (wanted, limit = 80) => {
    let f;
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      if (wanted(f)) return f;
    }
    assert.fail(`no focus stop matched after ${limit} tabs (last: ${JSON.stringify(f)})`);
  };
  return { focused, tabTo };
}

test('a citizen on a phone without JavaScript: a shared post, home, this year\'s ITA, larger text, a request', async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  const seen = [];
  const at = async () => {
    const path = new URL(page.url()).pathname + new URL(page.url()).search;
    seen.push(path);
    assert.ok(await fits(page), `${path} scrolls sideways`);
    return path;
  };
  // Someone shared a post in a LINE group: the link opens the post.
  const home = await (await fetch(server.base + '/')).text();
  const post = home.match(/<a href="(\/news\/\d+)" class="news-card-title">/)[1];
  await page.goto(server.base + post);
  await at();
  assert.equal(await page.locator('meta[property="og:url"]').getAttribute('content'), server.base + post);
  await page.getByRole('navigation', { name: 'คุณอยู่ที่' }).getByRole('link', { name: 'หน้าแรก' }).click();
  assert.equal(await at(), '/');
  if (shots) await page.screenshot({ path: `${shots}/website-home-360.png`, fullPage: true });
  // The menu opens without a script.
  await page.locator('.public-menu summary', { hasText: 'ITA/OIT' }).click();
  await page.getByRole('link', { name: 'การประเมิน ITA และข้อมูล OIT' }).click();
  assert.equal(await at(), '/ita');
  await page.locator('.year-current').getByRole('link').click();
  assert.equal(await at(), `/ita/${fy}`);
  assert.match(await page.locator('h1').innerText(), new RegExp(`ปีงบประมาณ พ\\.ศ\\. ${fy}`));
  // Larger text, by a link: the page comes back larger.
  const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(await size(), '16px');
  await page.getByRole('link', { name: 'ตัวอักษรใหญ่', exact: true }).click();
  assert.equal(await at(), `/ita/${fy}`);
  assert.equal(await size(), '18px');
  assert.ok(await fits(page), 'larger text still fits');
  await page.getByRole('link', { name: 'ขนาดตัวอักษรปกติ' }).click();
  assert.equal(await size(), '16px');
  // Home again by the name in the header, then a service from the home page.
  await page.locator('.brand').click();
  await page.getByRole('link', { name: 'ขอข้อมูลข่าวสารของราชการ' }).click();
  const form = await at();
  assert.match(form, /^\/services\/\d+$/);
  await page.getByLabel(/ข้อมูลข่าวสารที่ต้องการ/).fill('ผลการประเมิน ITA ปีที่แล้วและแผนมาตรการ');
  await page.getByLabel('การศึกษา').check();
  await page.getByLabel('ขอตรวจดู').check();
  await page.getByLabel('ชื่อ-นามสกุล').fill('นางสาวสมใจ ใฝ่รู้');
  await page.getByLabel('โทรศัพท์', { exact: true }).fill('081 234 5678');
  await page.getByRole('button', { name: 'ยื่นคำขอ' }).click();
  assert.match(await page.getByRole('status').innerText(), /ได้รับคำขอของท่านแล้ว/);
  assert.ok(await fits(page), 'the receipt fits');
  // What happens to what was sent: the privacy notice, from the foot of the page.
  await page.getByRole('navigation', { name: 'เกี่ยวกับเว็บไซต์' }).getByRole('link', { name: 'ประกาศความเป็นส่วนตัว' }).click();
  assert.equal(await at(), '/privacy');
  const notice = await page.locator('main').innerText();
  assert.match(notice, /คำขอรับบริการออนไลน์ \(E-Service\)[\s\S]*ระยะเวลาเก็บ\s*เก็บไว้ \d+ วันหลังปิดเรื่อง/);
  await page.getByRole('link', { name: 'นโยบายคุกกี้' }).first().click();
  assert.equal(await at(), '/cookies');
  await context.close();
  await axeClean([...seen, '/policy/website', '/policy/security', '/accessibility', '/sitemap']);
  await axeClean(['/', '/sitemap', '/accessibility', `/ita/${fy}`, '/privacy', '/cookies'], { viewport: { width: 1280, height: 900 } });
});

test('by keyboard alone: the skip link, the menu, and a complaint filed to its receipt', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  const { focused, tabTo } = keyboard(page);
  await page.keyboard.press('Tab');
  let f = await focused();
  assert.equal(f.text, 'ข้ามไปยังเนื้อหาหลัก', 'the first stop skips to the content');
  assert.notEqual(f.outline, 'none', 'and shows where the focus is');
  await page.keyboard.press('Enter');
  assert.equal((await focused()).id, 'main');
  // Back to the top and through the header to the menu.
  await page.goto(server.base + '/');
  f = await tabTo((x) => x.tag === 'summary' && x.text === 'ร้องเรียน');
  assert.notEqual(f.outline, 'none');
  await page.keyboard.press('Enter');
  await tabTo((x) => x.tag === 'a' && x.text === 'ร้องเรียน/เสนอแนะ', 1);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/complaints\/new$/);
  await tabTo((x) => x.id === 'subject');
  await page.keyboard.type('ไฟถนนดับหน้าโรงเรียน');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'details', 'the details come next');
  await page.keyboard.type('ไฟถนนหน้าโรงเรียนบ้านนาดับมาสามคืน');
  await tabTo((x) => x.tag === 'button' && /ส่ง/.test(x.text));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.receipt-code');
  assert.match((await page.locator('.receipt-code').innerText()).trim(), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  await context.close();
});

test('by keyboard alone: a request about one\'s own data from the privacy notice, then a question from the menu', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const { focused, tabTo } = keyboard(page);
  let f;
  await page.goto(server.base + '/privacy');
  await tabTo((x) => x.tag === 'a' && x.text === 'ยื่นคำขอใช้สิทธิทางออนไลน์');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/services\/\d+$/);
  // Seven rights: a list to choose from, by the arrow keys.
  f = await tabTo((x) => x.id === 'f-right');
  assert.notEqual(f.outline, 'none', 'the focus shows');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused()).value, 'correct');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'f-which', 'which data comes next');
  await page.keyboard.type('คำขอรับเบี้ยยังชีพผู้สูงอายุ ปี 2569');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'f-detail');
  await page.keyboard.type('นามสกุลสะกดผิด ที่ถูกคือ มีสุข');
  await tabTo((x) => x.id === 'contact_name', 3);
  await page.keyboard.type('นางสมศรี มีสุข');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'contact_email');
  await page.keyboard.type('somsri@example.org');
  await tabTo((x) => x.tag === 'button' && x.text === 'ยื่นคำขอ', 3);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.receipt-code');
  assert.match(await page.getByRole('status').innerText(), /ได้รับคำขอของท่านแล้ว/);
  // A question to the agency, through the menu.
  await page.goto(server.base + '/');
  await tabTo((x) => x.tag === 'summary' && x.text === 'ติดต่อ');
  await page.keyboard.press('Enter');
  await tabTo((x) => x.tag === 'a' && x.text === 'ส่งคำถาม', 4);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/qa\/ask$/);
  await tabTo((x) => x.id === 'question');
  await page.keyboard.type('ศูนย์พัฒนาเด็กเล็กรับสมัครเด็กเมื่อใด');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'asker', 'the name comes next, the trap for robots is skipped');
  await tabTo((x) => x.tag === 'button' && x.text === 'ส่งคำถาม', 2);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.receipt-code');
  assert.match((await page.locator('.receipt-code').innerText()).trim(), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  await context.close();
});

test('the admin sets the look at 360 and 1280 px: a colour refused for its contrast, an SVG emblem, mourning on and off', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(server.base + '/login');
    await page.getByLabel('อีเมล').fill('admin@example.org');
    await page.getByLabel('รหัสผ่าน').fill(server.password);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL('**/staff');
    await page.goto(server.base + '/admin/website');
    assert.deepEqual(await axeViolations(page), [], `/admin/website at ${viewport.width}`);
    assert.ok(await fits(page), `/admin/website fits ${viewport.width}`);
    await page.locator('#colour').fill('#ffcc00');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    assert.match(await page.getByRole('alert').innerText(), /4\.5:1[\s\S]*\(1\.39:1\)/);
    assert.equal(await page.locator('#colour').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await axeViolations(page), [], 'the refused form');
    await page.locator('#colour').fill('#5b2a86');
    if (viewport.width === 360) {
      // A drawn emblem, as Inkscape saves one (an ellipse in a ring); kept for the wider screen too.
      const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="64" height="64" viewBox="0 0 64 64" inkscape:version="1.2"><circle cx="32" cy="32" r="28" fill="#c9a227"/><ellipse cx="32" cy="32" rx="12" ry="18" fill="#5b2a86"/></svg>';
      await page.locator('#emblem').setInputFiles({ name: 'ตรา.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    }
    await page.getByLabel('ตั้งแต่วันที่').fill(iso(today));
    await page.getByLabel('ถึงวันที่').first().fill(iso(new Date(today.getTime() + 7 * 24 * 3600 * 1000)));
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.waitForURL('**/admin/website?saved=1');
    assert.match(await page.getByRole('note').first().innerText(), /ไว้ทุกข์/);
    await page.goto(server.base + '/');
    const look = () => page.evaluate(() => ({
      filter: getComputedStyle(document.documentElement).filter,
      ribbon: getComputedStyle(document.body, '::before').backgroundImage,
      header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    }));
    let seen = await look();
    assert.equal(seen.filter, 'grayscale(1)');
    assert.match(seen.ribbon, /\/assets\/ribbon\.svg/);
    assert.equal(seen.header, 'rgb(91, 42, 134)', 'the chosen colour');
    const emblem = await page.locator('.brand-emblem').evaluate((img) => ({ src: img.getAttribute('src'), drawn: img.complete && img.naturalWidth > 0 }));
    assert.ok(emblem.drawn, `the SVG emblem ${emblem.src} is drawn`);
    if (shots) await page.screenshot({ path: `${shots}/website-mourning-${viewport.width}.png` });
    assert.deepEqual(await axeViolations(page), [], 'the home page in mourning');
    await page.goto(server.base + '/admin/website');
    await page.getByLabel('ตั้งแต่วันที่').fill('');
    await page.getByLabel('ถึงวันที่').first().fill('');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.waitForURL('**/admin/website?saved=1');
    await page.goto(server.base + '/');
    seen = await look();
    assert.equal(seen.filter, 'none', 'mourning off');
    assert.equal(seen.ribbon, 'none');
    if (shots) await page.screenshot({ path: `${shots}/website-home-${viewport.width}.png` });
    await context.close();
  }
});
