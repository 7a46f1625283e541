// GET /api/v1/alliances/{key}/members, the JSON twin of an alliance's members tab, over the demo
// dataset: the same members in the same order as the page (current members first, each part in
// stroke order), the fields as imported, paging with ?limit= and ?offset=, and who may read it
// (can_alliance(), as the page). Also the page's bounded ?limit= (rows per page, at most 500).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { assertError, readyAdmin, readyUser, request, run, setup } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');
const demo = JSON.parse(readFileSync(DEMO, 'utf8'));
const life = demo.alliances.find((a) => a.key === 'life');
const orgs = new Map(demo.organisations.map((o) => [o.key, o]));

let env;
const as = {};
before(async () => {
  env = await setup('members-read');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  as.sysadmin = await readyAdmin(env.url, env.admin);
  as.officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  as.officerBj = await readyUser(env.url, env.db, 'bjo', 'cast_officer:bjast');
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:life');
  as.contact = await readyUser(env.url, env.db, 'mct', 'member_contact:life/zoology');
});
after(() => env?.close());

const get = (who, path) => request(env.url, 'GET', path, { session: who, headers: { 'accept-language': 'zh-CN' } });
const members = (who, query = '') => get(who, `/api/v1/alliances/life/members${query}`);

/** Today in UTC+08:00, as the server decides who is a current member. */
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The organisation keys of the members tab's CSV download, in the page's order. */
async function pageOrder(who) {
  const res = await fetch(`${env.url}/alliances/life?tab=members&format=csv`, {
    headers: { cookie: who.cookie, 'accept-language': 'zh-CN' },
  });
  assert.equal(res.status, 200);
  const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  return lines.slice(1).map((l) => l.split(',')[0]);
}

describe('the members of an alliance as JSON', () => {
  test('every member, as imported, with the list total', async () => {
    const r = await members(as.officer, '?limit=500');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.equal(r.body.total, life.members.length);
    assert.equal(r.body.items.length, life.members.length);
    for (const item of r.body.items) {
      const m = life.members.find((x) => x.organisation === item.organisation);
      assert.ok(m, `${item.organisation} is not a member of life`);
      const o = orgs.get(m.organisation);
      const want = { organisation: o.key, name: o.name, kind: o.kind };
      if (o.uscc) want.uscc = o.uscc;
      want.role = m.role;
      want.joined_on = m.joined_on;
      if (m.left_on) want.left_on = m.left_on;
      if (m.charter_ack) want.charter_ack = m.charter_ack;
      assert.deepEqual(item, want);
      // Members in the canonical order of the item's fields.
      assert.deepEqual(Object.keys(item), Object.keys(want));
    }
  });

  test('in the same order as the page: current members first, each part in stroke order', async () => {
    const r = await members(as.officer, '?limit=500');
    const keys = r.body.items.map((i) => i.organisation);
    assert.deepEqual(keys, await pageOrder(as.officer));
    const left = r.body.items.map((i) => Boolean(i.left_on && i.left_on <= today()));
    const firstLeft = left.indexOf(true);
    assert.ok(firstLeft > 0, 'the demo has a member who left');
    assert.ok(left.slice(firstLeft).every(Boolean), 'a current member is listed after one who left');
  });

  test('paged with ?limit= (default 50) and ?offset=', async () => {
    const all = (await members(as.officer, '?limit=500')).body.items;
    const first = await members(as.officer);
    assert.equal(first.body.items.length, Math.min(50, all.length));
    const page = await members(as.officer, '?limit=10&offset=20');
    assert.equal(page.status, 200);
    assert.equal(page.body.total, all.length);
    assert.deepEqual(page.body.items, all.slice(20, 30));
    const past = await members(as.officer, `?offset=${all.length}`);
    assert.deepEqual(past.body, { items: [], total: all.length });
    for (const q of ['?limit=0', '?limit=501', '?limit=x', '?offset=-1']) {
      assertError(await members(as.officer, q), 400, 'invalid_parameter', q.includes('limit') ? 'limit' : 'offset');
    }
  });

  test('who may read it is the page\'s decision', async () => {
    assert.equal((await members(as.secretariat)).status, 200);
    assert.equal((await members(as.contact)).status, 200);
    assertError(await members(as.officerBj), 403, 'forbidden');
    assertError(await members(as.sysadmin), 403, 'forbidden');
    assertError(await members(undefined), 401, 'unauthenticated');
    // The page says the same to the same people.
    assert.equal((await get(as.officerBj, '/alliances/life')).status, 403);
    // A secretariat of one alliance reads no other.
    assertError(await get(as.secretariat, '/api/v1/alliances/info-tech/members'), 403, 'forbidden');
  });

  test('an unknown alliance is 404', async () => {
    assertError(await get(as.officer, '/api/v1/alliances/no-such/members'), 404, 'not_found');
    assertError(await get(as.officer, '/api/v1/alliances/NOT_A_KEY/members'), 404, 'not_found');
  });
});

describe('the members tab with ?limit=', () => {
  const rows = (html) => (/<table id="members">.*?<tbody>(.*?)<\/tbody>/s.exec(html)?.[1].match(/<tr>/g) ?? []).length;

  test('shows up to 500 rows per page and keeps the limit on the pager', async () => {
    const n = life.members.length;
    const all = await get(as.officer, '/alliances/life?limit=500');
    assert.equal(all.status, 200);
    assert.equal(rows(all.text), n);
    assert.doesNotMatch(all.text, /<nav class="pager"/);
    const five = await get(as.officer, '/alliances/life?limit=5&offset=5');
    assert.equal(rows(five.text), 5);
    assert.match(five.text, /href="\/alliances\/life\?tab=members&amp;list=members&amp;limit=5&amp;offset=10#members"/);
    assert.match(five.text, /href="\/alliances\/life\?tab=members&amp;list=members&amp;limit=5&amp;offset=0#members"/);
    assert.equal(rows((await get(as.officer, '/alliances/life')).text), Math.min(50, n));
  });

  test('refuses a limit out of range', async () => {
    for (const q of ['limit=0', 'limit=501', 'limit=many']) {
      assert.equal((await get(as.officer, `/alliances/life?${q}`)).status, 400, q);
    }
  });
});
