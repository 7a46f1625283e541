// Recording a meeting in Chromium on a phone-sized screen, as the alliance's secretariat would:
// the form 记录会议 under the meetings tab, then the meeting's page, then marking it held. No page
// may scroll sideways at 360 px, and nothing is blocked by the Content-Security-Policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { createDb, readyUser, removeDir, run, startServer, stopServer, tempDir } from '../api/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');
const life = JSON.parse(readFileSync(DEMO, 'utf8')).alliances.find((a) => a.key === 'life');
const VIEWPORT = { width: 360, height: 740 };
const DATE = '2026-03-10';
const posts = (kind) => life.bodies.find((b) => b.kind === kind).posts;
const inOffice = (p) => p.from <= DATE && (!p.to || p.to >= DATE);
const CHAIR = posts('presidium').find((p) => p.role === 'chair' && inOffice(p)).person;
const VICE = posts('presidium').find((p) => p.role === 'vice_chair' && inOffice(p)).person;
const SECRETARY = posts('secretariat').find((p) => p.role === 'secretary_general' && inOffice(p)).person;

let dir, server, browser, page;
const problems = [];

before(async () => {
  dir = tempDir('e2e-meetings');
  const { db } = createDb(dir);
  const r = run(['import', DEMO, '--db', db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  server = await startServer({ dbFile: db });
  const clerk = await readyUser(server.url, db, 'clerk', 'secretariat:life');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const [name, value] = clerk.cookie.split('=');
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

const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

describe('the secretariat records a meeting at 360×740', () => {
  test('through the form 记录会议, then marks it held', async () => {
    await page.goto(`${server.url}/alliances/life?tab=meetings`);
    const form = page.locator('form#record-meeting');
    assert.equal((await page.locator('#h-record-meeting').textContent()).trim(), '记录会议');
    assert.ok((await pageWidth()) <= VIEWPORT.width, `the meetings tab is ${await pageWidth()} px wide`);
    await form.locator('select[name="kind"]').selectOption('presidium');
    await form.locator('input[name="title"]').fill('浏览器记录的主席团会议');
    await form.locator('input[name="date"]').fill(DATE);
    await form.locator('select[name="chaired_by"]').selectOption(CHAIR);
    await form.locator('select[name="agenda.proposed_by"]').selectOption(SECRETARY);
    await form.locator('input[name="agenda.items"]').first().fill('审议年度工作计划');
    await form.locator('input[name="agenda.major"][value="1"]').check();
    await Promise.all([page.waitForURL(/\/alliances\/life\/meetings\/m-\d+\?done=1$/), form.locator('button[type="submit"]').click()]);
    assert.equal((await page.locator('h1').textContent()).trim(), '浏览器记录的主席团会议');
    assert.equal((await page.locator('#meeting-status').textContent()).trim(), '计划召开');
    assert.match(await page.locator('#agenda-items').textContent(), /审议年度工作计划\s*重大事项/);
    assert.ok((await pageWidth()) <= VIEWPORT.width, `the meeting's page is ${await pageWidth()} px wide`);

    await page.goto(page.url().replace(/\?done=1$/, ''));
    const held = page.locator('form#held');
    await held.locator(`input[name="attended"][value="${CHAIR}"]`).check();
    await held.locator(`input[name="attended"][value="${VICE}"]`).check();
    await held.locator('input[name="decisions"]').first().fill('通过年度工作计划');
    await held.locator('input[name="decisions.major"][value="1"]').check();
    await Promise.all([page.waitForURL(/\?done=1$/), held.locator('button[type="submit"]').click()]);
    assert.equal((await page.locator('#meeting-status').textContent()).trim(), '已召开');
    assert.match(await page.locator('#decisions').textContent(), /通过年度工作计划/);
    assert.equal(await page.locator('form#minutes').count(), 1, 'the minutes can now be recorded');
    assert.deepEqual(problems, []);
  });
});
