// The outside custodian of the corruption channel, as its people use it: the custodian makes
// its key offline, the admin registers it, an officer confirms it; when the only officer has
// left, a new one asks the custodian for the old cases and reads them. Its own server: the
// officer leaving would disturb the other browser suites.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, axeViolations, signIn as signInOn } from '../support/browser.mjs';
import { binary, startServer } from '../support/server.mjs';

const shots = process.env.PRONGSAI_SCREENSHOTS || '';
if (shots) mkdirSync(shots, { recursive: true });
const quiet = { stdio: ['pipe', 'pipe', 'pipe'] };

let server;
let browser;
let dir;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'prongsai-custodian-'));
});
after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const kPassphrase = 'ระฆังวัดดังสามครั้งตอนเช้า';

const signIn = (page, email, password) => signInOn(page, server, email, password);

test('the custodian keeps the keys of a channel whose only officer left, and gives them to the next officer', async () => {
  // At the provincial office, offline: a key file under a passphrase, and the line to send.
  const keyFile = join(dir, 'custodian-key.json');
  const made = execFileSync(binary, ['custodian', 'keygen', '--name', 'สำนักงาน ป.ป.ช. ประจำจังหวัดสงขลา', '--out', keyFile],
                            { ...quiet, input: kPassphrase + '\n' }).toString();
  const publicKey = made.match(/^prongsai-custodian-1:\S+$/m)[0];
  const fingerprint = made.match(/ลายนิ้วมือกุญแจ[^:]*: ([0-9A-F-]+)/)[1];
  assert.match(fingerprint, /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'the key file is for its owner only');
  const again = spawnSync(binary, ['custodian', 'keygen', '--name', 'x', '--out', keyFile], { input: kPassphrase + '\n' });
  assert.equal(again.status, 1, 'a key file is never written over');
  assert.match(again.stderr.toString(), /จะไม่เขียนทับ/);

  // A complaint arrives.
  const street = await browser.newContext();
  const citizen = await street.newPage();
  await citizen.goto(server.base + '/complaints/new?channel=corruption');
  assert.doesNotMatch(await citizen.locator('main').innerText(), /สำเนากุญแจสำหรับกู้คืน/, 'no custodian, none said');
  await citizen.getByLabel('เรื่อง', { exact: true }).fill('ฮั้วประมูลซ่อมถนน');
  await citizen.getByLabel('รายละเอียด').fill('ผู้เสนอราคาสามรายเป็นเครือญาติกัน ตกลงราคากันก่อนวันยื่นซอง');
  await citizen.getByRole('button', { name: 'ส่งเรื่อง' }).click();
  assert.match(await citizen.getByRole('status').innerText(), /ส่งเรื่องเรียบร้อยแล้ว/);
  await street.close();

  // The admin registers the custodian: it waits, holding nothing.
  const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const admin = await office.newPage();
  await signIn(admin, 'admin@example.org');
  await admin.goto(server.base + '/complaints/inbox');
  await admin.getByLabel('ชื่อผู้เก็บสำเนา').fill('สำนักงาน ป.ป.ช. ประจำจังหวัดสงขลา');
  await admin.getByLabel('กุญแจสาธารณะของผู้เก็บสำเนา').fill('prongsai-custodian-1:bm90IGEga2V5');
  await admin.getByRole('button', { name: 'ลงทะเบียนผู้เก็บสำเนา' }).click();
  assert.match(await admin.getByRole('alert').innerText(), /กุญแจสาธารณะไม่ถูกต้อง/);
  await admin.getByLabel('กุญแจสาธารณะของผู้เก็บสำเนา').fill(publicKey.slice(0, 40) + '\n' + publicKey.slice(40));
  await admin.getByRole('button', { name: 'ลงทะเบียนผู้เก็บสำเนา' }).click();
  let card = await admin.locator('section', { has: admin.getByRole('heading', { name: 'ผู้เก็บสำเนากุญแจภายนอก' }) }).innerText();
  assert.ok(card.includes(fingerprint), 'the fingerprint the custodian was given');
  assert.match(card, /รอเจ้าหน้าที่ผู้ถือกุญแจยืนยัน/);
  assert.deepEqual(await axeViolations(admin), [], 'the inbox with the custodian card');
  if (shots) await admin.screenshot({ path: `${shots}/custodian-admin-1280.png`, fullPage: true });

  // The officer checks the fingerprint by telephone and confirms: the case is sealed to it.
  const desk = await browser.newContext({ bypassCSP: true });
  const officer = await desk.newPage();
  await signIn(officer, 'integrity@example.org');
  await officer.goto(server.base + '/complaints/unlock');
  await officer.getByLabel('รหัสผ่านของท่าน').fill(server.password);
  await officer.getByRole('button', { name: 'ยืนยัน' }).click();
  await officer.goto(server.base + '/complaints/keys');
  assert.match(await officer.locator('main').innerText(), /โทรหาผู้เก็บสำเนาที่หมายเลขที่ท่านรู้จักอยู่แล้ว/);
  await officer.getByRole('button', { name: `ยืนยันผู้เก็บสำเนา ลายนิ้วมือ ${fingerprint}` }).click();
  assert.match(await officer.getByRole('status').first().innerText(), /ผนึกสำเนาให้ผู้เก็บสำเนาแล้ว จำนวนเรื่อง [1-9]/);
  assert.deepEqual(await axeViolations(officer), [], '/complaints/keys with a custodian');
  if (shots) await officer.screenshot({ path: `${shots}/custodian-confirmed.png`, fullPage: true });
  await desk.close();
  const later = await browser.newContext();
  const reader = await later.newPage();
  await reader.goto(server.base + '/complaints/new?channel=corruption');
  assert.match(await reader.locator('#custodian-note').innerText(),
               /สำเนากุญแจสำหรับกู้คืนผนึกไว้ให้ สำนักงาน ป\.ป\.ช\. ประจำจังหวัดสงขลา/, 'the form says who else holds a copy');
  await later.close();
  await admin.goto(server.base + '/complaints/inbox');
  card = await admin.locator('section', { has: admin.getByRole('heading', { name: 'ผู้เก็บสำเนากุญแจภายนอก' }) }).innerText();
  assert.match(card, /ยืนยันโดย\s+เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต \(ตัวอย่าง\)/);

  // The only officer leaves; the admin appoints another by link.
  await admin.goto(server.base + '/admin/users');
  await admin.getByRole('link', { name: 'เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต (ตัวอย่าง)' }).click();
  await admin.getByLabel('ใช้งานได้').uncheck();
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  await admin.goto(server.base + '/admin/users/new');
  await admin.getByLabel('ชื่อ-สกุล').fill('นายวินัย ซื่อตรง');
  await admin.getByLabel('อีเมล').fill('winai@example.org');
  await admin.getByLabel('เจ้าหน้าที่', { exact: true }).uncheck();
  await admin.getByLabel('เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต').check();
  await admin.getByRole('button', { name: 'บันทึก' }).click();
  const link = await admin.getByLabel(/^ลิงก์/).inputValue();
  await office.close();

  // On his phone he sets his password and unlocks: the old case is not his to read yet.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
                                           bypassCSP: true, acceptDownloads: true });
  const winai = await phone.newPage();
  const fits = () => winai.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await winai.goto(link);
  await winai.getByLabel('รหัสผ่านใหม่', { exact: true }).fill('winai-own-passphrase-2570');
  await winai.getByLabel('ยืนยันรหัสผ่านใหม่').fill('winai-own-passphrase-2570');
  await winai.getByRole('button', { name: 'ตั้งรหัสผ่าน' }).click();
  await signIn(winai, 'winai@example.org', 'winai-own-passphrase-2570');
  await winai.goto(server.base + '/complaints/unlock');
  await winai.getByLabel('รหัสผ่านของท่าน').fill('winai-own-passphrase-2570');
  await winai.getByRole('button', { name: 'ยืนยัน' }).click();
  await winai.getByRole('link', { name: 'จดรหัสแล้ว ไปต่อ' }).click();
  const href = await winai.locator('main table a').first().getAttribute('href');
  assert.equal((await winai.goto(server.base + href)).status(), 403);

  // He asks the custodian: a request file, and his key's fingerprint to read out.
  await winai.goto(server.base + '/complaints/keys');
  const page = await winai.locator('main').innerText();
  assert.match(page, /ขอกุญแจคืนจากผู้เก็บสำเนา/);
  const mine = page.match(/ลายนิ้วมือกุญแจของท่าน[^:]*:\s*([0-9A-F-]+)/)[1];
  assert.ok(await fits(), 'the keys page fits 360 px');
  assert.deepEqual(await axeViolations(winai), [], '/complaints/keys asking the custodian');
  if (shots) await winai.screenshot({ path: `${shots}/custodian-ask-360.png`, fullPage: true });
  const [download] = await Promise.all([winai.waitForEvent('download'),
                                        winai.getByRole('button', { name: 'ดาวน์โหลดไฟล์คำขอ' }).click()]);
  const requestFile = join(dir, download.suggestedFilename());
  await download.saveAs(requestFile);
  assert.match(download.suggestedFilename(), /^custodian-request-\d{4}-\d\d-\d\d\.json$/);
  assert.doesNotMatch(readFileSync(requestFile, 'utf8'), /ฮั้วประมูล/, 'the request carries no content');

  // The custodian, offline: without the fingerprint heard, or with a wrong one, no answer.
  const answerFile = join(dir, 'answer.json');
  const unheard = spawnSync(binary, ['custodian', 'answer', '--key', keyFile, '--request', requestFile, '--out', answerFile],
                            { input: kPassphrase + '\n' });
  assert.equal(unheard.status, 2);
  assert.match(unheard.stderr.toString(), /นายวินัย ซื่อตรง/);
  assert.match(unheard.stderr.toString(), /--officer-fingerprint/);
  const misheard = spawnSync(binary, ['custodian', 'answer', '--key', keyFile, '--request', requestFile, '--out', answerFile,
                                      '--officer-fingerprint', '0000-0000-0000-0000-0000'], { input: kPassphrase + '\n' });
  assert.equal(misheard.status, 1);
  assert.match(misheard.stderr.toString(), /ไม่ตรงกับคำขอ/);
  const wrongPassphrase = spawnSync(binary, ['custodian', 'answer', '--key', keyFile, '--request', requestFile,
                                             '--out', answerFile, '--officer-fingerprint', mine], { input: 'ไม่ใช่วลีนี้เลยนะ\n' });
  assert.equal(wrongPassphrase.status, 1);
  assert.match(wrongPassphrase.stderr.toString(), /วลีรหัสผ่านไม่ถูกต้อง/);
  execFileSync(binary, ['custodian', 'answer', '--key', keyFile, '--request', requestFile, '--out', answerFile,
                        '--officer-fingerprint', mine.toLowerCase().replaceAll('-', ' ')], { ...quiet, input: kPassphrase + '\n' });

  // He imports the answer and reads the case.
  await winai.getByLabel('ไฟล์คำตอบของผู้เก็บสำเนา (.json)').setInputFiles(answerFile);
  await winai.getByRole('button', { name: 'นำเข้าคำตอบ' }).click();
  assert.match(await winai.getByRole('status').first().innerText(), /เปิดได้เพิ่ม จำนวนเรื่อง [1-9]/);
  assert.match(await winai.locator('main').innerText(), /รับจากผู้เก็บสำเนากุญแจภายนอก/, 'the grant names the custodian');
  await winai.goto(server.base + href);
  assert.match(await winai.locator('main').innerText(), /ตกลงราคากันก่อนวันยื่นซอง/);
  assert.ok(await fits(), 'the case fits 360 px');
  await phone.close();
});
