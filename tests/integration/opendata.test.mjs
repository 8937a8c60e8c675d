// Open data over HTTP, on the demo agency: the catalogue page and every file it links; the
// DCAT-AP catalogue read by a JSON-LD processor (jsonld.js), every dataset in it with its
// distributions, each of which downloads; CKAN's package_list, package_show and package_search
// as a harvester calls them, with CKAN's answers for an unknown or missing id; 404 for an
// unknown dataset, year or format; the old /data address redirected; the admin naming the unit
// that answers for a dataset, which the catalogue then says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import jsonld from 'jsonld';
import { startServer, initDatabase, binary } from '../support/server.mjs';
import * as http from '../support/client.mjs';
import { csrfOf } from '../support/client.mjs';

let server;
let database;
before(async () => {
  database = initDatabase();
  // FY2570's third month: October's and November's procurement published, whatever today is.
  execFileSync(binary, ['demo', '--as-of', '2026-12-05', '--db', database.db], { stdio: 'pipe' });
  server = await startServer([], database);
});
after(async () => {
  if (server) await server.stop();
  rmSync(database.dir, { recursive: true, force: true });
});

const get = (path, jar) => http.get(server, path, jar);
const names = ['measures', 'oit-readiness', 'channel-statistics', 'service-statistics', 'satisfaction', 'procurement'];
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

test('the catalogue page links every dataset\'s years, and each file downloads as its format', async () => {
  const page = await (await get('/opendata')).text();
  for (const name of names) assert.match(page, new RegExp(`id="${name}"`), name);
  const links = [...page.matchAll(/href="(\/opendata\/[a-z-]+\/\d{4}\.(csv|json|xlsx))"/g)];
  assert.ok(links.length >= 9, `${links.length} files`);
  for (const [, href, format] of links) {
    const res = await get(href);
    assert.equal(res.status, 200, href);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = Buffer.from(await res.arrayBuffer());
    if (format === 'csv') assert.equal(body.subarray(0, 3).toString('hex'), 'efbbbf', `${href}: UTF-8 with its mark`);
    if (format === 'json') assert.ok(Array.isArray(JSON.parse(body.toString()).records), href);
    if (format === 'xlsx') assert.equal(body.subarray(0, 2).toString(), 'PK', href);
  }
  // The procurement the demo published: October's purchases, each a row.
  const fy = 2570;
  const purchases = await (await get(`/opendata/procurement/${fy}.json`)).json();
  assert.equal(purchases.records.length, 4, 'two purchases in each of October and November');
  assert.deepEqual(Object.keys(purchases.records[0]), purchases.columns, 'each record in the columns\' order');
  assert.deepEqual(purchases.records.map((r) => r['เดือน']), ['2026-10', '2026-10', '2026-11', '2026-11']);
  assert.equal(purchases.modified, '2026-12-05', 'the day November was published');

  assert.equal((await get('/opendata/no-such-data')).status, 404);
  assert.equal((await get('/opendata/procurement/2400.csv')).status, 404);
  assert.equal((await get(`/opendata/procurement/${fy}.pdf`)).status, 404);
  assert.equal((await get(`/opendata/procurement/${fy}`)).status, 404);
  const old = await get('/data');
  assert.equal(old.status, 301);
  assert.equal(old.headers.get('location'), '/opendata');
});

test('the DCAT-AP catalogue is JSON-LD with every dataset and its distributions', async () => {
  const res = await get('/opendata/catalog.jsonld');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/ld\+json/);
  const doc = await res.json();
  const expanded = await jsonld.expand(doc);
  const byType = (type) => {
    const found = [];
    const walk = (node) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if ((node['@type'] || []).includes(type)) found.push(node);
        Object.values(node).forEach(walk);
      }
    };
    walk(expanded);
    return found;
  };
  assert.equal(byType(`${DCAT}Catalog`).length, 1);
  const datasets = byType(`${DCAT}Dataset`);
  assert.deepEqual(datasets.map((d) => d[`${DCT}identifier`][0]['@value']), names);
  for (const d of datasets) {
    for (const field of ['title', 'description', 'publisher', 'accrualPeriodicity', 'modified', 'license', 'accessRights'])
      assert.ok(d[`${DCT}${field}`], `${d['@id']} has dct:${field}`);
    assert.ok(d[`${DCAT}contactPoint`], `${d['@id']} has a contact point`);
    for (const dist of d[`${DCAT}distribution`] || []) {
      assert.deepEqual(dist['@type'], [`${DCAT}Distribution`]);
      const url = dist[`${DCAT}downloadURL`][0]['@id'];
      assert.equal((await fetch(url)).status, 200, url);
    }
  }
  const withYears = datasets.filter((d) => (d[`${DCAT}distribution`] || []).length > 0);
  assert.equal(withYears.length, names.length, 'the demo\'s datasets have a year each');
});

test('CKAN\'s read API answers a harvester: the list, each package, a search, and its errors', async () => {
  const list = await (await get('/api/3/action/package_list')).json();
  assert.equal(list.success, true);
  assert.deepEqual(list.result, names);
  for (const name of names) {
    const res = await get(`/api/3/action/package_show?id=${name}`);
    assert.equal(res.status, 200, name);
    const { success, result } = await res.json();
    assert.equal(success, true);
    for (const field of ['id', 'name', 'title', 'notes', 'license_id', 'metadata_modified', 'organization', 'resources', 'tags', 'extras'])
      assert.ok(field in result, `${name}: ${field}`);
    assert.equal(result.name, name);
    assert.match(result.id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const r of result.resources) assert.equal((await fetch(r.url)).status, 200, r.url);
    // By its id as well as its name.
    assert.equal((await (await get(`/api/3/action/package_show?id=${result.id}`)).json()).result.name, name);
  }
  const search = await (await get('/api/3/action/package_search?rows=2&start=1')).json();
  assert.equal(search.result.count, names.length);
  assert.deepEqual(search.result.results.map((p) => p.name), names.slice(1, 3));
  const missing = await get('/api/3/action/package_show?id=no-such-data');
  assert.equal(missing.status, 404);
  assert.deepEqual((await missing.json()).success, false);
  assert.equal((await get('/api/3/action/package_show')).status, 409);
  assert.equal((await get('/api/3/action/package_search?rows=x')).status, 409);
});

test('the admin names the unit that answers for a dataset; nobody else can', async () => {
  const staff = await http.signIn(server, 'staff@example.org');
  assert.equal((await get('/opendata/manage', staff)).status, 403);
  const admin = await http.signIn(server, 'admin@example.org');
  const page = await (await get('/opendata/manage', admin)).text();
  const unit = page.match(/<select id="unit-procurement"[^>]*>.*?<option value="(\d+)">([^<]+)<\/option>/)[1];
  const unitName = page.match(new RegExp(`<option value="${unit}">([^<]+)</option>`))[1];
  const refused = await http.post(server, '/opendata/manage', admin, { _csrf: csrfOf(page), 'unit-procurement': '999999' });
  assert.equal(refused.status, 422);
  const saved = await http.post(server, '/opendata/manage', admin, { _csrf: csrfOf(page), 'unit-procurement': unit });
  assert.equal(saved.status, 303);
  const shown = await (await get('/api/3/action/package_show?id=procurement')).json();
  assert.equal(shown.result.maintainer, unitName);
  assert.match(await (await get('/opendata/procurement')).text(), new RegExp(`<dt>หน่วยงานที่รับผิดชอบ</dt><dd>${unitName}</dd>`));
});
