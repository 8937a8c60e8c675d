// LINE as its people use it (a loopback server plays the LINE API): the admin sets the official
// account up at 1280 px; an officer on a phone makes a link code, sends it in the chat and then
// chooses LINE for their alerts; a citizen who came from the chat files a complaint on a phone
// without JavaScript and asks to be told by LINE. Nothing for axe to find on any page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { launchBrowser, fits, signIn as signInOn } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const secret = '0123456789abcdef0123456789abcdef';
let server;
let browser;
let api;
const replies = [];
before(async () => {
  api = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (req.url === '/v2/bot/message/reply') replies.push(JSON.parse(body).messages[0].text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
  server = await startServer(['--line-api-url', `http://127.0.0.1:${api.address().port}`]);
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  if (api) await new Promise((resolve) => api.close(resolve));
});

async function signIn(context, email) {
  const page = await context.newPage();
  await signInOn(page, server, email);
  return page;
}
// A message in the chat, as LINE delivers it to the webhook.
let events = 0;
async function say(userId, text) {
  events++;
  const body = JSON.stringify({ destination: 'Ubot', events: [{
    type: 'message', mode: 'active', timestamp: Date.now(), source: { type: 'user', userId },
    replyToken: `r${events}`, webhookEventId: `01HBROWSER${events}`, message: { type: 'text', id: `${events}`, text } }] });
  const res = await fetch(server.base + '/line/webhook', { method: 'POST', body, headers: {
    'content-type': 'application/json', 'x-line-signature': createHmac('sha256', secret).update(body).digest('base64') } });
  assert.equal(res.status, 200);
}

test('the admin sets the official account up; an officer links LINE on a phone and chooses it', async () => {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const admin = await signIn(desk, 'admin@example.org');
  await admin.goto(server.base + '/admin/line');
  await fits(admin, 1280, 'the LINE setup');
  await admin.getByLabel('Channel secret').fill('not a secret');
  await admin.getByLabel('Channel access token (long-lived)').fill('x'.repeat(40));
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  assert.match(await admin.locator('.field-error').first().innerText(), /Channel secret ไม่ถูกต้อง/);
  await fits(admin, 1280, 'the LINE setup refused');
  await admin.getByLabel('Channel secret').fill(secret);
  await admin.getByLabel('Channel access token (long-lived)').fill('long-lived-token-'.padEnd(60, 'x'));
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  await admin.waitForURL('**/admin/line?saved=1');
  assert.match(await admin.locator('main').innerText(), /บันทึกการตั้งค่า LINE แล้ว[\s\S]*เชื่อมแล้ว/);
  await desk.close();

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const officer = await signIn(phone, 'complaints@example.org');
  await officer.goto(server.base + '/account');
  await officer.getByRole('link', { name: 'เชื่อมบัญชี LINE' }).click();
  await officer.getByRole('button', { name: 'สร้างรหัสเชื่อมบัญชี' }).click();
  const code = (await officer.locator('.receipt-code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await fits(officer, 360, 'the link code');
  await say('Uofficer', code);
  assert.match(replies.at(-1), /เชื่อมบัญชี LINE นี้กับบัญชีของ/);
  await officer.goto(server.base + '/account/line');
  assert.match(await officer.locator('main').innerText(), /เชื่อมบัญชี LINE แล้วเมื่อ/);
  await officer.getByRole('link', { name: 'เลือกการแจ้งเตือนที่ต้องการรับ' }).click();
  assert.ok(await officer.getByLabel('ทาง LINE').isChecked(), 'LINE is on once linked');
  assert.match(await officer.locator('main').innerText(), /เชื่อมบัญชี LINE ไว้แล้ว/);
  await fits(officer, 360, 'the alert choices');
  await phone.close();
});

test('a citizen from the chat files a complaint on a phone without JavaScript and asks to be told by LINE', async () => {
  await say('Ucitizen', 'สวัสดีครับ');
  const start = replies.at(-1).match(/(\/line\/start\/[A-Za-z0-9_-]+\?to=\/complaints\/new)\n/)[1];
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true,
                                             javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + start);
  await page.waitForURL('**/complaints/new');
  await page.getByLabel('เรื่อง', { exact: true }).fill('ไฟฟ้าส่องทางดับ');
  await page.getByLabel('รายละเอียด').fill('ไฟดับทั้งซอยมาสามคืน');
  await page.getByLabel('ไม่ประสงค์ออกนาม (ไม่บันทึกชื่อและช่องทางติดต่อ)').check();
  await page.getByLabel('ทาง LINE ที่ท่านใช้ทักหน่วยงานมา').check();
  await fits(page, 360, 'the complaint form', { axe: false });
  await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
  assert.match(await page.locator('.receipt-code').innerText(), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  await context.close();
  // The form as a phone with scripts sees it, for axe, with the LINE choice on it.
  const scripted = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, bypassCSP: true });
  const phone = await scripted.newPage();
  await phone.goto(server.base + start);
  await phone.waitForURL('**/complaints/new');
  assert.ok(await phone.getByLabel('ทาง LINE ที่ท่านใช้ทักหน่วยงานมา').isVisible());
  await fits(phone, 360, 'the complaint form');
  await scripted.close();
});
