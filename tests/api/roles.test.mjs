// Separation of duties: sysadmin manages accounts, secadmin their roles and locks, auditor reads
// the audit trail, and the business roles none of these.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_PASSWORD,
  addUser,
  assertError,
  readyAdmin,
  readyUser,
  request,
  run,
  setup,
  signIn,
} from './lib.mjs';

let env;
const as = {}; // role name -> ready session
before(async () => {
  env = await setup('roles');
  as.sysadmin = await readyAdmin(env.url, env.admin);
  as.secadmin = await readyUser(env.url, env.db, 'sec', 'secadmin');
  as.auditor = await readyUser(env.url, env.db, 'aud', 'auditor');
  as.cast_officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:beijing');
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:alliance-1');
  as.member_contact = await readyUser(env.url, env.db, 'mco', 'member_contact:alliance-1/org-1');
  addUser(env.db, 'target', null, FIRST_PASSWORD); // an account to act on
});
after(() => env?.close());

const ROLES = ['sysadmin', 'secadmin', 'auditor', 'cast_officer', 'secretariat', 'member_contact'];

/** Who may do what: each call is tried by every role; those listed succeed, the rest get 403. */
const matrix = [
  { call: 'GET /api/v1/users', allowed: ['sysadmin', 'secadmin'] },
  { call: 'GET /api/v1/audit', allowed: ['auditor'] },
  { call: 'GET /api/v1/audit/verify', allowed: ['auditor'] },
  { call: 'POST /api/v1/users/target/password', allowed: ['sysadmin'], json: { password: 'Reset-pass-1234' } },
  { call: 'POST /api/v1/users/target/unlock', allowed: ['secadmin'] },
  { call: 'GET /admin/users', allowed: ['sysadmin', 'secadmin'], page: true },
  { call: 'GET /audit', allowed: ['auditor'], page: true },
];

describe('who may call what', () => {
  for (const { call, allowed, json, page } of matrix) {
    const [method, path] = call.split(' ');
    for (const role of ROLES) {
      const ok = allowed.includes(role);
      test(`${role}: ${call} → ${ok ? 'allowed' : '403'}`, async () => {
        const r = await request(env.url, method, path, { session: as[role], json });
        if (ok) {
          assert.equal(r.status, 200, r.text);
        } else if (page) {
          assert.equal(r.status, 403, r.text);
          assert.match(r.headers.get('content-type'), /^text\/html/);
        } else {
          assertError(r, 403, 'forbidden');
        }
      });
    }
  }

  for (const role of ROLES) {
    test(`${role}: POST /api/v1/users → ${role === 'sysadmin' ? '201' : '403'}`, async () => {
      const login = `made-by-${role.replace('_', '-')}`;
      const r = await request(env.url, 'POST', '/api/v1/users', { session: as[role], json: { login } });
      if (role === 'sysadmin') assert.equal(r.status, 201, r.text);
      else assertError(r, 403, 'forbidden');
      const list = await request(env.url, 'GET', '/api/v1/users?limit=500', { session: as.secadmin });
      assert.equal(list.body.items.some((u) => u.login === login), role === 'sysadmin');
    });

    test(`${role}: POST /api/v1/users/target/roles → ${role === 'secadmin' ? '201' : '403'}`, async () => {
      const scope = `scope-${role.replace('_', '-')}`;
      const r = await request(env.url, 'POST', '/api/v1/users/target/roles', {
        session: as[role],
        json: { role: 'cast_officer', scope },
      });
      if (role === 'secadmin') {
        assert.equal(r.status, 201, r.text);
        assert.ok(r.body.user.roles.some((x) => x.role === 'cast_officer' && x.scope === scope));
      } else {
        assertError(r, 403, 'forbidden');
      }
    });
  }

  test('GET /api/v1/me shows each account its own roles', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', { session: as.member_contact });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.user.roles, [{ role: 'member_contact', scope: 'alliance-1/org-1' }]);
  });
});

describe('accounts created by the system administrator', () => {
  test('without a password the answer carries a one-time password that signs in', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users', {
      session: as.sysadmin,
      json: { login: 'otp-user', name: 'O. T. P.' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.user.login, 'otp-user');
    assert.equal(r.body.user.name, 'O. T. P.');
    assert.deepEqual(r.body.user.roles, []);
    assert.equal(r.body.user.must_change_password, true);
    assert.equal(typeof r.body.password, 'string');
    const s = await signIn(env.url, 'otp-user', r.body.password);
    assert.equal(s.body.must_change_password, true);
  });

  test('with a password it is not echoed', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users', {
      session: as.sysadmin,
      json: { login: 'own-pw', password: FIRST_PASSWORD },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.password, undefined);
    await signIn(env.url, 'own-pw', FIRST_PASSWORD);
  });

  test('bad input is refused', async () => {
    const post = (json) => request(env.url, 'POST', '/api/v1/users', { session: as.sysadmin, json });
    assertError(await post({ login: 'Bad Login' }), 422, 'invalid_login', 'login');
    assertError(await post({ login: 'weak-pw', password: 'short' }), 422, 'password_policy', 'password');
    assertError(await post({ login: 'own-pw' }), 409, 'duplicate_login', 'login');
    assertError(await post({ name: 'no login' }), 400, 'missing_field', 'login');
  });

  test('a password reset ends the account’s sessions and forces a new change', async () => {
    const victim = await readyUser(env.url, env.db, 'reset-me', null);
    const r = await request(env.url, 'POST', '/api/v1/users/reset-me/password', { session: as.sysadmin, json: {} });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.user.must_change_password, true);
    assert.equal(typeof r.body.password, 'string');
    assertError(await request(env.url, 'GET', '/api/v1/me', { session: victim }), 401, 'unauthenticated');
    assert.equal((await request(env.url, 'POST', '/api/v1/session', { json: { login: 'reset-me', password: victim.password } })).status, 401);
    const s = await signIn(env.url, 'reset-me', r.body.password);
    assert.equal(s.body.must_change_password, true);
  });

  test('the system administrator cannot hand out roles while creating an account', async () => {
    const r = await request(env.url, 'POST', '/api/v1/users', {
      session: as.sysadmin,
      json: { login: 'with-roles', roles: [{ role: 'auditor' }] },
    });
    assertError(r, 403, 'forbidden');
  });
});

describe('role rules', () => {
  const grant = (login, role, scope) =>
    request(env.url, 'POST', `/api/v1/users/${login}/roles`, { session: as.secadmin, json: { role, scope } });

  test('granting auditor to a sysadmin is 422 role_conflict', async () => {
    assertError(await grant('admin', 'auditor'), 422, 'role_conflict', 'role');
    const me = await request(env.url, 'GET', '/api/v1/me', { session: as.sysadmin });
    assert.deepEqual(me.body.user.roles, [{ role: 'sysadmin' }]);
    assertError(await request(env.url, 'GET', '/api/v1/audit', { session: as.sysadmin }), 403, 'forbidden');
  });

  test('granting a business role to an auditor is 422 role_conflict', async () => {
    assertError(await grant('aud', 'cast_officer', 'beijing'), 422, 'role_conflict');
  });

  test('granting secadmin to an auditor is 422 role_conflict', async () => {
    assertError(await grant('aud', 'secadmin'), 422, 'role_conflict');
  });

  test('granting an admin role to a business user is 422 role_conflict', async () => {
    assertError(await grant('cao', 'sysadmin'), 422, 'role_conflict');
  });

  test('business roles combine, and the same role may hold several scopes', async () => {
    assert.equal((await grant('cao', 'cast_officer', 'shanghai')).status, 201);
    const r = await grant('cao', 'secretariat', 'alliance-2');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.user.roles.length, 3);
  });

  test('a role held already is 409 duplicate_role', async () => {
    assertError(await grant('cao', 'cast_officer', 'beijing'), 409, 'duplicate_role');
  });

  test('scopes are checked', async () => {
    assertError(await grant('target', 'cast_officer'), 422, 'invalid_scope', 'scope');
    assertError(await grant('target', 'auditor', 'x'), 422, 'invalid_scope', 'scope');
    assertError(await grant('target', 'member_contact', 'no-slash'), 422, 'invalid_scope', 'scope');
    assertError(await grant('target', 'emperor'), 422, 'invalid_role', 'role');
    assertError(await grant('nobody-here', 'auditor'), 404, 'not_found');
  });

  test('a granted role takes effect at once, and so does its revocation', async () => {
    const t = await readyUser(env.url, env.db, 'late-auditor', null);
    assertError(await request(env.url, 'GET', '/api/v1/audit', { session: t }), 403, 'forbidden');
    assert.equal((await grant('late-auditor', 'auditor')).status, 201);
    assert.equal((await request(env.url, 'GET', '/api/v1/audit', { session: t })).status, 200);

    const revoke = (role) =>
      request(env.url, 'DELETE', '/api/v1/users/late-auditor/roles', { session: as.secadmin, json: { role } });
    const r = await revoke('auditor');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.user.roles, []);
    assertError(await request(env.url, 'GET', '/api/v1/audit', { session: t }), 403, 'forbidden');
    assertError(await revoke('auditor'), 404, 'not_found');
  });
});

describe('the command line keeps the same rules', () => {
  test('user add refuses auditor beside another role and creates nothing', () => {
    const r = run(
      ['user', 'add', 'mixed', '--role', 'auditor', '--role', 'cast_officer:beijing', '--password-stdin', '--db', env.db],
      { input: `${FIRST_PASSWORD}\n` },
    );
    assert.equal(r.status, 1, r.stderr);
    const list = run(['user', 'list', '--db', env.db]);
    assert.equal(list.status, 0);
    assert.doesNotMatch(list.stdout, /^mixed\t/m);
  });

  test('user add refuses a weak password with exit 1', () => {
    const r = run(['user', 'add', 'weakling', '--password-stdin', '--db', env.db], { input: 'password\n' });
    assert.equal(r.status, 1);
  });

  test('user add with an unknown option is a usage error (exit 2)', () => {
    const r = run(['user', 'add', 'x2', '--frobnicate', '--db', env.db]);
    assert.equal(r.status, 2);
  });
});
