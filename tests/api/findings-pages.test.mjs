// The compliance findings on pages: the dashboard's counts per alliance, an alliance's 合规 tab
// (findings grouped by article, with the article's text and a link to the record) and GET
// /findings (filters, paging, CSV and XLSX downloads), over the demo dataset, for the alliances
// the user may read (can_alliance()).
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { readyAdmin, readyUser, request, run, setup } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');

let env;
let cli; // `lianheti check --format json` as of today, over every alliance
const as = {};
before(async () => {
  env = await setup('findings-pages');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  const check = run(['check', '--db', env.db, '--format', 'json']);
  assert.ok([0, 1].includes(check.status), check.stderr);
  cli = JSON.parse(check.stdout);
  as.sysadmin = await readyAdmin(env.url, env.admin);
  as.officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:life');
});
after(() => env?.close());

const page = (who, path, lang = 'zh-CN') =>
  request(env.url, 'GET', path, { session: who, headers: { 'accept-language': lang } });

function cliCounts(key) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of cli.findings) if (f.alliance === key) c[f.severity]++;
  return c;
}

// The dashboard's table: alliance key -> {error, warning, info}.
function dashboardCounts(html) {
  const table = html.match(/<table id="compliance-summary">[\s\S]*?<\/table>/);
  assert.ok(table, 'the dashboard has no compliance table');
  const rows = {};
  const re = /<a href="\/alliances\/([a-z0-9-]+)\?tab=compliance">[^<]*<\/a><\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g;
  for (const m of table[0].matchAll(re)) rows[m[1]] = { error: +m[2], warning: +m[3], info: +m[4] };
  return rows;
}

// The rule ids in the /findings table (the fourth visible column is the rule).
const ruleIds = (html) => [...html.matchAll(/<td>(A\d+\.[a-z0-9-]+)<\/td>/g)].map((m) => m[1]);

describe('the dashboard', () => {
  test('lists the alliances a CAST officer may read with the check\'s counts', async () => {
    const r = await page(as.officer, '/');
    assert.equal(r.status, 200, r.text);
    const rows = dashboardCounts(r.text);
    assert.deepEqual(Object.keys(rows).sort(), ['eco-env', 'info-tech', 'innovation-fusion', 'life']);
    for (const [key, counts] of Object.entries(rows)) assert.deepEqual(counts, cliCounts(key), key);
    assert.match(r.text, /<a href="\/findings"/);
  });

  test('a secretariat sees only its own alliance', async () => {
    const r = await page(as.secretariat, '/');
    assert.equal(r.status, 200, r.text);
    const rows = dashboardCounts(r.text);
    assert.deepEqual(rows, { life: cliCounts('life') });
  });

  test('a sysadmin has no compliance section', async () => {
    const r = await page(as.sysadmin, '/');
    assert.equal(r.status, 200, r.text);
    assert.doesNotMatch(r.text, /compliance-summary/);
    assert.doesNotMatch(r.text, /href="\/findings"/);
  });
});

describe('an alliance\'s compliance tab', () => {
  test('lists its findings grouped by article, with the article and a link to the record', async () => {
    const r = await page(as.officer, '/alliances/eco-env?tab=compliance');
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /aria-current="page">合规</);
    const mine = cli.findings.filter((f) => f.alliance === 'eco-env');
    assert.ok(mine.some((f) => f.rule === 'A15.fund-report-late'));
    for (const f of mine) assert.match(r.text, new RegExp(`data-rule="${f.rule.replace('.', '\\.')}"`), f.rule);
    const items = [...r.text.matchAll(/data-rule="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(items.length, mine.length);
    const art15 = r.text.match(/<section class="card article" id="article-15">[\s\S]*?<\/section>/);
    assert.ok(art15, 'no section for 第十五条');
    assert.match(art15[0], /<h2>第十五条<\/h2>/);
    assert.match(art15[0], /专账管理/);
    assert.match(art15[0], /data-rule="A15\.fund-report-late"[\s\S]*?href="\/alliances\/eco-env\?tab=ledger#fund-reports"/);
  });

  test('in English', async () => {
    const r = await page(as.officer, '/alliances/eco-env?tab=compliance', 'en');
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /aria-current="page">Compliance</);
    assert.match(r.text, /<h2>Article 15<\/h2>/);
  });

  test('is refused for an alliance the user may not read', async () => {
    const r = await page(as.secretariat, '/alliances/eco-env?tab=compliance');
    assert.equal(r.status, 403);
  });
});

describe('the page of all findings', () => {
  test('lists what the user may read, with the nav item', async () => {
    const r = await page(as.officer, '/findings');
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<a href="\/findings" aria-current="page">合规情况/);
    const readable = new Set(['eco-env', 'info-tech', 'innovation-fusion', 'life']);
    const expected = cli.findings.filter((f) => readable.has(f.alliance));
    assert.ok(expected.length > 0);
    assert.equal(ruleIds(r.text).length, Math.min(50, expected.length));
    for (const id of ruleIds(r.text)) assert.ok(expected.some((f) => f.rule === id), id);
  });

  test('filters by severity and alliance', async () => {
    const r = await page(as.officer, '/findings?severity=error&alliance=eco-env');
    assert.equal(r.status, 200, r.text);
    const want = cli.findings.filter((f) => f.alliance === 'eco-env' && f.severity === 'error').map((f) => f.rule);
    assert.deepEqual(ruleIds(r.text).sort(), want.sort());
    assert.match(r.text, /<option value="eco-env" selected>/);
    assert.match(r.text, /<option value="error" selected>/);
  });

  test('filters by article', async () => {
    const r = await page(as.officer, '/findings?article=15');
    assert.equal(r.status, 200, r.text);
    const ids = ruleIds(r.text);
    assert.ok(ids.length > 0);
    assert.ok(ids.every((id) => id.startsWith('A15.')), ids.join());
  });

  test('refuses bad filters', async () => {
    assert.equal((await page(as.officer, '/findings?severity=fatal')).status, 400);
    assert.equal((await page(as.officer, '/findings?article=99')).status, 400);
    assert.equal((await page(as.secretariat, '/findings?alliance=eco-env')).status, 403);
  });

  test('downloads as CSV and XLSX', async () => {
    const csv = await page(as.officer, '/findings?alliance=eco-env&format=csv', 'en');
    assert.equal(csv.status, 200, csv.text);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'Alliance key,Alliance,Article,Rule,Severity,Subject,Subject key,Year,Message');
    assert.equal(lines.length - 1, cli.findings.filter((f) => f.alliance === 'eco-env').length);
    assert.match(csv.text, /A15\.fund-report-late/);
    const res = await fetch(`${env.url}/findings?format=xlsx`, { headers: { cookie: as.officer.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /filename="findings\.xlsx"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  });

  test('a secretariat sees only its own alliance\'s findings', async () => {
    const r = await page(as.secretariat, '/findings?format=csv');
    assert.equal(r.status, 200, r.text);
    const rows = r.text.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    assert.equal(rows.length, cli.findings.filter((f) => f.alliance === 'life').length);
    assert.ok(rows.every((l) => l.startsWith('life,')), r.text);
  });

  test('is refused to a sysadmin', async () => {
    const r = await page(as.sysadmin, '/findings');
    assert.equal(r.status, 403);
  });
});
