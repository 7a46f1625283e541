// Cookie-authenticated changes need the session's CSRF token; bearer tokens need none.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, readyAdmin, readyUser, request, setup, signIn } from './lib.mjs';

let env, aud, sysadmin;
before(async () => {
  env = await setup('csrf-token');
  aud = await readyUser(env.url, env.db, 'aud', 'auditor');
  sysadmin = await readyAdmin(env.url, env.admin);
});
after(() => env?.close());

const tokenCount = async (session) => {
  // The audit trail is where token creation shows: count the token.create records.
  const r = await request(env.url, 'GET', '/api/v1/audit?limit=500', { session });
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((i) => i.action === 'token.create').length;
};

describe('CSRF', () => {
  test('a cookie-authenticated POST without X-CSRF-Token is refused with 403 csrf', async () => {
    const before = await tokenCount(aud);
    const r = await request(env.url, 'POST', '/api/v1/me/tokens', {
      cookie: aud.cookie,
      json: { name: 'no-csrf' },
    });
    assertError(r, 403, 'csrf');
    assert.equal(await tokenCount(aud), before, 'nothing may have been created');
  });

  test('a wrong X-CSRF-Token is refused', async () => {
    const r = await request(env.url, 'POST', '/api/v1/me/tokens', {
      cookie: aud.cookie,
      csrf: 'x'.repeat(aud.csrf.length),
      json: { name: 'bad-csrf' },
    });
    assertError(r, 403, 'csrf');
  });

  test("another session's CSRF token is refused", async () => {
    const other = await signIn(env.url, aud.login, aud.password);
    const r = await request(env.url, 'POST', '/api/v1/me/tokens', {
      cookie: aud.cookie,
      csrf: other.csrf,
      json: { name: 'cross-csrf' },
    });
    assertError(r, 403, 'csrf');
  });

  test('an empty X-CSRF-Token is refused', async () => {
    const r = await request(env.url, 'DELETE', '/api/v1/session', { cookie: aud.cookie, csrf: '' });
    assertError(r, 403, 'csrf');
  });

  test('the right X-CSRF-Token is accepted', async () => {
    const before = await tokenCount(aud);
    const r = await request(env.url, 'POST', '/api/v1/me/tokens', {
      session: aud,
      json: { name: 'with-csrf' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(await tokenCount(aud), before + 1);
  });

  test('GET needs no CSRF token', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', { cookie: aud.cookie });
    assert.equal(r.status, 200);
  });

  test('an administrative change without the token is refused and changes nothing', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users', {
      cookie: sysadmin.cookie,
      json: { login: 'csrf-victim' },
    });
    assertError(r, 403, 'csrf');
    const list = await request(env.url, 'GET', '/api/v1/users', { session: sysadmin });
    assert.equal(list.body.items.some((u) => u.login === 'csrf-victim'), false);
  });

  test('the sign-out form needs the csrf field', async () => {
    const s = await signIn(env.url, aud.login, aud.password);
    const refused = await request(env.url, 'POST', '/logout', { cookie: s.cookie, form: {} });
    assert.equal(refused.status, 403);
    assert.equal((await request(env.url, 'GET', '/api/v1/me', { session: s })).status, 200);

    const ok = await request(env.url, 'POST', '/logout', { cookie: s.cookie, form: { csrf: s.csrf } });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/login');
    assert.equal((await request(env.url, 'GET', '/api/v1/me', { session: s })).status, 401);
  });
});

describe('bearer tokens', () => {
  let token;

  test('POST /api/v1/me/tokens answers 201 with the token', async () => {
    const r = await request(env.url, 'POST', '/api/v1/me/tokens', {
      session: aud,
      json: { name: 'reporting' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.name, 'reporting');
    assert.equal(typeof r.body.token, 'string');
    assert.ok(r.body.token.length >= 32);
    token = r.body.token;
  });

  test('a token name is required and must be valid', async () => {
    assertError(
      await request(env.url, 'POST', '/api/v1/me/tokens', { session: aud, json: {} }),
      400,
      'missing_field',
      'name',
    );
    assertError(
      await request(env.url, 'POST', '/api/v1/me/tokens', { session: aud, json: { name: '' } }),
      422,
      'invalid_name',
      'name',
    );
  });

  test('the token authenticates without a cookie', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', { bearer: token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.login, 'aud');
    const audit = await request(env.url, 'GET', '/api/v1/audit', { bearer: token });
    assert.equal(audit.status, 200, audit.text);
  });

  test('an unsafe call with the token needs no CSRF token', async () => {
    const r = await request(env.url, 'POST', '/api/v1/me/tokens', {
      bearer: token,
      json: { name: 'made-by-token' },
    });
    assert.equal(r.status, 201, r.text);
  });

  test('the token carries only its owner’s rights', async () => {
    assertError(await request(env.url, 'GET', '/api/v1/users', { bearer: token }), 403, 'forbidden');
  });

  test('a wrong token is 401 invalid_token, even beside a valid cookie', async () => {
    const bad = (token[0] === 'A' ? 'B' : 'A') + token.slice(1); // well-formed, unknown
    assertError(await request(env.url, 'GET', '/api/v1/me', { bearer: bad }), 401, 'invalid_token');
    assertError(
      await request(env.url, 'GET', '/api/v1/me', { bearer: 'not-a-token', cookie: aud.cookie }),
      401,
      'invalid_token',
    );
  });

  test('an Authorization header that is not Bearer is 401 invalid_token', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', {
      headers: { authorization: `Basic ${Buffer.from('aud:x').toString('base64')}` },
    });
    assertError(r, 401, 'invalid_token');
  });

  test('the token outlives the session that made it', async () => {
    const r = await request(env.url, 'DELETE', '/api/v1/session', { session: aud });
    assert.equal(r.status, 204);
    assert.equal((await request(env.url, 'GET', '/api/v1/me', { bearer: token })).status, 200);
  });

  test('the token stops working when its account is disabled', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users/aud/disable', { session: sysadmin });
    assert.equal(r.status, 200, r.text);
    assertError(await request(env.url, 'GET', '/api/v1/me', { bearer: token }), 401, 'invalid_token');
  });
});
