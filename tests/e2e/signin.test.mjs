// The first sign-in as a person does it, in Chromium on a phone-sized screen: sign in with the
// one-time password, choose a new one, reach the dashboard, sign out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import {
  FIRST_PASSWORD,
  OWN_PASSWORD,
  addUser,
  createDb,
  removeDir,
  startServer,
  stopServer,
  tempDir,
} from '../api/lib.mjs';

const VIEWPORT = { width: 360, height: 740 };
const NAME = 'Wang Fang';

let dir, server, browser, page;
const widths = {}; // path -> document scroll width, measured on the way
const cspViolations = [];

before(async () => {
  dir = tempDir('e2e-signin');
  const { db } = createDb(dir);
  addUser(db, 'wang', 'cast_officer:beijing', FIRST_PASSWORD, { name: NAME });
  server = await startServer({ dbFile: db });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  page.on('pageerror', (err) => cspViolations.push(`script error: ${err.message}`));
});

after(async () => {
  try {
    await browser?.close();
    await stopServer(server);
  } finally {
    removeDir(dir);
  }
});

/** Records how wide the current page's document is, under its path. */
async function measure() {
  const path = new URL(page.url()).pathname;
  widths[path] = await page.evaluate(() => document.documentElement.scrollWidth);
}

describe('first sign-in at 360×740', () => {
  test('sign in with the one-time password, change it, land on the dashboard', async () => {
    await page.goto(`${server.url}/login`);
    await measure();
    await page.fill('input[name="login"]', 'wang');
    await page.fill('input[name="password"]', FIRST_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/password`), page.click('form[action="/login"] button[type="submit"]')]);

    await measure();
    await page.fill('input[name="old"]', FIRST_PASSWORD);
    await page.fill('input[name="new"]', OWN_PASSWORD);
    await page.fill('input[name="confirm"]', OWN_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('form[action="/password"] button[type="submit"]')]);

    await measure();
    const name = page.locator('.user-name');
    await name.waitFor({ state: 'visible' });
    assert.equal((await name.textContent()).trim(), NAME);
  });

  test('no page scrolls sideways at 360 px', () => {
    assert.deepEqual(Object.keys(widths).sort(), ['/', '/login', '/password']);
    for (const [path, width] of Object.entries(widths))
      assert.ok(width <= VIEWPORT.width, `${path} is ${width} px wide at a ${VIEWPORT.width} px viewport`);
  });

  test('the header’s sign-out button signs out and lands on /login', async () => {
    const button = page.locator('header form[action="/logout"] button');
    await button.waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(`${server.url}/login`), button.click()]);
    await page.locator('input[name="login"]').waitFor({ state: 'visible' });
    // The session is really gone: the dashboard sends us back to the sign-in page.
    await page.goto(`${server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
  });

  test('nothing was blocked by the Content-Security-Policy and no script failed', () => {
    assert.deepEqual(cspViolations, []);
  });
});
