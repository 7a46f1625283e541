// Recording an alliance's meetings (第七条, 第十一条 – 第十三条) over the demo dataset, through the
// API and the pages: the secretariat records a presidium meeting with its agenda, marks it held
// with who was present and its decisions, records the signed and distributed minutes; a planned
// meeting is cancelled. What the norms clearly forbid is refused with 422 naming the field, the
// article and the rule; who may not record is refused (403, or 404 where the alliance is not
// theirs to see, as for members). What was recorded round-trips through `lianheti export`, and the
// compliance findings see it (a held meeting without signed minutes, then with them).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { assertError, createDb, readyUser, request, run, setup, sql } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');
const demo = JSON.parse(readFileSync(DEMO, 'utf8'));
const life = demo.alliances.find((a) => a.key === 'life');
const presidium = life.bodies.find((b) => b.kind === 'presidium');

/** Who holds `role` in the presidium on `date` (the demo's chairs rotate every year). */
const holders = (role, date) =>
  presidium.posts.filter((p) => (!role || p.role === role) && p.from <= date && (!p.to || p.to >= date)).map((p) => p.person);

const DATE = '2026-03-10';
const CHAIR = holders('chair', DATE)[0];
const VICE = holders('vice_chair', DATE)[0];
const SECRETARY = life.bodies.find((b) => b.kind === 'secretariat').posts.find((p) => p.role === 'secretary_general' && !p.to).person;
const inLife = new Set(life.bodies.flatMap((b) => b.posts.map((p) => p.person)));
const OUTSIDER = demo.people.find((p) => !inLife.has(p.key)).key;

let env;
const as = {};
before(async () => {
  env = await setup('meetings');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:life');
  as.stranger = await readyUser(env.url, env.db, 'other', 'secretariat:info-tech');
  as.contact = await readyUser(env.url, env.db, 'mct', 'member_contact:life/zoology');
  as.officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
});
after(() => env?.close());

const api = (who, method, path, json) => request(env.url, method, path, { session: who, json });
const meetings = '/api/v1/alliances/life/meetings';

/** Asserts a refusal that names its field, article and rule. */
function assertNorm(r, code, field, article, rule) {
  assertError(r, 422, code, field);
  assert.equal(r.body.error.article, article, r.text);
  assert.equal(r.body.error.rule, rule, r.text);
}

const count = () => Number(sql(env.db, "SELECT COUNT(*) FROM meetings WHERE alliance_id = (SELECT id FROM alliances WHERE key = 'life')"));
const audits = (key) => Number(sql(env.db, `SELECT COUNT(*) FROM audit_log WHERE subject = 'meeting:life/${key}'`));
const findings = async () => {
  const r = await api(as.officer, 'GET', '/api/v1/findings?alliance=life');
  assert.equal(r.status, 200, r.text);
  return r.body.findings;
};

const presidiumMeeting = {
  kind: 'presidium',
  title: '2026年第一次主席团会议',
  date: DATE,
  chaired_by: CHAIR,
  agenda: {
    proposed_by: SECRETARY,
    approved_by: CHAIR,
    approved_on: '2026-03-01',
    items: [
      { title: '审议2026年度工作计划', major: true },
      { title: '秘书处工作报告', major: false },
    ],
  },
};

describe('a presidium meeting from plan to distributed minutes', () => {
  let key;
  test('is recorded by the secretariat with a generated key, after the existing meetings', async () => {
    const before = count();
    const r = await api(as.secretariat, 'POST', meetings, presidiumMeeting);
    assert.equal(r.status, 201, r.text);
    key = r.body.key;
    assert.match(key, /^m-\d+$/);
    assert.deepEqual(r.body, { key, status: 'planned', ...presidiumMeeting });
    assert.equal(count(), before + 1);
    assert.equal(sql(env.db, `SELECT seq FROM meetings WHERE key = '${key}'`), String(life.meetings.length));
    assert.equal(audits(key), 1);
    const list = await api(as.contact, 'GET', `${meetings}?limit=500`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.total, life.meetings.length + 1);
    assert.ok(list.body.items.some((m) => m.key === key));
    const page = await api(as.contact, 'GET', `${meetings}?limit=2&offset=1`);
    assert.equal(page.body.items.length, 2);
    assert.equal(page.body.total, life.meetings.length + 1);
  });

  test('held with attendance and decisions: the findings miss its minutes (第十三条)', async () => {
    const present = holders(null, DATE).filter((p, i, all) => all.indexOf(p) === i);
    const r = await api(as.secretariat, 'POST', `${meetings}/${key}/held`, {
      attended: present,
      decisions: [
        { text: '通过2026年度工作计划', major: true },
        { text: '听取秘书处工作报告', major: false },
      ],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'held');
    assert.deepEqual(r.body.attended, present);
    assert.deepEqual(r.body.decisions.map((d) => [d.key, d.major]), [['d-1', true], ['d-2', false]]);
    const missing = (await findings()).filter((f) => f.rule === 'A13.minutes-missing' && f.subject.key === key);
    assert.equal(missing.length, 1, 'a held meeting without signed minutes past the deadline is a breach');
    assert.equal(missing[0].article, 13);
    const again = await api(as.secretariat, 'POST', `${meetings}/${key}/held`, {});
    assertError(again, 409, 'not_planned');
  });

  test('minutes signed by someone other than the chair are refused (第十三条)', async () => {
    const r = await api(as.secretariat, 'POST', `${meetings}/${key}/minutes`, {
      text: '# 纪要',
      signed_by: VICE,
      signed_on: '2026-03-20',
    });
    assertNorm(r, 'not_signed_by_chair', 'signed_by', 13, 'A13.minutes-not-signed-by-chair');
    assert.equal(audits(key), 2, 'nothing written');
  });

  test('minutes signed by the chair and distributed: the breach is gone', async () => {
    const to = holders(null, '2026-03-20').filter((p, i, all) => all.indexOf(p) === i);
    const r = await api(as.secretariat, 'POST', `${meetings}/${key}/minutes`, {
      text: '# 会议纪要\n\n会议**通过**了年度工作计划。<script>alert(1)</script>',
      signed_by: CHAIR,
      signed_on: '2026-03-20',
      distributed_to: to,
      distributed_on: '2026-03-21',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.minutes.signed_by, CHAIR);
    assert.deepEqual(r.body.minutes.distributed_to, to);
    const mine = (await findings()).filter((f) => f.subject.type === 'meeting' && f.subject.key === key);
    assert.deepEqual(mine.map((f) => f.rule), []);
    const final = await api(as.secretariat, 'POST', `${meetings}/${key}/minutes`, { text: 'x' });
    assertError(final, 409, 'minutes_distributed');
    assert.equal(audits(key), 3);
  });

  test('the page shows it, the minutes through the safe Markdown renderer', async () => {
    const r = await request(env.url, 'GET', `/alliances/life/meetings/${key}`, { session: as.contact });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /2026年第一次主席团会议/);
    assert.match(r.text, /<strong>通过<\/strong>/);
    assert.doesNotMatch(r.text, /<script>alert/);
    assert.doesNotMatch(r.text, /<form method="post" id="minutes"/, 'no forms for a member contact');
  });

  test('round-trips: the export holds the meeting as recorded, and imports into a new database', async () => {
    const ex = run(['export', '--db', env.db, '--alliance', 'life']);
    assert.equal(ex.status, 0, ex.stderr);
    const doc = JSON.parse(ex.stdout);
    const exported = doc.alliances[0].meetings.find((m) => m.key === key);
    const shown = (await api(as.secretariat, 'GET', `${meetings}/${key}`)).body;
    assert.deepEqual(exported, shown);
    assert.equal(doc.alliances[0].meetings.at(-1).key, key, 'appended after the imported meetings');
    const file = join(env.dir, 'life.json');
    writeFileSync(file, ex.stdout);
    const fresh = createDb(env.dir, 'fresh.db');
    const im = run(['import', file, '--db', fresh.db]);
    assert.equal(im.status, 0, im.stderr);
    const again = run(['export', '--db', fresh.db, '--alliance', 'life']);
    assert.equal(again.stdout, ex.stdout);
  });
});

describe('what the norms forbid is refused, naming the field and the article', () => {
  const create = (body) => api(as.secretariat, 'POST', meetings, { kind: 'special', title: '专题会议', date: DATE, chaired_by: CHAIR, ...body });

  test('a major decision in a special meeting (第七条)', async () => {
    const before = count();
    const r = await create({ status: 'held', decisions: [{ text: '重大事项', major: true }] });
    assertNorm(r, 'major_decision_outside_presidium', 'decisions', 7, 'A07.major-decision-outside-presidium');
    assert.equal(count(), before);
  });

  test('delegation on a presidium meeting, a presidium meeting not chaired by the chair (第十一条, 第十二条)', async () => {
    let r = await create({ kind: 'presidium', delegated_by: CHAIR });
    assertError(r, 422, 'delegation_not_allowed', 'delegated_by');
    assert.equal(r.body.error.article, 12);
    r = await create({ kind: 'presidium', chaired_by: VICE });
    assertNorm(r, 'not_chaired_by_chair', 'chaired_by', 11, 'A11.not-chaired-by-chair');
  });

  test('a special meeting chaired by a vice-chair needs the chair to delegate (第十二条)', async () => {
    const before = count();
    let r = await create({ chaired_by: VICE });
    assertNorm(r, 'delegation_missing', 'delegated_by', 12, 'A12.special-not-chaired-properly');
    r = await create({ chaired_by: VICE, delegated_by: VICE });
    assertNorm(r, 'delegated_not_by_chair', 'delegated_by', 12, 'A12.special-not-chaired-properly');
    r = await create({ chaired_by: VICE, delegated_by: CHAIR, status: 'held', attended: [VICE], decisions: [{ text: '一般事项' }] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.delegated_by, CHAIR);
    assert.deepEqual(r.body.decisions, [{ key: 'd-1', text: '一般事项', major: false }]);
    assert.equal(count(), before + 1);
  });

  test('unknown people, people without a post, bad dates, empty and long titles', async () => {
    const before = count();
    assertError(await create({ chaired_by: 'nobody-at-all' }), 422, 'unknown_person', 'chaired_by');
    assertError(await create({ chaired_by: OUTSIDER }), 422, 'not_office_holder', 'chaired_by');
    assertError(await create({ status: 'held', attended: ['nobody-at-all'] }), 422, 'unknown_person', 'attended');
    assertError(await create({ date: '2026-02-30' }), 422, 'invalid_date', 'date');
    assertError(await create({ date: 20260310 }), 400, 'wrong_type', 'date');
    assertError(await create({ title: '' }), 422, 'missing_field', 'title');
    assertError(await create({ title: '会'.repeat(201) }), 422, 'invalid_title', 'title');
    assertError(await create({ kind: 'annual' }), 422, 'invalid_field', 'kind');
    assertError(await create({ status: 'held', date: '2099-01-01' }), 422, 'held_in_future', 'date');
    assertError(await create({ agenda: { items: [{ title: '议题' }] } }), 422, 'missing_field', 'agenda.proposed_by');
    assertError(await create({ venue: '北京' }), 400, 'unknown_field', 'venue');
    assert.equal(count(), before, 'nothing half-written');
  });
});

describe('who may record', () => {
  test("a member contact and an officer may read but not record; another alliance's secretariat sees nothing", async () => {
    const body = { ...presidiumMeeting, title: '越权' };
    assertError(await api(as.contact, 'POST', meetings, body), 403, 'forbidden');
    assertError(await api(as.officer, 'POST', meetings, body), 403, 'forbidden');
    assertError(await api(as.stranger, 'POST', meetings, body), 404, 'not_found');
    assertError(await api(as.stranger, 'GET', meetings), 404, 'not_found');
    const key = (await api(as.contact, 'GET', `${meetings}?limit=1`)).body.items[0].key;
    assertError(await api(as.contact, 'POST', `${meetings}/${key}/cancel`, {}), 403, 'forbidden');
    assertError(await api(as.stranger, 'POST', `${meetings}/${key}/cancel`, {}), 404, 'not_found');
    assertError(await api(as.secretariat, 'GET', `${meetings}/no-such-meeting`), 404, 'not_found');
  });
});

describe('cancelling', () => {
  test('a planned meeting is cancelled once', async () => {
    const r = await api(as.secretariat, 'POST', meetings, { ...presidiumMeeting, title: '临时主席团会议', date: '2026-12-20' });
    assert.equal(r.status, 201, r.text);
    const c = await api(as.secretariat, 'POST', `${meetings}/${r.body.key}/cancel`, {});
    assert.equal(c.status, 200, c.text);
    assert.equal(c.body.status, 'cancelled');
    assertError(await api(as.secretariat, 'POST', `${meetings}/${r.body.key}/cancel`, {}), 409, 'not_planned');
    assertError(await api(as.secretariat, 'POST', `${meetings}/${r.body.key}/minutes`, { text: 'x' }), 409, 'not_held');
  });
});

describe('the form 记录会议', () => {
  const post = (form) => request(env.url, 'POST', '/alliances/life/meetings', { cookie: as.secretariat.cookie, form });
  const fields = (extra) => [
    ['kind', 'presidium'],
    ['title', '网页记录的主席团会议'],
    ['date', '2026-04-02'],
    ['status', 'planned'],
    ['chaired_by', CHAIR],
    ['delegated_by', ''],
    ['agenda.proposed_by', SECRETARY],
    ['agenda.items', '审议章程修订'],
    ['agenda.items', ''],
    ['agenda.major', '1'],
    ...extra,
  ];

  test('shows on the meetings tab for the secretariat only', async () => {
    const mine = await request(env.url, 'GET', '/alliances/life?tab=meetings', { session: as.secretariat });
    assert.equal(mine.status, 200);
    assert.match(mine.text, /<form method="post" id="record-meeting" action="\/alliances\/life\/meetings">/);
    const theirs = await request(env.url, 'GET', '/alliances/life?tab=meetings', { session: as.contact });
    assert.equal(theirs.status, 200);
    assert.doesNotMatch(theirs.text, /id="record-meeting"/);
    assert.match(theirs.text, /id="meeting-links"/);
  });

  test('without the CSRF token it is refused and nothing is written', async () => {
    const before = count();
    const r = await post(fields([]));
    assert.equal(r.status, 403);
    assert.equal(count(), before);
  });

  test('an error is shown beside its field, naming the article', async () => {
    const r = await request(env.url, 'POST', '/alliances/life/meetings', {
      cookie: as.secretariat.cookie,
      headers: { 'accept-language': 'zh-CN' },
      form: fields([['csrf', as.secretariat.csrf]]).map(([k, v]) => (k === 'chaired_by' ? [k, VICE] : [k, v])),
    });
    assert.equal(r.status, 422, r.text);
    assert.match(r.text, /<div class="field invalid"><label for="f-chaired_by">/);
    assert.match(r.text, /<p class="error" id="e-f-chaired_by">[^<]*第十一条/);
    assert.match(r.text, /value="网页记录的主席团会议"/, 'what was typed is kept');
  });

  test('a good form records the meeting and leads to its page', async () => {
    const before = count();
    const r = await post(fields([['csrf', as.secretariat.csrf]]));
    assert.equal(r.status, 303, r.text);
    const m = /^\/alliances\/life\/meetings\/(m-\d+)\?done=1$/.exec(r.headers.get('location'));
    assert.ok(m, r.headers.get('location'));
    assert.equal(count(), before + 1);
    const shown = (await api(as.secretariat, 'GET', `${meetings}/${m[1]}`)).body;
    assert.deepEqual(shown.agenda, { proposed_by: SECRETARY, items: [{ title: '审议章程修订', major: true }] });
    const page = await request(env.url, 'GET', `/alliances/life/meetings/${m[1]}`, { session: as.secretariat });
    assert.equal(page.status, 200);
    assert.match(page.text, /<form method="post" id="held"/);
    assert.match(page.text, /<form method="post" id="cancel"/);
  });
});

describe('the dashboard: what falls due', () => {
  /** A day as YYYY-MM-DD in Asia/Shanghai, `offset` days from today. */
  const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
  /** The dashboard's "due within 30 days" section. */
  const due = async () => {
    const r = await request(env.url, 'GET', '/', { session: as.officer });
    assert.equal(r.status, 200);
    const m = /<section class="card" aria-labelledby="h-due">([\s\S]*?)<\/section>/.exec(r.text);
    assert.ok(m, 'no due-soon section on the dashboard');
    return m[1];
  };

  test('a meeting held five days ago without minutes is due (第十三条); signed minutes take it off', async () => {
    const held = day(-5);
    const chair = holders('chair', held)[0];
    assert.ok(chair, `no chair in office on ${held}`);
    const title = `到期提醒测试会议${held}`;
    const r = await api(as.secretariat, 'POST', meetings, {
      kind: 'presidium',
      title,
      date: held,
      status: 'held',
      chaired_by: chair,
      attended: [chair],
    });
    assert.equal(r.status, 201, r.text);
    // Not yet a breach of 第十三条 today (30 days to sign): not among today's findings, but due.
    const today = (await findings()).filter((f) => f.article === 13 && f.subject.key === r.body.key);
    assert.deepEqual(today, []);
    assert.match(await due(), new RegExp(`<a href="/alliances/life\\?tab=meetings#meetings">第十三条[^<]*${title}`));
    const to = holders(null, held).filter((p, i, all) => all.indexOf(p) === i);
    const minutes = await api(as.secretariat, 'POST', `${meetings}/${r.body.key}/minutes`, {
      text: '# 纪要',
      signed_by: chair,
      signed_on: day(-1),
      distributed_to: to,
      distributed_on: day(0),
    });
    assert.equal(minutes.status, 200, minutes.text);
    assert.doesNotMatch(await due(), new RegExp(title));
  });
});
