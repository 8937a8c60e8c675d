// An HTTP client for the tests that drive a real server (tests/support/server.mjs): a cookie
// jar, GET and form POST through fetch, raw bytes over a socket, and signing in.
import net from 'node:net';
import assert from 'node:assert/strict';

export function cookieJar() {
  const jar = new Map();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, v] = pair.split('=');
        if (/Max-Age=0/.test(c)) jar.delete(k); else jar.set(k, v);
      }
    },
    get: (k) => jar.get(k),
    set: (k, v) => jar.set(k, v),
  };
}

export const csrfOf = (html) => html.match(/name="_csrf" value="([^"]+)"/)[1];

// The fields a browser would send from the form posting to `action` as the page draws it:
// inputs (a checkbox only when checked), each select's chosen option, textareas.
export function formFields(html, action) {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `a form posts to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const attr = (tag, name) => { const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`)); return m && unescape(m[1]); };
  const fields = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    if (!name || (['checkbox', 'radio'].includes(attr(tag, 'type')) && !/\schecked\b/.test(tag))) continue;
    fields[name] = attr(tag, 'value') ?? '';
  }
  for (const [, tag, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const all = [...options.matchAll(/<option\b([^>]*)>([^<]*)<\/option>/g)];
    const chosen = all.find(([, a]) => /\sselected\b/.test(a)) ?? all[0];
    if (chosen) fields[attr(tag, 'name')] = attr(` ${chosen[1]}`, 'value') ?? unescape(chosen[2]);
  }
  for (const [, tag, text] of form.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g))
    fields[attr(tag, 'name')] = unescape(text);
  return fields;
}

export async function get(node, path, jar, headers = {}) {
  const res = await fetch(node.base + path, { redirect: 'manual', headers: { cookie: jar ? jar.header() : '', ...headers } });
  if (jar) jar.take(res);
  return res;
}

export async function post(node, path, jar, fields, headers = {}) {
  const res = await fetch(node.base + path, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  jar.take(res);
  return res;
}

// Sends raw bytes and returns everything the server answers before it closes (or waitMs pass).
// `from`: the local address to send from (any 127.x.y.z on Linux's loopback).
export function raw(node, bytes, { waitMs = 3000, from } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ port: node.port, host: '127.0.0.1', localAddress: from });
    const chunks = [];
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    socket.on('data', (d) => { chunks.push(d); });
    socket.on('close', done);
    socket.on('error', done);
    socket.setTimeout(waitMs, () => { socket.destroy(); });
    if (bytes) socket.write(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1'));
  });
}

// A signed-in cookie jar for one of the demo users.
export async function signIn(node, email) {
  const jar = cookieJar();
  const token = csrfOf(await (await get(node, '/login', jar)).text());
  const res = await post(node, '/login', jar, { _csrf: token, email, password: node.password });
  assert.equal(res.status, 303, `${email} signs in`);
  return jar;
}
