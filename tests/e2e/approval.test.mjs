// The approval workflow in Chromium, as two people use it: the secretariat of a demo alliance
// proposes a CAST national society as a member (first forgetting the charter acceptance, which
// the page refuses beside the field, naming 第四条), the society is not a member while CAST has
// not decided; the CAST officer sees the request counted in the navigation, approves it from the
// inbox, and the society appears among the alliance's members. Phone-sized screen, nothing
// blocked by the Content-Security-Policy.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { createDb, readyUser, removeDir, request, run, startServer, stopServer, tempDir } from '../api/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const VIEWPORT = { width: 360, height: 740 };
const SOCIETY = '中国端到端测试学会';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(first17) {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

let dir, server, browser;
const pages = {};
const problems = [];

async function contextFor(user) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const [name, value] = user.cookie.split('=');
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
  return page;
}

before(async () => {
  dir = tempDir('e2e-approval');
  const { db } = createDb(dir);
  const r = run(['import', join(here, '../../data/demo.json'), '--db', db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  server = await startServer({ dbFile: db });
  const officer = await readyUser(server.url, db, 'wang', 'cast_officer:cast', { name: 'Wang Fang' });
  const secretariat = await readyUser(server.url, db, 'li', 'secretariat:life', { name: 'Li Ming' });
  const org = await request(server.url, 'POST', '/api/v1/organisations', {
    session: officer,
    json: { key: 'e2e-society', name: SOCIETY, kind: 'national_society', uscc: uscc('51100000500099991') },
  });
  assert.equal(org.status, 201, org.text);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  pages.secretariat = await contextFor(secretariat);
  pages.officer = await contextFor(officer);
});

after(async () => {
  try {
    await browser?.close();
    await stopServer(server);
  } finally {
    removeDir(dir);
  }
});

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);
const memberNames = async (page) => {
  await page.goto(`${server.url}/alliances/life?tab=members&limit=500`);
  return page.locator('table#members tbody tr td:nth-child(1)').allTextContents();
};

describe('a national society joins an alliance', () => {
  test('the secretariat proposes it; without the charter acceptance the page says 第四条', async () => {
    const page = pages.secretariat;
    await page.goto(`${server.url}/alliances/life`);
    await Promise.all([page.waitForURL(`${server.url}/alliances/life/register`), page.click('a[href="/alliances/life/register"]')]);
    await page.selectOption('#f-organisation', 'e2e-society');
    await Promise.all([page.waitForLoadState('load'), page.click('#add-member button[type="submit"]')]);
    const error = page.locator('#e-charter_ack');
    assert.match(await error.textContent(), /第四条/);
    assert.equal(await page.locator('#f-charter_ack').getAttribute('aria-invalid'), 'true');
    // The choice made is kept; now with the acceptance ticked.
    assert.equal(await page.locator('#f-organisation').inputValue(), 'e2e-society');
    await page.check('#f-charter_ack');
    await Promise.all([
      page.waitForURL(/\/alliances\/life\/register\?done=1/),
      page.click('#add-member button[type="submit"]'),
    ]);
    const pending = page.locator('ul.requests li', { hasText: 'e2e-society' });
    assert.equal(await pending.count(), 1);
    assert.match(await pending.locator('span.state').textContent(), /待/);
    assert.ok((await pageWidth(page)) <= VIEWPORT.width, 'the register page is wider than the phone');
  });

  test('until CAST approves, it is not a member', async () => {
    assert.ok(!(await memberNames(pages.secretariat)).includes(SOCIETY));
  });

  test('the CAST officer sees it counted, approves it from the inbox', async () => {
    const page = pages.officer;
    await page.goto(`${server.url}/`);
    const badge = page.locator('header nav a[href="/approvals"] span.badge:not(.mine)');
    assert.match(await badge.textContent(), /1$/);
    const todo = page.locator('#todo li', { hasText: '中国科协生命科学学会联合体' });
    assert.equal(await todo.count(), 1);
    await Promise.all([page.waitForURL(`${server.url}/approvals`), page.click('header nav a[href="/approvals"]')]);
    assert.ok((await pageWidth(page)) <= VIEWPORT.width, '/approvals is wider than the phone');
    const item = page.locator('#to-decide > li', { hasText: 'e2e-society' });
    assert.equal(await item.count(), 1);
    await item.locator('input[name="ref"]').fill('科协函学字〔2026〕21号');
    await Promise.all([page.waitForURL(/\/approvals\?done=\d+/), item.locator('button[value="approved"]').click()]);
    assert.equal(await page.locator('#count-to-decide').textContent(), '0');
    assert.equal(await page.locator('header nav a[href="/approvals"] span.badge:not(.mine)').count(), 0);
    // The decision is in the list of all requests, approved.
    const row = page.locator('table#requests tbody tr', { hasText: '科协函学字〔2026〕21号' });
    assert.equal(await row.count(), 1);
  });

  test('the society now appears among the members', async () => {
    assert.ok((await memberNames(pages.officer)).includes(SOCIETY));
    assert.ok((await memberNames(pages.secretariat)).includes(SOCIETY));
  });

  test('nothing was blocked by the Content-Security-Policy and no script failed', () => {
    assert.deepEqual(problems, []);
  });
});
