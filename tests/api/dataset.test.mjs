// The dataset through the API: POST /api/v1/import answers 422 with every problem as
// {pointer, message} and writes nothing, 200 with counts when the dataset is valid (dry_run and
// replace as query flags); GET /api/v1/export answers the same bytes as `lianheti export`; only a
// CAST officer imports, and the administrator roles neither import nor export.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { assertError, readyAdmin, readyUser, request, run, setup, sql } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const FULL = readFileSync(join(here, '../fixtures/canonical-full.json'), 'utf8');

let env;
const as = {};
before(async () => {
  env = await setup('dataset');
  as.sysadmin = await readyAdmin(env.url, env.admin);
  as.secadmin = await readyUser(env.url, env.db, 'sec', 'secadmin');
  as.auditor = await readyUser(env.url, env.db, 'aud', 'auditor');
  // The fixture has alliances in two jurisdictions: importing it needs both.
  as.officer = await readyUser(env.url, env.db, 'cao', ['cast_officer:cast', 'cast_officer:bjast']);
  as.officerBj = await readyUser(env.url, env.db, 'bjo', 'cast_officer:bjast');
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:smart-mfg');
});
after(() => env?.close());

const importAs = (who, body, query = '') =>
  request(env.url, 'POST', `/api/v1/import${query}`, { session: who, json: body });

describe('import', () => {
  test('a dataset with problems: 422 with every problem, nothing written', async () => {
    const doc = JSON.parse(FULL);
    doc.alliances[0].members[3].organisation = 'cmes2';
    doc.alliances[0].members[0].joined_on = '2018-02-30';
    doc.alliances[0].ledger.transactions[0].postings[0].amount_fen = 100.5;
    doc.organisations[0].uscc = '51100000500002862E';
    const r = await importAs(as.officer, doc);
    assertError(r, 422, 'invalid_dataset');
    assert.deepEqual(r.body.error.details, [
      { pointer: '/organisations/0/uscc', message: '"51100000500002862E" has a wrong check character: expected F' },
      { pointer: '/alliances/0/members/0/joined_on', message: '"2018-02-30" is not a real date' },
      { pointer: '/alliances/0/members/3/organisation', message: 'unknown organisation key "cmes2"' },
      {
        pointer: '/alliances/0/ledger/transactions/0/postings/0/amount_fen',
        message: 'expected an integer number of fen, not a decimal number',
      },
    ]);
    assert.equal(sql(env.db, 'SELECT count(*) FROM organisations'), '0');
  });

  test('invalid JSON and invalid UTF-8 are problems of the whole document', async () => {
    let r = await importAs(as.officer, '{"format": "lianheti-dataset",,}');
    assertError(r, 422, 'invalid_dataset');
    assert.equal(r.body.error.details.length, 1);
    assert.equal(r.body.error.details[0].pointer, '');
    assert.match(r.body.error.details[0].message, /^invalid JSON at line 1, column \d+/);
    r = await request(env.url, 'POST', '/api/v1/import', {
      session: as.officer,
      body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      contentType: 'application/json',
    });
    assertError(r, 422, 'invalid_dataset');
    assert.deepEqual(r.body.error.details, [{ pointer: '', message: 'invalid UTF-8 at line 1, column 3 (byte 2)' }]);
  });

  test('the body must be sent as JSON', async () => {
    const r = await request(env.url, 'POST', '/api/v1/import', {
      session: as.officer,
      body: FULL,
      contentType: 'text/plain',
    });
    assertError(r, 400, 'content_type');
  });

  test('a dry run checks and writes nothing', async () => {
    const r = await importAs(as.officer, FULL, '?dry_run=1');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.imported, false);
    assert.equal(r.body.dry_run, true);
    assert.equal(r.body.counts.alliances, 3);
    assert.equal(r.body.import, undefined);
    assert.equal(sql(env.db, 'SELECT count(*) FROM alliances'), '0');
  });

  test('a CAST officer of another jurisdiction may not import it', async () => {
    const r = await importAs(as.officerBj, FULL);
    assertError(r, 403, 'forbidden');
  });

  test('a valid dataset: 200 with counts, one audit record', async () => {
    const r = await importAs(as.officer, FULL);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.imported, true);
    assert.equal(r.body.counts.alliances, 3);
    assert.equal(r.body.counts.organisations, 5);
    assert.equal(r.body.counts.postings, 7);
    assert.match(r.body.sha256, /^[0-9a-f]{64}$/);
    assert.equal(typeof r.body.import, 'number');
    assert.equal(sql(env.db, "SELECT count(*) FROM audit_log WHERE action = 'dataset.import'"), '1');
    assert.equal(sql(env.db, 'SELECT actor FROM imports'), 'user:cao');
  });

  test('the same dataset again: every existing key is a problem; replace=1 replaces', async () => {
    let r = await importAs(as.officer, FULL);
    assertError(r, 422, 'invalid_dataset');
    assert.equal(r.body.error.details.length, 14);
    assert.deepEqual(r.body.error.details[0], {
      pointer: '/jurisdictions/0/key',
      message: 'jurisdiction "cast" is in the database already (import with replace to update it)',
    });
    r = await importAs(as.officer, FULL, '?replace=1');
    assert.equal(r.status, 200, r.text);
    assert.equal(sql(env.db, 'SELECT count(*) FROM postings'), '7');
  });

  test('bad query flags are refused', async () => {
    const r = await importAs(as.officer, FULL, '?dry_run=yes');
    assertError(r, 400, 'invalid_parameter', 'dry_run');
  });
});

describe('export', () => {
  test('the same bytes as the command line, which are the canonical fixture', async () => {
    const r = await request(env.url, 'GET', '/api/v1/export', { session: as.officer });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const cli = run(['export', '--db', env.db]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(r.text, cli.stdout);
    assert.equal(r.text, FULL);
  });

  test('one alliance, with what it refers to', async () => {
    const r = await request(env.url, 'GET', '/api/v1/export?alliance=bj-proposed', { session: as.officer });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, run(['export', '--db', env.db, '--alliance', 'bj-proposed']).stdout);
    assert.deepEqual(
      r.body.alliances.map((a) => a.key),
      ['bj-proposed'],
    );
    assert.deepEqual(
      r.body.jurisdictions.map((j) => j.key),
      ['cast', 'bjast'],
    );
  });

  test('a secretariat exports its own alliance only', async () => {
    let r = await request(env.url, 'GET', '/api/v1/export?alliance=smart-mfg', { session: as.secretariat });
    assert.equal(r.status, 200, r.text);
    r = await request(env.url, 'GET', '/api/v1/export', { session: as.secretariat });
    assertError(r, 403, 'forbidden');
    r = await request(env.url, 'GET', '/api/v1/export?alliance=bj-proposed', { session: as.secretariat });
    assertError(r, 403, 'forbidden');
  });

  test("a member organisation's contact exports its alliance without people's email and phone", async () => {
    const contact = await readyUser(env.url, env.db, 'mct', 'member_contact:smart-mfg/cmes');
    const mine = await request(env.url, 'GET', '/api/v1/export?alliance=smart-mfg', { session: contact });
    assert.equal(mine.status, 200, mine.text);
    const full = await request(env.url, 'GET', '/api/v1/export?alliance=smart-mfg', { session: as.secretariat });
    assert.ok(full.body.people.some((p) => p.email || p.phone), 'the fixture has contact data');
    assert.deepEqual(
      mine.body.people.map((p) => p.key),
      full.body.people.map((p) => p.key),
    );
    assert.ok(mine.body.people.every((p) => p.email === undefined && p.phone === undefined));
  });

  test('an unknown alliance is 404, a malformed key 400', async () => {
    let r = await request(env.url, 'GET', '/api/v1/export?alliance=nope', { session: as.officer });
    assertError(r, 404, 'not_found');
    r = await request(env.url, 'GET', '/api/v1/export?alliance=No%20Such', { session: as.officer });
    assertError(r, 400, 'invalid_key', 'alliance');
  });
});

describe('the administrator roles have no right on business data', () => {
  for (const role of ['sysadmin', 'secadmin', 'auditor']) {
    test(`${role} may neither import nor export`, async () => {
      let r = await importAs(as[role], FULL, '?dry_run=1');
      assertError(r, 403, 'forbidden');
      r = await request(env.url, 'GET', '/api/v1/export', { session: as[role] });
      assertError(r, 403, 'forbidden');
    });
  }
});

test('without a session: 401', async () => {
  const r = await request(env.url, 'GET', '/api/v1/export');
  assertError(r, 401, 'unauthenticated');
});
