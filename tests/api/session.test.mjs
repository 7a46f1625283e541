// Signing in and out through the API, the one-time password gate and the password change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_PASSWORD,
  OWN_PASSWORD,
  addUser,
  assertError,
  changePassword,
  request,
  setCookie,
  setup,
  signIn,
  startServer,
  stopServer,
  trySignIn,
} from './lib.mjs';

let env;
before(async () => {
  env = await setup('session');
});
after(() => env?.close());

describe('sign-in', () => {
  test('answers the user, a CSRF token and an HttpOnly, SameSite=Lax session cookie', async () => {
    addUser(env.db, 'ann', 'auditor', FIRST_PASSWORD, { name: 'Ann Auditor' });
    const r = await trySignIn(env.url, 'ann', FIRST_PASSWORD);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(r.body.user, {
      login: 'ann',
      name: 'Ann Auditor',
      roles: [{ role: 'auditor' }],
      must_change_password: true,
    });
    assert.equal(r.body.must_change_password, true);
    assert.equal(typeof r.body.csrf_token, 'string');
    assert.ok(r.body.csrf_token.length >= 32, 'CSRF token too short to be unguessable');

    const cookie = setCookie(r, 'lh_session');
    assert.ok(cookie, 'no lh_session cookie');
    const [pair, ...attrs] = cookie.split(';').map((s) => s.trim());
    assert.ok(pair.length > 'lh_session='.length + 32, 'session token too short');
    assert.ok(attrs.includes('HttpOnly'), cookie);
    assert.ok(attrs.includes('SameSite=Lax'), cookie);
    assert.ok(attrs.includes('Path=/'), cookie);
    assert.notEqual(pair.split('=')[1], r.body.csrf_token, 'the CSRF token must not be the session token');
  });

  test('two sign-ins get two different sessions and CSRF tokens', async () => {
    const a = await signIn(env.url, 'ann', FIRST_PASSWORD);
    const b = await signIn(env.url, 'ann', FIRST_PASSWORD);
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrf, b.csrf);
  });

  test('a body without the password is refused with missing_field', async () => {
    const r = await request(env.url, 'POST', '/api/v1/session', { json: { login: 'ann' } });
    assertError(r, 400, 'missing_field', 'password');
    assert.equal(setCookie(r, 'lh_session'), undefined);
  });

  test('a wrong password gets 401 invalid_credentials and no cookie', async () => {
    const r = await trySignIn(env.url, 'ann', 'Wrong-pass-0000');
    assertError(r, 401, 'invalid_credentials');
    assert.equal(setCookie(r, 'lh_session'), undefined);
  });

  test('without a session the API answers 401 unauthenticated', async () => {
    assertError(await request(env.url, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    assertError(await request(env.url, 'GET', '/api/v1/audit'), 401, 'unauthenticated');
  });

  test('a made-up session cookie is treated as signed out and cleared', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', {
      cookie: 'lh_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    assertError(r, 401, 'unauthenticated');
    const cleared = setCookie(r, 'lh_session');
    assert.ok(cleared, 'the stale cookie should be cleared');
    assert.match(cleared, /^lh_session=;/);
    assert.match(cleared, /Max-Age=0/);
  });
});

describe('one-time password gate', () => {
  let s;
  before(async () => {
    addUser(env.db, 'gus', 'auditor', FIRST_PASSWORD, { name: 'Gus' });
    s = await signIn(env.url, 'gus', FIRST_PASSWORD);
    assert.equal(s.body.must_change_password, true);
  });

  test('GET /api/v1/me is allowed and says the password must change', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', { session: s });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.login, 'gus');
    assert.equal(r.body.user.must_change_password, true);
  });

  test('calls the role allows are refused with 403 password_change_required', async () => {
    assertError(
      await request(env.url, 'GET', '/api/v1/audit', { session: s }),
      403,
      'password_change_required',
    );
    assertError(
      await request(env.url, 'GET', '/api/v1/audit/verify', { session: s }),
      403,
      'password_change_required',
    );
    assertError(
      await request(env.url, 'POST', '/api/v1/me/tokens', { session: s, json: { name: 'ci' } }),
      403,
      'password_change_required',
    );
  });

  test('the administrator is gated the same way', async () => {
    const a = await signIn(env.url, env.admin.login, env.admin.password);
    assert.equal(a.body.must_change_password, true);
    assert.deepEqual(a.body.user.roles, [{ role: 'sysadmin' }]);
    assertError(
      await request(env.url, 'GET', '/api/v1/users', { session: a }),
      403,
      'password_change_required',
    );
    assertError(
      await request(env.url, 'POST', '/api/v1/users', { session: a, json: { login: 'x1' } }),
      403,
      'password_change_required',
    );
  });

  test('pages other than /password redirect there', async () => {
    const r = await request(env.url, 'GET', '/', { session: s });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/password');
    const p = await request(env.url, 'GET', '/password', { session: s });
    assert.equal(p.status, 200);
    assert.match(p.text, /name="old"/);
  });

  test('signing out is allowed', async () => {
    const other = await signIn(env.url, 'gus', FIRST_PASSWORD);
    const r = await request(env.url, 'DELETE', '/api/v1/session', { session: other });
    assert.equal(r.status, 204, r.text);
    assertError(await request(env.url, 'GET', '/api/v1/me', { session: other }), 401, 'unauthenticated');
  });
});

describe('password change', () => {
  let s, other;
  before(async () => {
    addUser(env.db, 'pia', 'auditor', FIRST_PASSWORD);
    s = await signIn(env.url, 'pia', FIRST_PASSWORD);
    other = await signIn(env.url, 'pia', FIRST_PASSWORD);
  });

  const weak = [
    ['11 characters', 'Abcdef-1234'],
    ['65 characters', `Aa1-${'x'.repeat(61)}`],
    ['only lower case and digits', 'abcdefgh12345678'],
    ['only upper and lower case', 'AbcdefghIjklmnop'],
    ['only symbols and digits', '!!!!----12345678'],
  ];
  for (const [what, pw] of weak) {
    test(`a new password with ${what} is refused with 422 password_policy`, async () => {
      const r = await changePassword(env.url, s, FIRST_PASSWORD, pw);
      assertError(r, 422, 'password_policy', 'new');
    });
  }

  test('a wrong current password is refused with 422 wrong_password on "old"', async () => {
    const r = await changePassword(env.url, s, 'Not-the-pass-123', OWN_PASSWORD);
    assertError(r, 422, 'wrong_password', 'old');
  });

  test('the same password again is refused with 422 password_reused', async () => {
    const r = await changePassword(env.url, s, FIRST_PASSWORD, FIRST_PASSWORD);
    assertError(r, 422, 'password_reused', 'new');
  });

  test('an unknown field is refused with 400 unknown_field', async () => {
    const r = await request(env.url, 'POST', '/api/v1/me/password', {
      session: s,
      json: { old: FIRST_PASSWORD, new: OWN_PASSWORD, confirm: OWN_PASSWORD },
    });
    assertError(r, 400, 'unknown_field', 'confirm');
  });

  test('still gated after the refusals', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', { session: s });
    assert.equal(r.body.user.must_change_password, true);
  });

  test('a valid change lifts the gate, keeps this session and ends the others', async () => {
    const r = await changePassword(env.url, s, FIRST_PASSWORD, OWN_PASSWORD);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.login, 'pia');
    assert.equal(r.body.user.must_change_password, false);

    const me = await request(env.url, 'GET', '/api/v1/me', { session: s });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.must_change_password, false);
    const audit = await request(env.url, 'GET', '/api/v1/audit', { session: s });
    assert.equal(audit.status, 200, audit.text);

    assertError(await request(env.url, 'GET', '/api/v1/me', { session: other }), 401, 'unauthenticated');
  });

  test('afterwards the old password fails and the new one signs in without the gate', async () => {
    assertError(await trySignIn(env.url, 'pia', FIRST_PASSWORD), 401, 'invalid_credentials');
    const n = await signIn(env.url, 'pia', OWN_PASSWORD);
    assert.equal(n.body.must_change_password, false);
    assert.equal(n.body.user.must_change_password, false);
  });

  test('a 64-character password with three classes is accepted', async () => {
    const n = await signIn(env.url, 'pia', OWN_PASSWORD);
    const long = `Aa1${'z'.repeat(61)}`;
    assert.equal(long.length, 64);
    const r = await changePassword(env.url, n, OWN_PASSWORD, long);
    assert.equal(r.status, 200, r.text);
    await signIn(env.url, 'pia', long);
  });

  test('a 12-character password with three classes is accepted', async () => {
    const long = `Aa1${'z'.repeat(61)}`;
    const n = await signIn(env.url, 'pia', long);
    const r = await changePassword(env.url, n, long, 'Abcdefgh123!');
    assert.equal(r.status, 200, r.text);
    await signIn(env.url, 'pia', 'Abcdefgh123!');
  });

  test('length counts characters, not bytes: 64 multi-byte characters are accepted', async () => {
    const n = await signIn(env.url, 'pia', 'Abcdefgh123!');
    const wide = `Aa1${'密'.repeat(61)}`; // 64 characters, 186 bytes
    const r = await changePassword(env.url, n, 'Abcdefgh123!', wide);
    assert.equal(r.status, 200, r.text);
    const s2 = await signIn(env.url, 'pia', wide);
    assertError(await changePassword(env.url, s2, wide, `Aa1${'密'.repeat(62)}`), 422, 'password_policy', 'new');
    assert.equal((await changePassword(env.url, s2, wide, 'Abcdefgh123!')).status, 200);
  });
});

describe('sign-out', () => {
  let s;
  before(async () => {
    addUser(env.db, 'sam', 'auditor', FIRST_PASSWORD);
    s = await signIn(env.url, 'sam', FIRST_PASSWORD);
  });

  test('DELETE without the CSRF header is refused and the session lives on', async () => {
    const r = await request(env.url, 'DELETE', '/api/v1/session', { cookie: s.cookie });
    assertError(r, 403, 'csrf');
    assert.equal((await request(env.url, 'GET', '/api/v1/me', { session: s })).status, 200);
  });

  test('DELETE with the CSRF header ends the session and clears the cookie', async () => {
    const r = await request(env.url, 'DELETE', '/api/v1/session', { session: s });
    assert.equal(r.status, 204, r.text);
    const cleared = setCookie(r, 'lh_session');
    assert.match(cleared ?? '', /^lh_session=;.*Max-Age=0/);
    assertError(await request(env.url, 'GET', '/api/v1/me', { session: s }), 401, 'unauthenticated');
  });

  test('another session of the same account is not ended by it', async () => {
    const a = await signIn(env.url, 'sam', FIRST_PASSWORD);
    const b = await signIn(env.url, 'sam', FIRST_PASSWORD);
    assert.equal((await request(env.url, 'DELETE', '/api/v1/session', { session: a })).status, 204);
    assert.equal((await request(env.url, 'GET', '/api/v1/me', { session: b })).status, 200);
  });
});

describe('behind HTTPS', () => {
  test('with an https:// --base-url the session cookie is marked Secure', async () => {
    const server = await startServer({ dbFile: env.db, args: ['--base-url', 'https://lianheti.example'] });
    try {
      const r = await trySignIn(server.url, 'sam', FIRST_PASSWORD);
      assert.equal(r.status, 200, r.text);
      assert.match(setCookie(r, 'lh_session'), /;\s*Secure(;|$)/);
    } finally {
      await stopServer(server);
    }
    const plain = await trySignIn(env.url, 'sam', FIRST_PASSWORD);
    assert.doesNotMatch(setCookie(plain, 'lh_session'), /Secure/);
  });
});
