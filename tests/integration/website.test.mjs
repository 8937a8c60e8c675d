// The agency's main website over HTTP, on the demo `make run` makes: the home page with every
// module's block, the public menu in the admin's order with breadcrumbs, the look (a colour
// refused for its contrast, the emblem, mourning on and off, the EIT banner in its window), the
// tags a shared link shows, /sitemap.xml valid against the sitemaps.org schema and listing every
// public page, /robots.txt, and the text size chosen without JavaScript (over HTTPS too).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, initDatabase, binary } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { csrfOf, cookieJar } from '../support/client.mjs';

let server, database;
before(async () => {
  database = initDatabase();
  execFileSync(binary, ['demo', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
});
after(async () => {
  if (server) await server.stop();
  rmSync(database.dir, { recursive: true, force: true });
});

const get = (path, jar, headers) => http.get(server, path, jar, headers);
const thai = (d) => new Date(d.getTime() + 7 * 3600 * 1000);
const today = thai(new Date());
const fy = today.getUTCFullYear() + 543 + (today.getUTCMonth() >= 9 ? 1 : 0);
const iso = (d) => d.toISOString().slice(0, 10);
const day = 24 * 3600 * 1000;
// A PNG as a camera writes one: signature, header, a text chunk (GPS), pixels, end.
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type), Buffer.from(data, 'binary'), Buffer.from('CRC!')]);
};
const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), chunk('IHDR', '\x01'.repeat(13)),
                           chunk('tEXt', 'Comment\0GPS 13.7 100.5'), chunk('IDAT', 'pixels'), chunk('IEND', '')]);

// The admin's form sent as the browser sends it (multipart), each field from `fields`, files by field.
async function save(jar, fields, files = {}) {
  const page = await (await get('/admin/website', jar)).text();
  const form = new FormData();
  const defaults = Object.fromEntries(['about', 'news', 'services', 'ita', 'complaints', 'contact'].map((s, i) => [`order_${s}`, String(i + 1)]));
  for (const [k, v] of Object.entries({ _csrf: csrfOf(page), colour: '#0b4f8a', ...defaults, ...fields })) form.append(k, v);
  for (const [name, [bytes, file]] of Object.entries(files))
    form.append(name, new Blob([bytes], { type: file.endsWith('.svg') ? 'image/svg+xml' : 'image/png' }), file);
  const res = await fetch(server.base + '/admin/website', { method: 'POST', redirect: 'manual', headers: { cookie: jar.header() }, body: form });
  jar.take(res);
  return res;
}
const sections = (html) => [...html.matchAll(/<li class="menu-group[^"]*"><details>\s*<summary>([^<]+)<\/summary>/g)].map((m) => m[1]);

test('the home page shows every block, this year\'s ITA, and the menu in its first order', async () => {
  const res = await get('/');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.deepEqual(sections(html), ['ข้อมูลพื้นฐาน', 'ข่าวสาร', 'บริการ', 'ITA/OIT', 'ร้องเรียน', 'ติดต่อ']);
  assert.match(html, /<h1>องค์การบริหารส่วนตำบลนาหม่อม<\/h1>/);
  // News with pictures, newest first; each picture is served as an image.
  const pictures = [...html.matchAll(/<li class="news-card">\s*<img src="(\/news\/\d+\/files\/\d+)"/g)].map((m) => m[1]);
  const posts = (await (await get('/news')).text()).match(/<article class="news-summary">/g).length;
  assert.ok(posts >= 1);
  assert.equal(pictures.length, Math.min(4, posts), 'the latest posts, four at most, each with its picture');
  const picture = await get(pictures[0]);
  assert.equal(picture.headers.get('content-type'), 'image/png');
  // The order of the blocks: news, ITA, services, complaints, contact, executives.
  const order = [...html.matchAll(/<div class="home-block home-block-(\w+)">/g)].map((m) => m[1]);
  assert.deepEqual(order, ['news', 'ita', 'services', 'complaints', 'contact', 'executives']);
  assert.match(html, new RegExp(`<a class="button" href="/ita/${fy}">`), 'the current year\'s ITA');
  assert.match(html, /<li><a href="\/services\/\d+">[^<]+<\/a> <span class="muted">\(ภายใน \d+ วันทำการ\)<\/span><\/li>/);
  assert.match(html, /<a class="button" href="\/complaints\/new">/);
  assert.match(html, /<p class="muted">[^<]+<a href="\/complaints\/new\?channel=corruption">/, 'the corruption channel, quieter');
  assert.match(html, /<strong>เวลาทำการ<\/strong>/);
  assert.match(html, /<section aria-labelledby="home-executives-heading">/);
  assert.doesNotMatch(html, /eit-banner/, 'no EIT banner outside its window');
  // The site's own tags: canonical address and the agency's description.
  assert.match(html, new RegExp(`<link rel="canonical" href="${server.base}/">`));
  assert.match(html, /<meta property="og:description" content="เว็บไซต์หลักของหน่วยงาน/);
  assert.doesNotMatch(html, /class="breadcrumbs"/, 'no trail on the home page');
  // Every year's ITA, the current one marked.
  const ita = await (await get('/ita')).text();
  assert.match(ita, new RegExp(`<li class="year-current"><a href="/ita/${fy}">`));
  assert.match(ita, /<a href="\/ita\/2566">/);
});

test('a shared news post shows its title, words and picture as a card, and the way back through the menu', async () => {
  const home = await (await get('/')).text();
  const href = home.match(/<a href="(\/news\/\d+)" class="news-card-title">([^<]+)<\/a>/);
  const html = await (await get(href[1])).text();
  const url = server.base + href[1];
  assert.match(html, new RegExp(`<meta property="og:title" content="${href[2].replace(/[().]/g, '\\$&')}">`));
  assert.match(html, /<meta property="og:type" content="article">/);
  assert.match(html, /<meta property="og:description" content="ข้อมูลตัวอย่างสำหรับทดลองใช้ระบบ/);
  assert.match(html, new RegExp(`<meta property="og:image" content="${server.base}/news/\\d+/files/\\d+">`));
  assert.match(html, /<meta name="twitter:card" content="summary_large_image">/);
  assert.match(html, new RegExp(`<meta property="og:url" content="${url}">`));
  // Sharing needs no script of theirs: links to their share pages, and the address to copy.
  assert.ok(html.includes(`href="https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(url)}"`));
  assert.ok(html.includes(`href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}"`));
  assert.match(html, new RegExp(`<input id="share-url" type="url" readonly value="${url}">`));
  assert.doesNotMatch(html, /<script[^>]+src="https?:/, 'no third-party script');
  const crumbs = html.match(/<nav class="wrap breadcrumbs" aria-label="คุณอยู่ที่"><ol>([\s\S]*?)<\/ol>/)[1];
  assert.deepEqual([...crumbs.matchAll(/<li>(?:<a href="([^"]*)">|<span[^>]*>)([^<]+)/g)].map((m) => [m[1] || '', m[2]]),
                   [['/', 'หน้าแรก'], ['', 'ข่าวสาร'], ['/news', 'ข่าวประชาสัมพันธ์'], ['', href[2]]]);
  // An answered question and an ITA item carry their own description.
  const item = await (await get(`/ita/${fy}`)).text();
  assert.match(item, /<meta property="og:description" content="การประเมินคุณธรรมและความโปร่งใส/);
});

test('the admin\'s look: a colour too light is refused with its ratio, the emblem and colour show, the menu reorders', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  assert.equal((await get('/admin/website')).status, 303, 'a visitor is sent to sign in');
  const staff = await http.signIn(server, 'staff@example.org');
  assert.equal((await get('/admin/website', staff)).status, 403);
  const before = await (await get('/')).text();  // cached from here on
  let res = await save(admin, { colour: '#ffcc00' });
  assert.equal(res.status, 422);
  let html = await res.text();
  assert.match(html, /<p class="notice notice-error" role="alert">สีนี้อ่อนหรือเข้มเกินไป[^<]*\(1\.39:1\)<\/p>/);
  assert.match(html, /id="colour"[^>]*aria-invalid="true"/);
  assert.match(html, /value="#ffcc00"/, 'the form again as typed');
  assert.doesNotMatch(await (await get('/look.css')).text(), /--brand/, 'nothing stored');
  res = await save(admin, { colour: '#1d5e3a', tagline: 'ตำบลน่าอยู่ <ประชาชนมีส่วนร่วม>', order_ita: '1', order_about: '2' },
                   { emblem: [png, 'ตรา.png'] });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/website?saved=1');
  const css = await (await get('/look.css')).text();
  assert.match(css, /:root\{--brand:#1d5e3a;--brand-dark:#16472c\}/);
  html = await (await get('/')).text();
  assert.notEqual(html, before, 'the cached home page was made again');
  assert.deepEqual(sections(html), ['ITA/OIT', 'ข้อมูลพื้นฐาน', 'ข่าวสาร', 'บริการ', 'ร้องเรียน', 'ติดต่อ']);
  assert.match(html, /<p class="lead">ตำบลน่าอยู่ &lt;ประชาชนมีส่วนร่วม&gt;<\/p>/);
  assert.match(html, /<meta property="og:description" content="ตำบลน่าอยู่ &lt;ประชาชนมีส่วนร่วม&gt;">/);
  const emblem = html.match(/<img class="brand-emblem" src="(\/look\/emblem\?v=[0-9a-f]{12})" alt=""/);
  assert.ok(emblem, 'the emblem in the header');
  assert.match(html, /<img class="hero-emblem" src="\/look\/emblem\?v=[0-9a-f]{12}" alt="ตราสัญลักษณ์ของ องค์การบริหารส่วนตำบลนาหม่อม"/);
  const picture = await get(emblem[1]);
  assert.equal(picture.headers.get('content-type'), 'image/png');
  assert.ok(!Buffer.from(await picture.arrayBuffer()).includes('GPS'), 'stored without what an editor wrote in it');
  // Every page shows it, staff pages too.
  assert.match(await (await get('/news')).text(), /class="brand-emblem"/);
  assert.match(await (await get('/about')).text(), new RegExp(`<meta property="og:image" content="${server.base}/look/emblem\\?v=`),
               'with no banner, a shared link shows the emblem');
  // A drawn emblem: an SVG with a script is refused, an Inkscape file is kept without the editor's notes.
  const svg = (inner) => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 100 100" sodipodi:docname="ตรา.svg">${inner}</svg>`;
  res = await save(admin, { colour: '#1d5e3a' }, { emblem: [Buffer.from(svg('<circle r="40" cx="50" cy="50" onload="alert(1)"/>')), 'ตรา.svg'] });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="emblem-error">ไฟล์ SVG นี้มีสคริปต์/);
  res = await save(admin, { colour: '#1d5e3a' }, { emblem: [Buffer.from(svg('<!-- by สมชาย --><circle r="40" cx="50" cy="50" fill="#c9a227"/>')), 'ตรา.svg'] });
  assert.equal(res.status, 303);
  html = await (await get('/')).text();
  const drawn = await get(html.match(/<img class="brand-emblem" src="([^"]+)"/)[1]);
  assert.equal(drawn.headers.get('content-type'), 'image/svg+xml');
  assert.match(drawn.headers.get('content-security-policy'), /sandbox; default-src 'none'/, 'opened by itself, it runs nothing');
  assert.equal(drawn.headers.get('x-content-type-options'), 'nosniff');
  const drawing = await drawn.text();
  assert.match(drawing, /<circle r="40" cx="50" cy="50" fill="#c9a227"\/>/);
  assert.doesNotMatch(drawing, /sodipodi|สมชาย/);
  assert.doesNotMatch(await (await get('/about')).text(), /og:image/, 'LINE and Facebook draw no SVG: no picture rather than a broken one');
  // A file that is no picture, a section placed at 9: refused beside the field.
  res = await save(admin, { colour: '#1d5e3a' }, { banner: [Buffer.from('%PDF-1.4 not a picture'), 'banner.png'] });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="banner-error">/);
  res = await save(admin, { order_news: '9' });
  assert.equal(res.status, 422);
});

test('mourning turns every page grey with a black ribbon for its days; the EIT banner shows in its window', async () => {
  const admin = await http.signIn(server, 'admin@example.org');
  const page = (await (await get('/')).text());
  let res = await save(admin, { mourning_from: iso(new Date(today - day)), mourning_until: iso(new Date(today.getTime() + 29 * day)) });
  assert.equal(res.status, 303);
  let css = await (await get('/look.css')).text();
  assert.match(css, /html\{filter:grayscale\(1\)\}/);
  assert.match(css, /url\("\/assets\/ribbon\.svg"\)/);
  assert.equal((await get('/assets/ribbon.svg')).headers.get('content-type'), 'image/svg+xml');
  assert.match(await (await get('/admin/website', admin)).text(), /ขณะนี้เว็บไซต์อยู่ในช่วงไว้ทุกข์/);
  // The stylesheet is revalidated on each page, so the day it ends shows without a cached page changing.
  const etag = (await get('/look.css')).headers.get('etag');
  assert.equal((await get('/look.css', null, { 'if-none-match': etag })).status, 304);
  res = await save(admin, { mourning_from: iso(new Date(today - 30 * day)), mourning_until: iso(new Date(today - day)) });
  assert.equal(res.status, 303);
  css = await (await get('/look.css')).text();
  assert.doesNotMatch(css, /grayscale/, 'a period that has ended');
  assert.equal((await get('/look.css', null, { 'if-none-match': etag })).status, 200);
  // Both days or neither; the EIT window needs its link.
  res = await save(admin, { mourning_from: iso(today) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="mourning_until-error">ระบุทั้งวันเริ่มต้นและวันสิ้นสุด/);
  res = await save(admin, { eit_from: iso(today), eit_until: iso(today) });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="eit_url-error">/);

  const link = 'https://itas.nacc.go.th/go/eit/x?agency=5&amp=1';
  res = await save(admin, { eit_url: link, eit_from: iso(today), eit_until: iso(new Date(today.getTime() + 14 * day)) });
  assert.equal(res.status, 303);
  const html = await (await get('/')).text();
  assert.notEqual(html, page);
  const banner = html.match(/<section class="eit-banner" aria-labelledby="eit-heading">([\s\S]*?)<\/section>/);
  assert.ok(banner, 'the EIT banner');
  assert.ok(banner[1].includes('href="https://itas.nacc.go.th/go/eit/x?agency=5&amp;amp=1"'), 'the link, escaped');
  assert.match(banner[1], /<svg[^>]*role="img"/, 'its QR code');
  res = await save(admin, { eit_url: link, eit_from: iso(new Date(today.getTime() + day)), eit_until: iso(new Date(today.getTime() + 14 * day)) });
  assert.doesNotMatch(await (await get('/')).text(), /eit-banner/, 'not before its first day');
});

test('sitemap.xml is valid against the sitemaps.org schema and lists every public page; robots.txt closes the staff\'s', async () => {
  const res = await get('/sitemap.xml');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/xml/);
  const xml = await res.text();
  const dir = mkdtempSync(join(tmpdir(), 'prongsai-sitemap-'));
  try {
    writeFileSync(join(dir, 'sitemap.xml'), xml);
    const schema = new URL('../support/schemas/sitemap.xsd', import.meta.url).pathname;
    await promisify(execFile)('xmllint', ['--noout', '--schema', schema, join(dir, 'sitemap.xml')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const locs = new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&').slice(server.base.length)));
  // Every link of the menu and the footer, every post, answered question, document, service and ITA page.
  const home = await (await get('/')).text();
  const menu = [...home.matchAll(/<nav class="public-menu"[\s\S]*?<\/nav>/g)][0][0];
  for (const [, href] of menu.matchAll(/<a href="([^"]+)"/g)) assert.ok(locs.has(href.replace(/&amp;/g, '&')), href);
  for (const list of ['/news', '/qa', '/library', '/services']) {
    const page = await (await get(list)).text();
    const pages = [...page.matchAll(new RegExp(`href="(${list}/\\d+)"`, 'g'))].map((m) => m[1]);
    assert.ok(pages.length > 0, list);
    for (const p of pages) assert.ok(locs.has(p), p);
  }
  for (const p of ['/', '/sitemap', '/accessibility', `/ita/${fy}`, '/ita/2566/O43']) assert.ok(locs.has(p), p);
  assert.match(xml, /<url><loc>[^<]+\/news\/\d+<\/loc><lastmod>\d{4}-\d{2}-\d{2}<\/lastmod><\/url>/);
  for (const p of locs) assert.equal((await get(p)).status, 200, p);

  const robots = await (await get('/robots.txt')).text();
  assert.match(robots, /^User-agent: \*$/m);
  for (const closed of ['/admin', '/staff', '/news/manage', '/disclosure', '/library/manage'])
    assert.match(robots, new RegExp(`^Disallow: ${closed}$`, 'm'), closed);
  assert.doesNotMatch(robots, /^Disallow: \/(news|ita|library|qa|services)$/m, 'public pages stay open');
  assert.doesNotMatch(robots, /^Disallow: \/library\/manage\//m, 'a path under one closed is not said twice');
  assert.match(robots, new RegExp(`^Sitemap: ${server.base}/sitemap.xml$`, 'm'));
});

test('the text size is chosen with a link, without JavaScript, and kept in a cookie', async () => {
  const jar = cookieJar();
  let res = await get('/text-size/large?next=/news', jar);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/news');
  assert.equal(jar.get('prongsai_text'), 'large');
  assert.match(await (await get('/look.css', jar)).text(), /html\{font-size:112\.5%\}/);
  await get('/text-size/larger?next=/', jar);
  assert.match(await (await get('/look.css', jar)).text(), /html\{font-size:125%\}/);
  res = await get('/text-size/normal?next=//evil.example/', jar);
  assert.equal(res.headers.get('location'), '/', 'only back to this site');
  assert.equal(jar.get('prongsai_text'), undefined);
  assert.doesNotMatch(await (await get('/look.css', jar)).text(), /font-size/);
  assert.equal((await get('/text-size/huge')).status, 404);
  // Every page offers it.
  assert.match(await (await get('/news')).text(), /<a href="\/text-size\/large\?next=\/news" aria-label="ตัวอักษรใหญ่"/);
});

test('served over HTTPS, the language and the text size still switch: their cookies are "__Host-" cookies', async () => {
  const site = await startServer(['--public-url', 'https://www.namom.go.th']);
  try {
    const jar = cookieJar();
    let res = await http.get(site, '/lang/en?next=/news', jar);
    assert.equal(res.status, 303);
    assert.match(res.headers.getSetCookie().join('\n'), /^__Host-prongsai_lang=en; Path=\/; HttpOnly; SameSite=Lax; Secure/m);
    assert.match(await (await http.get(site, '/news', jar)).text(), /<html lang="en">/);
    res = await http.get(site, '/text-size/large?next=/', jar);
    assert.match(res.headers.getSetCookie().join('\n'), /^__Host-prongsai_text=large;.*Secure/m);
    assert.match(await (await http.get(site, '/look.css', jar)).text(), /font-size:112\.5%/);
  } finally {
    await site.stop();
  }
});

test('the privacy notice says what every channel keeps, how long, who reads it, and what the agency added', async () => {
  const html = await (await get('/privacy')).text();
  const uses = [...html.matchAll(/<section class="privacy-use" id="(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual(uses, ['requests', 'complaints', 'corruption', 'questions', 'surveys', 'people', 'staff', 'line']);
  // The retention the cases really have (the agency's setting), not a figure written by hand.
  assert.equal((html.match(/เก็บไว้ 1095 วันหลังปิดเรื่อง แล้วระบบลบโดยอัตโนมัติ/g) || []).length, 3);
  const corruption = html.match(/<section class="privacy-use" id="corruption"[\s\S]*?<\/section>/)[0];
  assert.match(corruption, /ระบบไม่บันทึกหมายเลขไอพีหรือข้อมูลอุปกรณ์ของท่าน เนื้อหา ข้อความ และข้อมูลติดต่อถูกเข้ารหัสก่อนบันทึก/);
  assert.match(corruption, /ผู้บริหาร ผู้ดูแลระบบ และเจ้าหน้าที่อื่นอ่านไม่ได้/);
  assert.match(corruption, /href="\/complaints\/new\?channel=corruption"/);
  assert.match(html, /<div class="pre">\(ข้อมูลตัวอย่าง\) ผู้ควบคุมข้อมูลส่วนบุคคล: องค์การบริหารส่วนตำบลนาหม่อม/);
  assert.match(html, /ภายใน 30 วันนับแต่วันที่ได้รับคำขอ/);
  // Reviewed by the demo's admin: it answers ITA 2566's privacy item, from the system.
  const item = await (await get('/ita/2566/O10')).text();
  assert.match(item, /href="\/privacy"/);
  // Every page links the notices from its footer.
  const footer = (await (await get('/news')).text()).match(/<nav aria-label="เกี่ยวกับเว็บไซต์" class="footer-links">[\s\S]*?<\/nav>/)[0];
  for (const href of ['/privacy', '/cookies', '/policy/website', '/policy/security', '/accessibility', '/sitemap'])
    assert.match(footer, new RegExp(`href="${href}"`), href);
});

test('a person asks to correct their data from the privacy notice: 30 calendar days, on the unit\'s calendar', async () => {
  const citizen = cookieJar();
  const notice = await (await get('/privacy', citizen)).text();
  const href = notice.match(/<a class="button" href="(\/services\/\d+)">ยื่นคำขอใช้สิทธิทางออนไลน์<\/a>/)[1];
  let page = await (await get(href, citizen)).text();
  assert.match(page, /<h1>คำขอใช้สิทธิของเจ้าของข้อมูลส่วนบุคคล<\/h1>/);
  assert.match(page, /ภายใน 30 วัน<\/dd>/, 'calendar days, not working days');
  for (const right of ['ขอเข้าถึงและขอรับสำเนาข้อมูลของข้าพเจ้า', 'ขอแก้ไขข้อมูลให้ถูกต้องและเป็นปัจจุบัน', 'ขอให้ลบหรือทำลายข้อมูล'])
    assert.match(page, new RegExp(right), right);
  const send = (fields) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: csrfOf(page), ...fields })) form.append(k, v);
    return fetch(server.base + href, { method: 'POST', redirect: 'manual', headers: { cookie: citizen.header() }, body: form });
  };
  // Without a way to answer the person the request cannot be worked: refused, what was typed kept.
  let res = await send({ right: 'correct', which: 'คำขอเบี้ยยังชีพผู้สูงอายุ ปี 2569' });
  assert.equal(res.status, 422);
  page = await res.text();
  assert.match(page, /value="คำขอเบี้ยยังชีพผู้สูงอายุ ปี 2569"/);
  res = await send({ right: 'correct', which: 'คำขอเบี้ยยังชีพผู้สูงอายุ ปี 2569', detail: 'ชื่อสกุลสะกดผิด ที่ถูกคือ มีสุข',
                     contact_name: 'นางสมศรี มีสุข', contact_email: 'somsri@example.org' });
  assert.equal(res.status, 200);
  const receipt = await res.text();
  const months = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
  const due = new Date(today.getTime() + 30 * day);
  const dueText = `${due.getUTCDate()} ${months[due.getUTCMonth()]} ${due.getUTCFullYear() + 543}`;
  assert.match(receipt, new RegExp(`กำหนดแล้วเสร็จ</dt><dd>${dueText}</dd>`), `due ${dueText}, 30 days on`);

  // สำนักปลัด holds the request; its deadline is on the calendar of its fiscal year.
  const admin = await http.signIn(server, 'admin@example.org');
  const queue = await (await get('/requests', admin)).text();
  const id = [...queue.matchAll(/href="\/requests\/(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => b - a)[0];
  const request = await (await get(`/requests/${id}`, admin)).text();
  assert.match(request, /ขอแก้ไขข้อมูลให้ถูกต้องและเป็นปัจจุบัน/);
  const dueYear = due.getUTCFullYear() + 543 + (due.getUTCMonth() >= 9 ? 1 : 0);
  const calendar = await (await get(`/calendar?year=${dueYear}`, admin)).text();
  const row = calendar.match(new RegExp(`<tr><td>([^<]+)</td><td><a href="/requests/${id}">`));
  assert.ok(row, 'the request is on the calendar');
  assert.match(row[1], new RegExp(`^${due.getUTCDate()} \\S+ ${due.getUTCFullYear() + 543}$`));

  // Unpublished, the notice sends people to the contact page instead, and the admin is told.
  const services = await (await get(`/admin${href}`, admin)).text();
  const fields = http.formFields(services, `/admin${href}`);
  delete fields.published;
  res = await http.post(server, `/admin${href}`, admin, fields);
  assert.equal(res.status, 303);
  const without = await (await get('/privacy')).text();
  assert.doesNotMatch(without, /ยื่นคำขอใช้สิทธิทางออนไลน์/);
  assert.match(without, /ยื่นคำขอใช้สิทธิด้วยตนเอง ทางไปรษณีย์ หรือทางโทรศัพท์ ตามช่องทางใน <a href="\/contact">/);
  assert.match(await (await get('/admin/website/policies', admin)).text(), /ยังไม่มีแบบฟอร์มออนไลน์ให้เจ้าของข้อมูลยื่นคำขอใช้สิทธิ/);
  res = await http.post(server, `/admin${href}`, admin, { ...fields, published: '1' });
  assert.equal(res.status, 303);
  assert.match(await (await get('/privacy')).text(), /ยื่นคำขอใช้สิทธิทางออนไลน์/);
});

test('the cookie notice lists every cookie the site sets, each strictly necessary, and so asks for no consent', async () => {
  const names = new Set();
  const jar = cookieJar();
  const note = (res) => { for (const c of res.headers.getSetCookie()) names.add(c.split('=')[0].replace(/^__Host-/, '')); return res; };
  for (const path of ['/', '/login', '/complaints/new', '/qa/ask', '/lang/en?next=/', '/lang/th?next=/', '/text-size/large?next=/'])
    note(await get(path, jar));
  const page = await (await get('/login', jar)).text();
  note(await http.post(server, '/login', jar, { _csrf: csrfOf(page), email: 'admin@example.org', password: server.password }));
  assert.deepEqual([...names].sort(), ['prongsai_anon', 'prongsai_device', 'prongsai_lang', 'prongsai_session', 'prongsai_text']);
  const html = await (await get('/cookies')).text();
  const listed = [...html.matchAll(/<th scope="row"><code>([^<]+)<\/code><\/th>/g)].map((m) => m[1]).sort();
  for (const name of names) assert.ok(listed.includes(name), `${name} is on the notice`);
  // And the one a second sign-in step sets, which the demo's admin (no second factor yet) does not reach,
  // and the one a start link from the agency's LINE chat sets (tests/integration/line.test.mjs).
  assert.ok(listed.includes('prongsai_pending'));
  assert.ok(listed.includes('prongsai_line'));
  assert.equal(listed.length, names.size + 2, listed.join(' '));
  assert.match(html, /จึงไม่มีแถบแจ้งเตือนคุกกี้/);
  assert.doesNotMatch(await (await get('/')).text(), /cookie-banner|ยอมรับคุกกี้/, 'and there is none');
});

test('the website and security policies: Prongsai\'s words until the agency writes its own', async () => {
  let html = await (await get('/policy/security')).text();
  assert.match(html, /<h1>นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์<\/h1>/);
  assert.match(html, /argon2id/);
  const admin = await http.signIn(server, 'admin@example.org');
  const form = await (await get('/admin/website/policies', admin)).text();
  assert.match(form, /\(ข้อมูลตัวอย่าง\) ผู้ควบคุมข้อมูลส่วนบุคคล/, 'the privacy part as saved');
  let res = await http.post(server, '/admin/website/policies', admin,
                            { _csrf: csrfOf(form), privacy: 'DPO', website_policy: 'x'.repeat(20001), security_policy: '' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /<span class="field-error" id="website_policy-error">/);
  assert.match(await (await get('/privacy')).text(), /ผู้ควบคุมข้อมูลส่วนบุคคล/, 'nothing saved');
  res = await http.post(server, '/admin/website/policies', admin,
                        { _csrf: csrfOf(form), privacy: 'DPO: ปลัด', website_policy: 'นโยบายเว็บไซต์ของ <อบต.>', security_policy: '' });
  assert.equal(res.status, 303);
  html = await (await get('/policy/website')).text();
  assert.match(html, /<div class="pre">นโยบายเว็บไซต์ของ &lt;อบต\.&gt;<\/div>/);
  assert.doesNotMatch(html, /เว็บไซต์นี้เป็นเว็บไซต์หลักของหน่วยงาน ใช้เผยแพร่/, 'in place of Prongsai\'s');
  assert.match(await (await get('/privacy')).text(), /<div class="pre">DPO: ปลัด<\/div>/);
});
