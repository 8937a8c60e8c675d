// LINE on the real server, with a loopback server playing the LINE Messaging API: the admin
// sets the official account up, the webhook refuses what LINE did not sign (or signed long
// ago, or sent before), an officer links their LINE account with a code, a citizen who came
// from the chat files a complaint and is told there (their code once, then each status change
// once), the officer hears of the new complaint by LINE, and the corruption form never offers
// LINE. The outbox is worked by `prongsai mail`, as cron or the server's minute would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { binary, startServer, runSql } from '../support/server.mjs';
import { cookieJar, csrfOf, get, post, signIn } from '../support/client.mjs';

const secret = '0123456789abcdef0123456789abcdef';
const token = 'long-lived-channel-access-token-0123456789ABCDEFGHIJ';

// The LINE API as a loopback server: every call kept; `down` answers the next calls 500.
async function lineApi() {
  const calls = [];
  let down = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      calls.push({ path: req.url, headers: req.headers, body: JSON.parse(body || '{}') });
      const status = down > 0 ? 500 : 200;
      if (down > 0) down--;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{}' : '{"message":"down"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    calls,
    fail(n) { down = n; },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// A webhook call as LINE makes it.
let events = 0;
function event(type, userId, text) {
  events++;
  const e = { type, mode: 'active', timestamp: Date.now(), source: { type: 'user', userId },
              replyToken: `reply-${events}`, webhookEventId: `01HTEST${process.pid}${events}`,
              deliveryContext: { isRedelivery: false } };
  if (type === 'message') e.message = { type: 'text', id: String(events), text };
  return e;
}
async function webhook(site, eventList, { key = secret, body } = {}) {
  const text = body ?? JSON.stringify({ destination: 'Ubot', events: eventList });
  const signature = createHmac('sha256', key).update(text).digest('base64');
  return fetch(site.base + '/line/webhook', {
    method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-line-signature': signature },
  });
}

test('LINE: the webhook is signed, staff link by code, a citizen from the chat is told there once per change', async () => {
  const api = await lineApi();
  const site = await startServer(['--line-api-url', api.url, '--public-url', 'http://www.namom.go.th']);
  const run = promisify(execFile);
  // Exit 1 when a message failed (to be retried): its output all the same.
  const work = () => run(binary, ['mail', '--db', site.db, '--line-api-url', api.url, '--public-url', 'http://www.namom.go.th'])
    .catch((e) => { assert.equal(e.code, 1, e.stderr); return e; });
  try {
    // The admin sets the official account up; the page never shows the secrets again.
    const admin = await signIn(site, 'admin@example.org');
    let page = await (await get(site, '/admin/line', admin)).text();
    assert.match(page, /http:\/\/127\.0\.0\.1:\d+\/line\/webhook/);
    let res = await post(site, '/admin/line', admin, { _csrf: csrfOf(page), secret: 'short', token });
    assert.equal(res.status, 422);
    res = await post(site, '/admin/line', admin, { _csrf: csrfOf(page), secret, token });
    assert.equal(res.status, 303);
    page = await (await get(site, '/admin/line?saved=1', admin)).text();
    assert.ok(!page.includes(secret) && !page.includes(token), 'never shown again');

    // What LINE did not sign, signed long ago, or sent before: 401, nothing done.
    assert.equal((await webhook(site, [event('follow', 'Ucitizen')], { key: 'not the channel secret 0123456789' })).status, 401);
    const old = event('follow', 'Ucitizen');
    old.timestamp -= 3600 * 1000;
    assert.equal((await webhook(site, [old])).status, 401);
    const unsigned = await fetch(site.base + '/line/webhook', { method: 'POST', body: '{"events":[]}', headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 401);
    assert.equal(api.calls.length, 0, 'nothing was answered');
    assert.doesNotMatch(site.log(), /Ucitizen/, 'the log holds no content of a refused call');
    // LINE's console checks the address with a call that has no events.
    assert.equal((await webhook(site, [])).status, 200);

    // A citizen writes: the answer is the forms, each behind a start link that stands for them.
    const hello = event('message', 'Ucitizen', 'สวัสดีครับ');
    assert.equal((await webhook(site, [hello])).status, 200);
    assert.equal((await webhook(site, [hello])).status, 401, 'replayed');
    const menu = api.calls.find((c) => c.path === '/v2/bot/message/reply');
    assert.equal(menu.headers.authorization, `Bearer ${token}`);
    assert.equal(menu.body.replyToken, hello.replyToken);
    const text = menu.body.messages[0].text;
    // Links on the host LINE called: the agency's own.
    const start = text.match(new RegExp(`${site.base}(/line/start/[A-Za-z0-9_-]+)\\?to=/complaints/new\n`));
    assert.ok(start, text);
    assert.match(text, /\/complaints\/new\?channel=corruption$/, 'the corruption channel without a start link');

    // An officer links their LINE account with a code sent in the chat.
    const officer = await signIn(site, 'complaints@example.org');
    page = await (await get(site, '/account/line', officer)).text();
    page = await (await post(site, '/account/line/code', officer, { _csrf: csrfOf(page) })).text();
    const code = page.match(/class="receipt-code" lang="en"><strong>([0-9A-Z-]+)</)[1];
    assert.equal((await webhook(site, [event('message', 'Uofficer', code)])).status, 200);
    assert.match(api.calls.at(-1).body.messages[0].text, /เชื่อมบัญชี LINE นี้กับบัญชีของ/);
    assert.match(await (await get(site, '/account/line', officer)).text(), /เชื่อมบัญชี LINE แล้วเมื่อ/);

    // The citizen follows the start link: the complaint form offers LINE; the corruption form does not.
    const citizen = cookieJar();
    res = await get(site, `${start[1]}?to=/complaints/new`, citizen);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/complaints/new');
    assert.match(res.headers.getSetCookie().join('\n'), /^prongsai_line=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=86400$/m);
    let form = await (await get(site, '/complaints/new', citizen)).text();
    assert.match(form, /name="notify" value="line"/);
    assert.doesNotMatch(await (await get(site, '/complaints/new?channel=corruption', citizen)).text(), /value="line"/);
    assert.doesNotMatch(await (await get(site, '/complaints/new', cookieJar())).text(), /value="line"/, 'not for one who did not come from the chat');
    res = await post(site, '/complaints/new', citizen, {
      _csrf: csrfOf(form), channel: 'complaint', topic: 'complaint', website: '', anonymous: '1',
      subject: 'ท่อระบายน้ำอุดตัน', details: 'น้ำท่วมขังหน้าตลาดทุกครั้งที่ฝนตก', notify: 'line',
    });
    assert.equal(res.status, 200);
    const receipt = (await res.text()).match(/class="receipt-code"[^>]*>\s*<strong>([0-9A-Z-]{23})/)[1];
    const caseId = runSql(site.db, "SELECT MAX(id) FROM cases").trim();

    // The outbox: the code goes back to the citizen's chat, the officer hears of new work.
    api.fail(1);  // LINE is down for the first push: retried later with the same key
    const out = await work();
    assert.match(out.stdout, /queued \d+ reminder, \d+ digest and [1-9]\d* alert messages; sent \d+, failed 1/, out.stdout);
    runSql(site.db, 'UPDATE mail_outbox SET next_attempt_at = 0 WHERE sent_at IS NULL');  // the retry's time has come
    await work();
    const pushes = () => api.calls.filter((c) => c.path === '/v2/bot/message/push');
    assert.ok(pushes().some((c) => c.body.to === 'Ucitizen' && c.body.messages[0].text.includes(receipt)), 'the code, in the chat');
    const toOfficer = pushes().filter((c) => c.body.to === 'Uofficer');
    assert.ok(toOfficer.some((c) => c.body.messages[0].text.includes(`เรื่องร้องเรียน #${caseId}`)), JSON.stringify(toOfficer));
    assert.ok(toOfficer.every((c) => !c.body.messages[0].text.includes('ท่อระบายน้ำ')), 'never what the citizen wrote');
    assert.match(runSql(site.db, "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'citizen' AND sent_at IS NOT NULL AND (to_addr <> '' OR body <> '')"), /^0\s*$/,
                 'a sent citizen message keeps neither whom it went to nor what it said');

    // Each status change, once.
    const before = pushes().filter((c) => c.body.to === 'Ucitizen').length;
    let casePage = await (await get(site, `/complaints/cases/${caseId}`, officer)).text();
    res = await post(site, `/complaints/cases/${caseId}/status`, officer, { _csrf: csrfOf(casePage), status: 'reviewing', note: '' });
    assert.equal(res.status, 303);
    await work();
    await work();
    const told = pushes().filter((c) => c.body.to === 'Ucitizen').slice(before);
    assert.equal(told.length, 1, JSON.stringify(told));
    assert.match(told[0].body.messages[0].text, /อยู่ระหว่างพิจารณา/);
    assert.ok(!told[0].body.messages[0].text.includes(receipt), 'a status message never holds the code');
    // The first push that failed was retried with the key it was first sent with.
    const keys = pushes().map((c) => c.headers['x-line-retry-key']);
    assert.equal(new Set(keys).size, keys.length - 1, 'one key sent twice: the retry');

    // The admin's log names the channel and hides the citizen.
    const log = await (await get(site, '/admin/mail', admin)).text();
    assert.match(log, /<td>LINE<\/td>/);
    assert.doesNotMatch(log, /Ucitizen/);
  } finally {
    await site.stop();
    await api.close();
  }
});
