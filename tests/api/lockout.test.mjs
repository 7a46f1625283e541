// Failed sign-ins: one answer for every reason, the lock after five failures, and the unlock.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_PASSWORD,
  addUser,
  assertError,
  holdWriteLock,
  readyAdmin,
  readyUser,
  request,
  run,
  setup,
  signIn,
  sql,
  trySignIn,
} from './lib.mjs';

let env, sysadmin, secadmin;
before(async () => {
  // Dozens of failed sign-ins from one address: the per-address limit (throttle.test.mjs) is off
  // here, so that what these tests see is the per-account lock alone.
  env = await setup('lockout', { args: ['--signin-failures', '0'] });
  sysadmin = await readyAdmin(env.url, env.admin);
  secadmin = await readyUser(env.url, env.db, 'sec', 'secadmin');
});
after(() => env?.close());

/** Now in epoch seconds, the unit of users.locked_until (this machine runs server and database). */
const epoch = () => Math.floor(Date.now() / 1000);

/** What a refused sign-in shows a client: status, content type, the whole body and cookies. */
function shape(r) {
  return { status: r.status, type: r.headers.get('content-type'), body: r.text, cookie: r.headers.getSetCookie() };
}

describe('lockout', () => {
  let unknown;
  before(async () => {
    addUser(env.db, 'lou', 'auditor', FIRST_PASSWORD);
    unknown = await trySignIn(env.url, 'nobody-here', FIRST_PASSWORD);
  });

  test('an unknown login gets 401 invalid_credentials', () => {
    assertError(unknown, 401, 'invalid_credentials');
  });

  test('four wrong passwords: each answer is identical to the unknown login one', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await trySignIn(env.url, 'lou', `Wrong-pass-000${i}`);
      assert.deepEqual(shape(r), shape(unknown), `attempt ${i}`);
    }
  });

  test('the right password still works before the fifth failure and resets the count', async () => {
    await signIn(env.url, 'lou', FIRST_PASSWORD);
    assert.equal(sql(env.db, "SELECT failed_count FROM users WHERE login = 'lou'"), '0');
  });

  test('five consecutive failures lock the account', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await trySignIn(env.url, 'lou', `Wrong-pass-100${i}`);
      assert.deepEqual(shape(r), shape(unknown), `attempt ${i}`);
    }
    // The sixth attempt, with the right password, is refused with the very same answer.
    const r = await trySignIn(env.url, 'lou', FIRST_PASSWORD);
    assert.deepEqual(shape(r), shape(unknown));
  });

  test('the lock lasts 15 minutes', () => {
    const left = Number(sql(env.db, `SELECT locked_until - ${epoch()} FROM users WHERE login = 'lou'`));
    assert.ok(left > 14 * 60 && left <= 15 * 60, `locked for ${left} s more`);
  });

  test('the account list shows it locked', async () => {
    const r = await request(env.url, 'GET', '/api/v1/users', { session: secadmin });
    assert.equal(r.status, 200, r.text);
    const lou = r.body.items.find((u) => u.login === 'lou');
    assert.equal(lou.locked, true);
    assert.equal(r.body.items.find((u) => u.login === 'sec').locked, false);
  });

  test('the system administrator may not unlock (403 forbidden)', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users/lou/unlock', { session: sysadmin });
    assertError(r, 403, 'forbidden');
    assert.equal((await trySignIn(env.url, 'lou', FIRST_PASSWORD)).status, 401);
  });

  test('unlocking needs the CSRF token', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users/lou/unlock', { cookie: secadmin.cookie });
    assertError(r, 403, 'csrf');
    assert.equal((await trySignIn(env.url, 'lou', FIRST_PASSWORD)).status, 401);
  });

  test('unlocking an unknown login is 404 not_found', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users/nobody-here/unlock', { session: secadmin });
    assertError(r, 404, 'not_found');
  });

  test('the security administrator unlocks it and the right password works again', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users/lou/unlock', { session: secadmin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.login, 'lou');
    assert.equal(r.body.user.locked, false);
    const s = await signIn(env.url, 'lou', FIRST_PASSWORD);
    assert.equal(s.body.user.login, 'lou');
  });

  test('after the unlock it takes five new failures to lock again', async () => {
    for (let i = 1; i <= 4; i++) await trySignIn(env.url, 'lou', `Wrong-pass-200${i}`);
    await signIn(env.url, 'lou', FIRST_PASSWORD);
  });

  test('the command line can unlock too', async () => {
    addUser(env.db, 'cli-unlock', 'auditor', FIRST_PASSWORD);
    for (let i = 1; i <= 5; i++) await trySignIn(env.url, 'cli-unlock', `Wrong-pass-600${i}`);
    assert.equal((await trySignIn(env.url, 'cli-unlock', FIRST_PASSWORD)).status, 401);
    const r = run(['user', 'unlock', 'cli-unlock', '--db', env.db]);
    assert.equal(r.status, 0, r.stderr);
    await signIn(env.url, 'cli-unlock', FIRST_PASSWORD);
  });

  test('a lock whose time has passed no longer refuses', async () => {
    addUser(env.db, 'lea', 'auditor', FIRST_PASSWORD);
    for (let i = 1; i <= 5; i++) await trySignIn(env.url, 'lea', `Wrong-pass-300${i}`);
    assert.equal((await trySignIn(env.url, 'lea', FIRST_PASSWORD)).status, 401);
    sql(env.db, `UPDATE users SET locked_until = ${epoch() - 1} WHERE login = 'lea'`);
    await signIn(env.url, 'lea', FIRST_PASSWORD);
  });
});

describe('disabled accounts', () => {
  let dan;
  before(async () => {
    dan = await readyUser(env.url, env.db, 'dan', 'auditor');
  });

  test('the security administrator may not disable (403 forbidden)', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users/dan/disable', { session: secadmin });
    assertError(r, 403, 'forbidden');
  });

  test('the system administrator may not disable its own account', async () => {
    const r = await request(env.url, 'POST', `/api/v1/users/${sysadmin.login}/disable`, { session: sysadmin });
    assertError(r, 422, 'self');
  });

  test('disabling ends the sessions and refuses sign-in with the same answer', async () => {
    const unknown = await trySignIn(env.url, 'nobody-either', dan.password);
    const r = await request(env.url, 'POST', '/api/v1/users/dan/disable', { session: sysadmin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.disabled, true);
    assertError(await request(env.url, 'GET', '/api/v1/me', { session: dan }), 401, 'unauthenticated');
    const refused = await trySignIn(env.url, 'dan', dan.password);
    assert.deepEqual(shape(refused), shape(unknown));
  });
});

describe('lockout under concurrent attempts', () => {
  const lockedNow = (login) =>
    sql(env.db, `SELECT CASE WHEN locked_until > ${epoch()} THEN 1 ELSE 0 END FROM users WHERE login = '${login}'`) ===
    '1';

  test('many wrong passwords at once still lock the account', async () => {
    addUser(env.db, 'par', 'auditor', FIRST_PASSWORD);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => trySignIn(env.url, 'par', `Wrong-pass-40${i}x`)),
    );
    assert.deepEqual(answers.map((r) => r.status), Array(10).fill(401));
    assert.equal(lockedNow('par'), true, 'ten wrong passwords in parallel left the account unlocked');
    assert.equal((await trySignIn(env.url, 'par', FIRST_PASSWORD)).status, 401);
  });

  test('a failure checked before the lock was taken does not undo the lock', async () => {
    addUser(env.db, 'race', 'auditor', FIRST_PASSWORD);
    for (let i = 1; i <= 4; i++) await trySignIn(env.url, 'race', `Wrong-pass-500${i}`);
    // Four more wrong passwords are checked side by side (the server has two worker threads)
    // while another process holds the database's write lock. Once it is released they are
    // recorded one after the other; the first of them, the fifth failure, locks the account, and
    // the ones that had found it still unlocked must not undo that.
    const lock = await holdWriteLock(env.db);
    const pending = [5, 6, 7, 8].map((i) => trySignIn(env.url, 'race', `Wrong-pass-500${i}`));
    await sleep(1500); // time for the requests to read the account and check their passwords
    await lock.release();
    const answers = await Promise.all(pending);
    assert.deepEqual(answers.map((r) => r.status), [401, 401, 401, 401]);
    assert.equal(
      lockedNow('race'),
      true,
      `eight failures left the account unlocked (failed_count|locked_until): ${sql(env.db, "SELECT failed_count, locked_until FROM users WHERE login = 'race'")}`,
    );
    assert.equal((await trySignIn(env.url, 'race', FIRST_PASSWORD)).status, 401);
  });
});
