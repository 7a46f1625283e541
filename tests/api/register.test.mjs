// The alliance register end to end through the API: organisations (with their USCC decoded and a
// bulk import from GBK CSV, XLSX and XLS, and a file with bad rows that imports nothing), an
// alliance proposed by its initiators, its charter drafted, submitted and approved, its
// establishment approved by the standing committee, members joining and leaving (a national
// society only with CAST's approval), a rename, and its dissolution. Every refusal the norms are
// behind names its article and rule: a name without the prefix (第十八条), a wrong authority
// (403), a second decision (409), a member without charter acceptance (第四条).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { assertError, createDb, readyUser, removeDir, request, run, setup, sql, tempDir } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../fixtures/orgs');

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A valid unified social credit code from its first 17 characters (GB 32100-2015). */
function uscc(first17) {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

let env;
const as = {};
before(async () => {
  env = await setup('register');
  as.officer = await readyUser(env.url, env.db, 'officer', 'cast_officer:cast');
  as.bjofficer = await readyUser(env.url, env.db, 'bjofficer', 'cast_officer:bjast');
  sql(
    env.db,
    "INSERT INTO jurisdictions (key, name, short_name) VALUES ('cast', '中国科学技术协会', '中国科协'), " +
      "('bjast', '北京市科学技术协会', '北京市科协')",
  );
});
after(() => env?.close());

const api = (who, method, path, json) => request(env.url, method, path, { session: who, json });

/** Asserts a refusal that names its article and rule. */
function assertNorm(r, status, code, article, rule) {
  assertError(r, status, code);
  assert.equal(r.body.error.article, article, r.text);
  if (rule) assert.equal(r.body.error.rule, rule, r.text);
}

describe('organisations', () => {
  test('are added with a checked USCC, shown with what it encodes', async () => {
    const orgs = [
      { key: 'cmes', name: '中国机械工程学会', kind: 'national_society', uscc: uscc('51100000500000123') },
      { key: 'cie', name: '中国电子学会', kind: 'national_society', uscc: uscc('51100000500000124') },
      { key: 'caa', name: '中国自动化学会', kind: 'national_society', uscc: uscc('51100000500000125') },
      { key: 'robots', name: '某机器人股份有限公司', kind: 'enterprise', uscc: uscc('91440300MA5F00126') },
      { name: '某智能制造研究院', kind: '科研机构', uscc: uscc('12100000400000127') },
    ];
    for (const o of orgs) {
      const r = await api(as.officer, 'POST', '/api/v1/organisations', o);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.name, o.name);
    }
    const r = await api(as.officer, 'GET', '/api/v1/organisations/cmes');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.registration, { authority: '民政', category: '社会团体', region: '100000', national: true });
    const list = await api(as.officer, 'GET', '/api/v1/organisations?limit=2');
    assert.equal(list.body.total, 5);
    assert.equal(list.body.items.length, 2);
    const generated = (await api(as.officer, 'GET', '/api/v1/organisations?kind=research_institute')).body.items[0];
    assert.match(generated.key, /^o-\d+$/);
  });

  test('a wrong check character, a duplicate name and an unknown kind are refused', async () => {
    const bad = uscc('51100000500000999');
    const wrong = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');
    let r = await api(as.officer, 'POST', '/api/v1/organisations', { name: '某学会', kind: 'social_org', uscc: wrong });
    assertNorm(r, 422, 'invalid_uscc', 4, 'A04.uscc-invalid');
    assert.equal(r.body.error.field, 'uscc');
    r = await api(as.officer, 'POST', '/api/v1/organisations', { name: '中国电子学会', kind: 'social_org' });
    assertError(r, 409, 'duplicate_name', 'name');
    r = await api(as.officer, 'POST', '/api/v1/organisations', { name: '某单位', kind: 'company' });
    assertError(r, 422, 'invalid_field', 'kind');
  });
});

describe('importing organisations', () => {
  const upload = (who, name, query = '') =>
    request(env.url, 'POST', `/api/v1/organisations/import${query}`, {
      session: who,
      body: readFileSync(join(FIXTURES, name)),
      contentType: 'application/octet-stream',
    });

  test('a file with bad rows lists every problem by row and imports nothing', async () => {
    const before = (await api(as.officer, 'GET', '/api/v1/organisations')).body.total;
    const r = await upload(as.officer, 'bad-rows.csv');
    assertError(r, 422, 'import_problems');
    const problems = r.body.error.details.map((p) => `${p.row}:${p.field ?? ''}`);
    assert.deepEqual(problems.sort(), ['2:uscc', '3:name', '4:key', '4:kind', '4:uscc', '5:name'].sort());
    const wrong = r.body.error.details.find((p) => p.row === 2);
    assert.match(wrong.value, /^[0-9A-Y]$/, 'the expected check character is given');
    assert.equal((await api(as.officer, 'GET', '/api/v1/organisations')).body.total, before);
  });

  test('a GBK CSV file with Chinese headings: dry run first, then the import', async () => {
    let r = await upload(as.officer, 'gbk.csv', '?dry_run=1');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.format, 'csv-gb18030');
    assert.equal(r.body.imported, false);
    assert.deepEqual(
      r.body.items.map((o) => [o.row, o.name, o.kind]),
      [
        [2, '中国导入测试学会', 'national_society'],
        [3, '导入测试科技有限公司', 'enterprise'],
        [4, '导入测试大学', 'university'],
      ],
    );
    assert.equal((await api(as.officer, 'GET', '/api/v1/organisations?kind=university')).body.total, 0);
    r = await upload(as.officer, 'gbk.csv');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.total, 3);
    assert.equal((await api(as.officer, 'GET', '/api/v1/organisations?kind=university')).body.total, 1);
    // The same file again: every row is in the register now.
    r = await upload(as.officer, 'gbk.csv');
    assertError(r, 422, 'import_problems');
    assert.equal(r.body.error.details.length, 3);
  });

  test('XLSX and XLS files', async () => {
    let r = await upload(as.officer, 'orgs.xlsx');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.format, 'xlsx');
    assert.deepEqual(r.body.items.map((o) => o.key), ['xlsx-soc', 'xlsx-ent']);
    r = await upload(as.officer, 'orgs.xls');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.format, 'xls');
    assert.equal((await api(as.officer, 'GET', '/api/v1/organisations/xls-inst')).body.kind, 'research_institute');
  });

  test('a file that is no table, and someone without the right', async () => {
    const r = await request(env.url, 'POST', '/api/v1/organisations/import', {
      session: as.officer,
      body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]),
    });
    assertError(r, 422, 'unreadable_file');
    const auditor = await readyUser(env.url, env.db, 'aud', 'auditor');
    assertError(await upload(auditor, 'gbk.csv'), 403, 'forbidden');
  });
});

let key; // the alliance proposed below, used by the page tests too

describe('an alliance from proposal to dissolution', () => {
  let establishment;

  test('a name without the jurisdiction prefix is refused (第十八条)', async () => {
    const r = await api(as.officer, 'POST', '/api/v1/alliances', {
      jurisdiction: 'cast',
      name: '智能制造学会联合体',
      initiators: ['cmes', 'cie'],
    });
    assertNorm(r, 422, 'name_prefix', 18, 'A18.name-prefix');
    assert.equal(r.body.error.field, 'name');
  });

  test('initiators: two national societies at least (第一条)', async () => {
    let r = await api(as.officer, 'POST', '/api/v1/alliances', {
      jurisdiction: 'cast',
      name: '中国科协智能制造学会联合体',
      initiators: ['cmes'],
    });
    assertNorm(r, 422, 'initiators_too_few', 1, 'A01.initiators-too-few');
    r = await api(as.officer, 'POST', '/api/v1/alliances', {
      jurisdiction: 'cast',
      name: '中国科协智能制造学会联合体',
      initiators: ['cmes', 'robots'],
    });
    assertNorm(r, 422, 'initiator_not_national_society', 1, 'A01.initiator-not-national-society');
    // Only the jurisdiction's officer registers a proposal.
    r = await api(as.bjofficer, 'POST', '/api/v1/alliances', {
      jurisdiction: 'cast',
      name: '中国科协智能制造学会联合体',
      initiators: ['cmes', 'cie'],
    });
    assertError(r, 403, 'forbidden');
  });

  test('a proposal creates a proposed alliance and its establishment request', async () => {
    const r = await api(as.officer, 'POST', '/api/v1/alliances', {
      jurisdiction: 'cast',
      name: '  中国科协智能制造学会联合体　',
      initiators: ['cmes', 'cie'],
    });
    assert.equal(r.status, 201, r.text);
    key = r.body.key;
    assert.match(key, /^a-\d+$/);
    assert.equal(r.headers.get('location'), `/api/v1/alliances/${key}`);
    assert.equal(r.body.name, '中国科协智能制造学会联合体', 'the name is trimmed');
    assert.equal(r.body.status, 'proposed');
    assert.deepEqual(r.body.initiators, ['cmes', 'cie']);
    assert.equal(r.body.requests.length, 1);
    establishment = r.body.requests[0];
    assert.equal(establishment.kind, 'establishment');
    assert.equal(establishment.authority, 'standing_committee');
    assert.equal(establishment.state, 'pending');
    assert.equal(establishment.article, 21);
    assert.equal(establishment.may_decide, true);

    const list = await api(as.officer, 'GET', '/api/v1/alliances');
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.items[0].key, key);
    const got = await api(as.officer, 'GET', `/api/v1/alliances/${key}`);
    assert.equal(got.body.status, 'proposed');
    // Another jurisdiction's officer does not see it.
    assert.equal((await api(as.bjofficer, 'GET', '/api/v1/alliances')).body.total, 0);
    assertError(await api(as.bjofficer, 'GET', `/api/v1/alliances/${key}`), 404, 'not_found');
  });

  test('the secretariat does not decide; without an approved charter there is no establishment', async () => {
    as.secretariat = await readyUser(env.url, env.db, 'sec', `secretariat:${key}`);
    let r = await api(as.secretariat, 'POST', `/api/v1/approvals/${establishment.id}/decision`, {
      decision: 'approved',
      ref: '科协发学字〔2026〕12号',
    });
    assertNorm(r, 403, 'wrong_authority', 21);
    // Another jurisdiction's officer: as if there were no such request.
    r = await api(as.bjofficer, 'POST', `/api/v1/approvals/${establishment.id}/decision`, {
      decision: 'approved',
      ref: '科协发学字〔2026〕12号',
    });
    assertError(r, 404, 'not_found');
    r = await api(as.officer, 'POST', `/api/v1/approvals/${establishment.id}/decision`, {
      decision: 'approved',
      ref: '科协发学字〔2026〕12号',
    });
    assertNorm(r, 422, 'charter_missing', 2, 'A02.charter-missing');
    r = await api(as.officer, 'POST', `/api/v1/approvals/${establishment.id}/decision`, { decision: 'approved' });
    assertNorm(r, 422, 'ref_required', 21);
    r = await api(as.officer, 'POST', `/api/v1/approvals/${establishment.id}/decision`, { decision: 'maybe' });
    assertError(r, 422, 'invalid_decision', 'decision');
  });

  test('the charter: drafted by the initiators, submitted, approved by CAST (第二条)', async () => {
    let r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/charters`, {
      text: '# 章程\n\n第一条 …',
      drafted_by: ['cmes', 'robots'],
    });
    assertNorm(r, 422, 'drafter_not_initiator', 2, 'A02.drafter-not-initiator');
    r = await api(as.officer, 'POST', `/api/v1/alliances/${key}/charters`, { text: '# 章程' });
    assertError(r, 403, 'forbidden');
    r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/charters`, {
      text: '# 中国科协智能制造学会联合体章程\n\n**第一条** 本联合体……\n\n<script>alert(1)</script>',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.version, 1);
    assert.deepEqual(r.body.drafted_by, ['cmes', 'cie']);
    assert.equal(r.body.current, false);
    r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/charters/1/submit`, {});
    assert.equal(r.status, 202, r.text);
    const req = r.body.request;
    assert.equal(req.kind, 'charter');
    assert.equal(req.authority, 'cast');
    assert.equal(req.may_decide, false, 'the secretariat may not decide it');
    assert.equal(req.may_withdraw, true);
    assertError(await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/charters/1/submit`, {}), 409, 'already_submitted');
    r = await api(as.officer, 'POST', `/api/v1/approvals/${req.id}/decision`, {
      decision: 'approved',
      date: '2026-01-10',
      ref: '科协函学字〔2026〕5号',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.state, 'approved');
    r = await api(as.secretariat, 'GET', `/api/v1/alliances/${key}/charters`);
    assert.equal(r.body.total, 1);
    assert.equal(r.body.items[0].current, true);
    assert.deepEqual(r.body.items[0].approved, { date: '2026-01-10', by: 'cast', ref: '科协函学字〔2026〕5号' });
  });

  test('the standing committee approves; a second decision is a conflict (第二十一条)', async () => {
    let r = await api(as.officer, 'POST', `/api/v1/approvals/${establishment.id}/decision`, {
      decision: 'approved',
      date: '2026-01-15',
      ref: '科协发学字〔2026〕12号',
      comment: '第十届常委会第八次会议',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.state, 'approved');
    assert.equal(r.body.date, '2026-01-15');
    assert.equal(r.body.decided_by, 'user:officer');
    r = await api(as.officer, 'GET', `/api/v1/alliances/${key}`);
    assert.equal(r.body.status, 'active');
    assert.deepEqual(r.body.established, { date: '2026-01-15', by: 'standing_committee', ref: '科协发学字〔2026〕12号' });
    assert.equal(r.body.charter_version, 1);
    r = await api(as.officer, 'POST', `/api/v1/approvals/${establishment.id}/decision`, { decision: 'rejected' });
    assertError(r, 409, 'already_decided');
    r = await api(as.officer, 'POST', `/api/v1/approvals/${establishment.id}/withdraw`, {});
    assertNorm(r, 422, 'not_withdrawable', 21);
  });

  test('members accept the current charter; an enterprise joins at once (第四条)', async () => {
    let r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members`, { organisation: 'robots' });
    assertNorm(r, 422, 'charter_not_acknowledged', 4, 'A04.charter-not-acknowledged');
    assert.equal(r.body.error.field, 'charter_ack');
    r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members`, {
      organisation: 'robots',
      charter_ack: { version: 2 },
    });
    assertNorm(r, 422, 'charter_not_current', 4, 'A04.charter-not-acknowledged');
    r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members`, {
      organisation: 'robots',
      joined_on: '2026-02-01',
      charter_ack: { version: 1, date: '2026-01-20' },
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.member.charter_ack, { version: 1, date: '2026-01-20' });
    assert.equal(r.body.member.joined_on, '2026-02-01');
    r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members`, {
      organisation: 'robots',
      charter_ack: { version: 1 },
    });
    assertError(r, 409, 'already_member');
  });

  test('a national society joins only with CAST approval', async () => {
    let r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members`, {
      organisation: 'caa',
      charter_ack: { version: 1 },
    });
    assert.equal(r.status, 202, r.text);
    const req = r.body.request;
    assert.equal(req.kind, 'join');
    assert.equal(req.subject, `member:${key}/caa`);
    const members = async () =>
      (await api(as.officer, 'GET', `/api/v1/alliances/${key}`)).body.members;
    assert.equal(await members(), 3, 'not a member while the request waits');
    const inbox = await api(as.officer, 'GET', '/api/v1/approvals?to_decide=1');
    assert.deepEqual(inbox.body.items.map((q) => q.id), [req.id]);
    const mine = await api(as.secretariat, 'GET', '/api/v1/approvals?mine=1&state=pending');
    assert.deepEqual(mine.body.items.map((q) => q.id), [req.id]);
    r = await api(as.officer, 'POST', `/api/v1/approvals/${req.id}/decision`, {
      decision: 'approved',
      ref: '科协函学字〔2026〕9号',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(await members(), 4);
    assert.equal(sql(env.db, `SELECT join_approved_by || ' ' || join_approved_ref FROM members WHERE organisation_id = (SELECT id FROM organisations WHERE key = 'caa')`), 'cast 科协函学字〔2026〕9号');
  });

  test("another alliance's secretariat cannot touch this one", async () => {
    const stranger = await readyUser(env.url, env.db, 'stranger', 'secretariat:elsewhere');
    let r = await api(stranger, 'POST', `/api/v1/alliances/${key}/members`, {
      organisation: 'o-5',
      charter_ack: { version: 1 },
    });
    assertError(r, 404, 'not_found');
    r = await api(stranger, 'POST', `/api/v1/alliances/${key}/charters`, { text: 'x' });
    assertError(r, 404, 'not_found');
    assertError(await api(stranger, 'GET', `/api/v1/alliances/${key}`), 404, 'not_found');
  });

  test('leaving: an enterprise at once, a national society with CAST approval; rows stay', async () => {
    let r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members/robots/leave`, { left_on: '2026-03-01' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.member.left_on, '2026-03-01');
    r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members/caa/leave`, {});
    assert.equal(r.status, 202, r.text);
    assert.equal(r.body.request.kind, 'leave');
    r = await api(as.officer, 'POST', `/api/v1/approvals/${r.body.request.id}/decision`, { decision: 'approved' });
    assert.equal(r.status, 200, r.text);
    assertError(await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/members/caa/leave`, {}), 404, 'not_member');
    assert.equal(sql(env.db, 'SELECT count(*) FROM members WHERE left_on IS NOT NULL'), '2');
  });

  test('a rename keeps the prefix (第十八条)', async () => {
    let r = await api(as.secretariat, 'PATCH', `/api/v1/alliances/${key}`, { name: '智能制造联合体' });
    assertNorm(r, 422, 'name_prefix', 18, 'A18.name-prefix');
    r = await api(as.secretariat, 'PATCH', `/api/v1/alliances/${key}`, { name: '中国科协智能制造与机器人学会联合体' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.name, '中国科协智能制造与机器人学会联合体');
  });

  test('dissolution: dissolving, then dissolved with the standing committee approval', async () => {
    let r = await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/dissolution`, { comment: '任务完成' });
    assert.equal(r.status, 202, r.text);
    const req = r.body.request;
    assert.equal(req.kind, 'dissolution');
    assert.equal((await api(as.officer, 'GET', `/api/v1/alliances/${key}`)).body.status, 'dissolving');
    assertError(await api(as.secretariat, 'POST', `/api/v1/alliances/${key}/dissolution`, {}), 409, 'not_active');
    r = await api(as.officer, 'POST', `/api/v1/approvals/${req.id}/decision`, { decision: 'approved' });
    assertNorm(r, 422, 'ref_required', 21);
    r = await api(as.officer, 'POST', `/api/v1/approvals/${req.id}/decision`, {
      decision: 'approved',
      ref: '科协发学字〔2027〕3号',
    });
    assert.equal(r.status, 200, r.text);
    r = await api(as.officer, 'GET', `/api/v1/alliances/${key}`);
    assert.equal(r.body.status, 'dissolved');
    assert.equal(r.body.dissolved.ref, '科协发学字〔2027〕3号');
    assert.equal(r.body.requests.length, 0);
  });

  test('every step is in the audit trail', () => {
    const actions = sql(env.db, 'SELECT action FROM audit_log ORDER BY seq').split('\n');
    for (const a of [
      'alliance.propose',
      'approval.submit',
      'charter.draft',
      'charter.submit',
      'approval.approve',
      'member.add',
      'member.leave',
      'alliance.rename',
      'alliance.dissolve',
      'organisation.create',
      'organisations.import',
    ])
      assert.ok(actions.includes(a), `no ${a} in the audit trail`);
  });

  test('what the register wrote exports, and the export round-trips', () => {
    const first = run(['export', '--db', env.db]);
    assert.equal(first.status, 0, first.stderr);
    const doc = JSON.parse(first.stdout);
    const al = doc.alliances.find((a) => a.key === key);
    assert.equal(al.status, 'dissolved');
    assert.equal(al.charters[0].approved.by, 'cast');
    assert.ok(al.members.some((m) => m.organisation === 'caa' && m.join_approved?.by === 'cast' && m.left_on));
    const dir = tempDir('register-roundtrip');
    try {
      const { db } = createDb(dir);
      const imp = run(['import', '-', '--db', db], { input: first.stdout });
      assert.equal(imp.status, 0, imp.stderr);
      const second = run(['export', '--db', db]);
      assert.equal(second.stdout, first.stdout);
    } finally {
      removeDir(dir);
    }
  });
});

describe('the pages', () => {
  const page = (who, method, path, opts = {}) =>
    request(env.url, method, path, { session: who, headers: { 'accept-language': 'zh-CN' }, ...opts });

  test('a proposal with a bad name is refused beside the field, naming 第十八条', async () => {
    const r = await page(as.officer, 'POST', '/alliances', {
      form: { csrf: as.officer.csrf, jurisdiction: 'cast', name: '智能网联学会联合体', initiators: 'cmes' },
    });
    assert.equal(r.status, 422, r.text);
    assert.match(r.text, /<p class="error" id="e-name">[^<]*第十八条[^<]*<\/p>/);
    assert.match(r.text, /id="f-name"[^>]*aria-invalid="true"/);
  });

  test('an upload with bad rows lists every problem; a good one is previewed, then imported', async () => {
    const upload = async (name, bytes) => {
      const form = new FormData();
      form.append('csrf', as.officer.csrf);
      form.append('file', new Blob([bytes]), name);
      return page(as.officer, 'POST', '/organisations/import', { body: form });
    };
    let r = await upload('bad-rows.csv', readFileSync(join(FIXTURES, 'bad-rows.csv')));
    assert.equal(r.status, 422, r.text);
    assert.equal([...r.text.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].length, 6);
    const csv = `\ufeff名称,类型,统一社会信用代码\r\n页面导入测试学会,全国学会,${uscc('51100000500000888')}\r\n"页面导入, 测试公司",企业,\r\n`;
    r = await upload('good.csv', Buffer.from(csv, 'utf8'));
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<table id="preview">/);
    const data = /<textarea name="data" hidden>([^<]*)<\/textarea>/.exec(r.text)[1]
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    assert.equal((await api(as.officer, 'GET', '/api/v1/organisations?kind=enterprise')).body.items.some((o) => o.name === '页面导入, 测试公司'), false);
    r = await page(as.officer, 'POST', '/organisations/import', { form: { csrf: as.officer.csrf, data } });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.headers.get('location'), '/organisations?imported=2');
    const list = (await api(as.officer, 'GET', '/api/v1/organisations?limit=500')).body.items;
    assert.ok(list.some((o) => o.name === '页面导入, 测试公司'));
    assert.ok(list.some((o) => o.name === '页面导入测试学会' && o.kind === 'national_society'));
  });

  test('the charter is rendered from Markdown, and raw HTML never passes', async () => {
    const r = await page(as.officer, 'GET', `/alliances/${key}/charter?version=1`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<div class="markdown"><h1>中国科协智能制造学会联合体章程<\/h1>/);
    assert.match(r.text, /<strong>第一条<\/strong>/);
    assert.doesNotMatch(r.text, /<script>alert/);
    assert.match(r.text, /<!-- raw HTML omitted -->/);
  });

  test('the inbox, the organisations list and its downloads answer', async () => {
    for (const path of ['/approvals', '/organisations', '/organisations/import', '/alliances/new']) {
      const r = await page(as.officer, 'GET', path);
      assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
    }
    const csv = await page(as.officer, 'GET', '/organisations?format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.text, /民政/);
    const auditor = await page(as.secretariat, 'GET', '/alliances/new');
    assert.equal(auditor.status, 403);
  });
});
