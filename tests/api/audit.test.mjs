// The hash-chained audit trail: what it records, and that `audit verify` (and the API and page
// built on it) notice every kind of tampering with the database, naming the right record.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_PASSWORD,
  OWN_PASSWORD,
  addUser,
  auditVerify,
  copyDb,
  createDb,
  emptyDb,
  isPg,
  readyAdmin,
  readyUser,
  removeDir,
  request,
  signIn,
  sql,
  startServer,
  stopServer,
  tempDir,
  trySignIn,
} from './lib.mjs';

const auditItems = async (url, session) => {
  const r = await request(url, 'GET', '/api/v1/audit?limit=500', { session });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, r.body.items.length);
  return [...r.body.items].sort((a, b) => a.seq - b.seq); // oldest first
};

describe('what the trail records', () => {
  let env, auditor, records;
  const url = () => env.server.url;

  before(async () => {
    const dir = tempDir('audit-records');
    const { db, admin } = createDb(dir);
    const server = await startServer({ dbFile: db });
    env = { dir, db, admin, server };
    auditor = await readyUser(url(), db, 'aud', 'auditor');
    addUser(db, 'bob', 'cast_officer:beijing', FIRST_PASSWORD);

    const s = await signIn(url(), 'bob', FIRST_PASSWORD);
    assert.equal((await request(url(), 'DELETE', '/api/v1/session', { session: s })).status, 204);
    await trySignIn(url(), 'ghost', FIRST_PASSWORD);
    for (let i = 1; i <= 5; i++) await trySignIn(url(), 'bob', `Wrong-pass-000${i}`);
    await trySignIn(url(), 'bob', FIRST_PASSWORD); // refused: locked

    const sysadmin = await readyAdmin(url(), admin);
    const made = await request(url(), 'POST', '/api/v1/users', { session: sysadmin, json: { login: 'api-made' } });
    assert.equal(made.status, 201, made.text);

    records = await auditItems(url(), auditor);
  });
  after(async () => {
    try {
      await stopServer(env?.server);
    } finally {
      removeDir(env?.dir);
    }
  });

  const of = (action, subject) => records.filter((r) => r.action === action && r.subject === subject);

  test('records carry a sequence, a time, an algorithm and a hash chain', () => {
    records.forEach((r, i) => {
      assert.equal(r.seq, i + 1);
      assert.match(r.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      assert.match(r.hash, /^[0-9a-f]{64,128}$/);
      assert.equal(r.prev_hash, i === 0 ? '0'.repeat(64) : records[i - 1].hash);
    });
  });

  test('the CLI account creations are there, by the operator', () => {
    const [create] = of('account.create', 'user:bob');
    assert.ok(create, 'no account.create for bob');
    assert.match(create.actor, /^operator:/);
    assert.deepEqual(create.details.roles, [{ role: 'cast_officer', scope: 'beijing' }]);
  });

  test('sign-in', () => {
    const signins = of('signin', 'user:bob');
    assert.equal(signins.length, 1);
    assert.equal(signins[0].actor, 'user:bob');
    assert.equal(signins[0].details.client, '127.0.0.1');
    assert.equal(typeof signins[0].details.session, 'number');
  });

  test('sign-out, after the sign-in and naming its session', () => {
    const [signin] = of('signin', 'user:bob');
    const signouts = of('signout', 'user:bob');
    assert.equal(signouts.length, 1);
    assert.equal(signouts[0].actor, 'user:bob');
    assert.equal(signouts[0].details.session, signin.details.session);
    assert.ok(signouts[0].seq > signin.seq);
  });

  test('failed sign-ins, with their reason, by an anonymous actor', () => {
    const failed = of('signin.failed', 'user:bob');
    assert.deepEqual(
      failed.map((r) => r.details.reason),
      ['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'locked'],
    );
    for (const r of failed) {
      assert.equal(r.actor, 'anonymous');
      assert.equal(r.details.client, '127.0.0.1');
    }
    const [ghost] = of('signin.failed', 'user:ghost');
    assert.equal(ghost?.details.reason, 'unknown_login');
  });

  test('the lock, once, by the system, with the fifth failure', () => {
    const locks = of('account.lock', 'user:bob');
    assert.equal(locks.length, 1);
    assert.equal(locks[0].actor, 'system');
    assert.equal(locks[0].details.minutes, 15);
    const failed = of('signin.failed', 'user:bob');
    assert.ok(locks[0].seq > failed[3].seq && locks[0].seq < failed[5].seq);
  });

  test('password changes and API account creation, by the user who did them', () => {
    assert.equal(of('password.change', 'user:aud')[0]?.actor, 'user:aud');
    assert.equal(of('account.create', 'user:api-made')[0]?.actor, 'user:admin');
  });

  test('no password or token ever appears in the trail', () => {
    const text = JSON.stringify(records);
    for (const secret of [FIRST_PASSWORD, OWN_PASSWORD, env.admin.password, auditor.cookie.split('=')[1]])
      assert.equal(text.includes(secret), false, `secret found in the trail`);
  });

  test('the API and `audit verify` agree the chain is intact', async () => {
    const r = await request(url(), 'GET', '/api/v1/audit/verify', { session: auditor });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.intact, true);
    assert.ok(r.body.checked >= records.length);
    const v = auditVerify(env.db);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /^intact: (\d+) records\n$/);
    assert.equal(Number(/\d+/.exec(v.stdout)[0]), Number(sql(env.db, 'SELECT count(*) FROM audit_log')));
  });

  test('paging parameters are checked', async () => {
    for (const q of ['limit=0', 'limit=501', 'limit=ten', 'offset=-1']) {
      const r = await request(url(), 'GET', `/api/v1/audit?${q}`, { session: auditor });
      assert.equal(r.status, 400, q);
      assert.equal(r.body.error.code, 'invalid_parameter', q);
    }
    const total = Number(sql(env.db, 'SELECT count(*) FROM audit_log'));
    const two = await request(url(), 'GET', '/api/v1/audit?limit=2&offset=1', { session: auditor });
    assert.equal(two.body.total, total);
    assert.deepEqual(two.body.items.map((i) => i.seq), [total - 1, total - 2]); // newest first
  });

  test('text from users is shown escaped on the audit page', async () => {
    addUser(env.db, 'markup', null, FIRST_PASSWORD, { name: '<img src=x onerror=alert(1)>' });
    await trySignIn(url(), '<img src=y onerror=alert(2)>', 'Wrong-pass-0000');
    const r = await request(url(), 'GET', '/audit', { session: auditor });
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is not shown escaped');
    assert.equal(r.text.includes('<img src=x'), false);
    assert.equal(r.text.includes('<img src=y'), false);
  });

  test('the audit page shows the chain intact', async () => {
    const r = await request(url(), 'GET', '/audit', { session: auditor });
    assert.equal(r.status, 200);
    const m = /<[^>]*id="chain-state"[^>]*>([\s\S]*?)<\/p>/.exec(r.text);
    assert.ok(m, 'no #chain-state element');
    assert.match(m[0], /class="ok /);
    const now = Number(sql(env.db, 'SELECT count(*) FROM audit_log'));
    assert.match(m[1], new RegExp(`\\b${now}\\b`));
  });
});

describe('tampering', () => {
  let dir, base, last;

  /** A database with a dozen audit records made by the CLI and a server, the server stopped. */
  before(async () => {
    dir = tempDir('audit-tamper');
    const { db, admin } = createDb(dir, 'base.db');
    base = db;
    const server = await startServer({ dbFile: base });
    try {
      await readyUser(server.url, base, 'aud', 'auditor');
      addUser(base, 'bob', 'secretariat:alliance-1', FIRST_PASSWORD);
      addUser(base, 'carol', null, FIRST_PASSWORD, { name: 'Carol' });
      const s = await signIn(server.url, 'bob', FIRST_PASSWORD);
      await request(server.url, 'DELETE', '/api/v1/session', { session: s });
      await trySignIn(server.url, 'carol', 'Wrong-pass-0000');
      await readyAdmin(server.url, admin);
    } finally {
      await stopServer(server);
    }
    last = Number(sql(base, 'SELECT max(seq) FROM audit_log'));
    assert.ok(last >= 10, `only ${last} records`);
    const v = auditVerify(base);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.equal(v.stdout, `intact: ${last} records\n`);
  });
  after(() => removeDir(dir));

  let n = 0;
  /** A fresh copy of the base database, changed by the given SQL. */
  function tampered(statement) {
    const db = copyDb(base, join(dir, `tampered-${++n}.db`));
    sql(db, statement);
    return db;
  }

  function assertBroken(db, seq, reason) {
    const v = auditVerify(db);
    assert.equal(v.status, 1, `exit ${v.status}: ${v.stdout}${v.stderr}`);
    assert.match(v.stdout, new RegExp(`^broken at record ${seq}: `), v.stdout);
    if (reason) assert.match(v.stdout, reason);
  }

  test('verifying a file that is not an initialised database is exit 2', () => {
    const r = auditVerify(emptyDb(dir, 'never-initialised.db'));
    assert.equal(r.status, 2, r.stdout + r.stderr);
  });

  test('the untouched copy verifies', () => {
    const v = auditVerify(tampered('SELECT 1'));
    assert.equal(v.status, 0, v.stdout);
  });

  test('changed details are caught at that record', () => {
    const db = tampered(`UPDATE audit_log SET details = '{"name":"Mallory"}' WHERE seq = 3`);
    assertBroken(db, 3, /contents do not match/);
  });

  test('a changed actor is caught at that record', () => {
    const db = tampered(`UPDATE audit_log SET actor = 'user:nobody' WHERE seq = ${last - 1}`);
    assertBroken(db, last - 1);
  });

  test('a deleted middle record is caught at its number', () => {
    const middle = Math.floor(last / 2);
    assertBroken(tampered(`DELETE FROM audit_log WHERE seq = ${middle}`), middle, /missing/);
  });

  test('a deleted first record is caught at 1', () => {
    assertBroken(tampered('DELETE FROM audit_log WHERE seq = 1'), 1);
  });

  test('a deleted last record is caught at its number', () => {
    assertBroken(tampered(`DELETE FROM audit_log WHERE seq = ${last}`), last, /missing/);
  });

  test('a forged record appended with a made-up hash is caught at its number', () => {
    const db = tampered(
      `INSERT INTO audit_log (seq, at, actor, action, subject, details, alg, prev_hash, hash)
       SELECT seq + 1, at, 'user:admin', 'role.grant', 'user:carol', '{"role":"auditor","scope":""}',
              alg, hash, '${'ab'.repeat(32)}'
       FROM audit_log WHERE seq = ${last}`,
    );
    assertBroken(db, last + 1);
  });

  test('a forged record appended with a correctly computed hash is caught at its number', () => {
    // The hash input is documented in src/audit/audit.c: every field, each as "LENGTH:" + bytes.
    const fields = (r) => [r.alg, r.prev_hash, String(r.seq), r.at, r.actor, r.action, r.subject, r.details];
    const hashOf = (r) => {
      const h = createHash(r.alg);
      for (const f of fields(r)) h.update(`${Buffer.byteLength(f)}:`).update(f);
      return h.digest('hex');
    };
    const cols = ['seq', 'at', 'actor', 'action', 'subject', 'details', 'alg', 'prev_hash', 'hash'];
    const jsonObject = isPg(base) ? 'json_build_object' : 'json_object';
    const lastRow = JSON.parse(sql(base, `SELECT ${jsonObject}(${cols.map((c) => `'${c}', ${c}`).join(', ')}) FROM audit_log WHERE seq = ${last}`));
    assert.equal(hashOf(lastRow), lastRow.hash, 'the forger must be able to compute a genuine hash');

    const forged = {
      seq: last + 1,
      at: lastRow.at,
      actor: 'user:admin',
      action: 'role.grant',
      subject: 'user:carol',
      details: '{"role":"auditor","scope":""}',
      alg: lastRow.alg,
      prev_hash: lastRow.hash,
    };
    forged.hash = hashOf(forged);
    const values = cols.map((c) => (c === 'seq' ? forged.seq : `'${forged[c].replaceAll("'", "''")}'`));
    const db = tampered(`INSERT INTO audit_log (${cols.join(', ')}) VALUES (${values.join(', ')})`);
    assertBroken(db, last + 1);
  });

  test('the API and the audit page report the break too, and new records do not mend it', async () => {
    const db = tampered(`UPDATE audit_log SET subject = 'user:someone-else' WHERE seq = 4`);
    const server = await startServer({ dbFile: db });
    try {
      const s = await signIn(server.url, 'aud', OWN_PASSWORD); // appends a record
      const r = await request(server.url, 'GET', '/api/v1/audit/verify', { session: s });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.intact, false);
      assert.equal(r.body.first_broken, 4);
      assert.equal(typeof r.body.reason, 'string');
      const page = await request(server.url, 'GET', '/audit', { session: s });
      const m = /<[^>]*id="chain-state"[^>]*>([\s\S]*?)<\/p>/.exec(page.text);
      assert.ok(m, 'no #chain-state element');
      assert.match(m[0], /class="error /);
      assert.match(m[1], /\b4\b/);
    } finally {
      await stopServer(server);
    }
    assertBroken(db, 4);
  });
});
