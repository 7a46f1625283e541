// GET /api/v1/findings?as_of=&alliance=: the compliance findings document of rules.md over the
// demo dataset, the same as `lianheti check --format json` prints, in the request's language, for
// the alliances the caller may read (can_alliance()), and the refusals.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { assertError, readyAdmin, readyUser, request, run, setup } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');
const AS_OF = '2026-11-29';

let env;
const as = {};
before(async () => {
  env = await setup('findings');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  as.sysadmin = await readyAdmin(env.url, env.admin);
  as.officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  as.officerBj = await readyUser(env.url, env.db, 'bjo', 'cast_officer:bjast');
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:life');
});
after(() => env?.close());

const get = (who, query, lang = 'zh-CN') =>
  request(env.url, 'GET', `/api/v1/findings${query}`, { session: who, headers: { 'accept-language': lang } });

describe('the findings document', () => {
  test('is what `lianheti check --format json` prints', async () => {
    const r = await get(as.officerBj, `?as_of=${AS_OF}`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const cli = run(['check', '--db', env.db, '--as-of', AS_OF, '--format', 'json', '--alliance', 'bj-smart-mfg']);
    assert.equal(cli.status, 1, cli.stderr);
    assert.deepEqual(r.body, JSON.parse(cli.stdout));
    assert.equal(r.body.format, 'lianheti-findings');
    assert.equal(r.body.version, 1);
    assert.equal(r.body.as_of, AS_OF);
    assert.deepEqual(r.body.summary, { alliances: 1, error: 3, warning: 4, info: 1 });
    const late = r.body.findings.find((f) => f.rule === 'A13.minutes-late');
    assert.deepEqual(late.subject, { type: 'meeting', key: 'pm-2024-2' });
    assert.equal(late.year, null);
    assert.match(late.message, /^第十三条：2024-12-12 主席团会议“.+”的会议纪要于 2025-01-06 签发，超过会后 20 天的期限$/);
  });

  test('speaks English when asked', async () => {
    const r = await get(as.secretariat, `?as_of=${AS_OF}`, 'en');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.findings.length, 1);
    assert.equal(r.body.findings[0].rule, 'A17.news-not-reviewed');
    assert.match(r.body.findings[0].message, /^Article 17: the news ".+" \(2025-12-11\) was published without review$/);
  });

  test('as of an earlier date', async () => {
    // The unreviewed news item was published on 2025-12-11: the day before it did not exist yet.
    const before = await get(as.secretariat, '?as_of=2025-12-10');
    assert.equal(before.status, 200, before.text);
    assert.equal(before.body.as_of, '2025-12-10');
    assert.ok(!before.body.findings.some((f) => f.rule === 'A17.news-not-reviewed'), before.text);
    const on = await get(as.secretariat, '?as_of=2025-12-11');
    assert.ok(on.body.findings.some((f) => f.rule === 'A17.news-not-reviewed'), on.text);
  });

  test('defaults to today', async () => {
    const r = await get(as.secretariat, '');
    assert.equal(r.status, 200, r.text);
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    assert.equal(r.body.as_of, today);
  });
});

describe('who sees which alliances', () => {
  test('a CAST officer: the alliances of their jurisdiction', async () => {
    const r = await get(as.officer, `?as_of=${AS_OF}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.summary.alliances, 4);
    const keys = [...new Set(r.body.findings.map((f) => f.alliance))];
    assert.deepEqual(keys, ['eco-env', 'info-tech', 'innovation-fusion', 'life']);
  });

  test('a secretariat: its alliance only, and not another one by name', async () => {
    const r = await get(as.secretariat, `?as_of=${AS_OF}&alliance=life`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.summary.alliances, 1);
    assertError(await get(as.secretariat, `?as_of=${AS_OF}&alliance=eco-env`), 403, 'forbidden');
  });

  test('an administrator sees no business data', async () => {
    assertError(await get(as.sysadmin, ''), 403, 'forbidden');
  });

  test('anonymous callers must sign in', async () => {
    const r = await request(env.url, 'GET', '/api/v1/findings');
    assertError(r, 401, 'unauthenticated');
  });
});

describe('bad requests', () => {
  test('a malformed date', async () => {
    assertError(await get(as.officer, '?as_of=2026-02-30'), 400, 'invalid_date', 'as_of');
    assertError(await get(as.officer, '?as_of=yesterday'), 400, 'invalid_date', 'as_of');
  });

  test('a malformed or unknown alliance', async () => {
    assertError(await get(as.officer, '?alliance=Not%20a%20key'), 400, 'invalid_key', 'alliance');
    assertError(await get(as.officer, '?alliance=nope'), 404, 'not_found', 'alliance');
  });
});
