// What the browser tests share: Debian's chromium through playwright-core, and axe-core's
// WCAG 2 A/AA checks of a page.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

// axe-core is injected as a script: the page's own CSP allows none, so the test context bypasses it.
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Whether the page fits `width` (nothing scrolls sideways) and, unless `axe` is false (a page
// without JavaScript cannot run it), axe finds nothing on it.
export async function fits(page, width, what, { axe = true } = {}) {
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= width, `${what} scrolls sideways`);
  if (axe) assert.deepEqual(await axeViolations(page), [], what);
}

// Signs `email` in on `page` from the login form (the demo's password unless given); at the staff home.
export async function signIn(page, server, email, password = server.password) {
  await page.goto(server.base + '/login');
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForURL('**/staff');
}
