// The alliance pages in Chromium on a phone-sized screen: the directory, then one demo alliance
// and each of its tabs, reached by following the links as a person would. No page may scroll
// sideways at 360 px (wide tables scroll inside their div.scroll), the current tab is marked, and
// nothing is blocked by the Content-Security-Policy.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { createDb, readyUser, removeDir, run, startServer, stopServer, tempDir } from '../api/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const VIEWPORT = { width: 360, height: 740 };
const TABS = ['members', 'bodies', 'meetings', 'plans', 'ledger', 'outputs', 'news', 'activities'];

let dir, server, browser, page;
const problems = [];

before(async () => {
  dir = tempDir('e2e-alliance');
  const { db } = createDb(dir);
  const r = run(['import', join(here, '../../data/demo.json'), '--db', db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  server = await startServer({ dbFile: db });
  // Signed in through the API (the sign-in page has its own test); the browser gets the cookie.
  const officer = await readyUser(server.url, db, 'wang', 'cast_officer:cast', { name: 'Wang Fang' });
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
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const [name, value] = officer.cookie.split('=');
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
});

after(async () => {
  try {
    await browser?.close();
    await stopServer(server);
  } finally {
    removeDir(dir);
  }
});

/** The document's width: more than the viewport means the page scrolls sideways. */
const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

describe('an alliance at 360×740', () => {
  test('the directory lists the alliances without widening the page', async () => {
    await page.goto(`${server.url}/`);
    await Promise.all([page.waitForURL(`${server.url}/alliances`), page.click('li.tile a[href="/alliances"]')]);
    const rows = page.locator('table#alliances tbody tr');
    assert.equal(await rows.count(), 4);
    assert.ok((await pageWidth()) <= VIEWPORT.width, `/alliances is ${await pageWidth()} px wide`);
    await Promise.all([page.waitForURL(`${server.url}/alliances/life`), page.click('a[href="/alliances/life"]')]);
    assert.equal((await page.locator('h1').textContent()).trim(), '中国科协生命科学学会联合体');
  });

  test('each tab, reached by its link, fits the screen; its tables scroll inside div.scroll', async () => {
    for (const tab of TABS) {
      const link = page.locator(`nav.tabs a[href="/alliances/life?tab=${tab}"]`);
      await Promise.all([page.waitForURL(`${server.url}/alliances/life?tab=${tab}`), link.click()]);
      assert.equal(await link.getAttribute('aria-current'), 'page', `${tab} is not marked current`);
      assert.equal(await page.locator('nav.tabs a[aria-current="page"]').count(), 1);
      const width = await pageWidth();
      assert.ok(width <= VIEWPORT.width, `tab ${tab} is ${width} px wide at ${VIEWPORT.width} px`);
      const tables = page.locator('main table');
      assert.ok((await tables.count()) > 0, `tab ${tab} has no table`);
      // Every table sits in a div.scroll no wider than the screen.
      const outside = await page.evaluate(() =>
        [...document.querySelectorAll('main table')].filter((t) => {
          const box = t.parentElement;
          return !box.matches('div.scroll') || box.getBoundingClientRect().right > window.innerWidth;
        }).length,
      );
      assert.equal(outside, 0, `tab ${tab}: a table outside div.scroll`);
    }
  });

  test('the compliance tab fits the screen and lists the findings by article', async () => {
    const link = page.locator('nav.tabs a[href="/alliances/life?tab=compliance"]');
    await Promise.all([page.waitForURL(`${server.url}/alliances/life?tab=compliance`), link.click()]);
    assert.equal(await link.getAttribute('aria-current'), 'page');
    const width = await pageWidth();
    assert.ok(width <= VIEWPORT.width, `the compliance tab is ${width} px wide at ${VIEWPORT.width} px`);
    assert.ok((await page.locator('section.article li.finding').count()) > 0);
  });

  test('the ledger shows amounts in yuan; a wide table really scrolls in its box', async () => {
    await page.goto(`${server.url}/alliances/life?tab=ledger`);
    const cell = page.locator('table#funds td.num').first();
    assert.match((await cell.textContent()).trim(), /^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
    const box = page.locator('table#transactions').locator('xpath=..');
    const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    assert.ok(scrollWidth > clientWidth, 'the transactions table should be wider than the phone');
    assert.ok((await pageWidth()) <= VIEWPORT.width);
  });

  test('nothing was blocked by the Content-Security-Policy and no script failed', () => {
    assert.deepEqual(problems, []);
  });
});
