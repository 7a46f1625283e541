// Failed sign-ins per client address (web/throttle.h): past the limit an address is answered 429
// with Retry-After before any password is checked, successes cost nothing, and behind a trusted
// proxy the address is the one X-Forwarded-For names (and the audit trail records it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FIRST_PASSWORD, addUser, createDb, removeDir, request, run, startServer, stopServer, tempDir, trySignIn } from './lib.mjs';

let dir, db;
before(() => {
  dir = tempDir('throttle');
  ({ db } = createDb(dir));
  for (const login of ['tia', 'tom', 'ted']) addUser(db, login, 'auditor', FIRST_PASSWORD);
});
after(() => removeDir(dir));

/** A server for one test, stopped by the test's end. */
async function serve(t, args) {
  const server = await startServer({ db, args });
  t.after(() => stopServer(server));
  return server;
}

const wrong = (i) => `Wrong-pass-${1000 + i}`;

describe('failed sign-ins per address', () => {
  test('past the limit: 429 with Retry-After, even with the right password, on the API and the form', async (t) => {
    const srv = await serve(t, ['--signin-failures', '3']);
    // Spread over accounts, as a password sprayer would: each account stays below its own lock.
    for (const [i, login] of ['tia', 'tom', 'ted'].entries()) {
      const r = await trySignIn(srv.url, login, wrong(i));
      assert.equal(r.status, 401, r.text);
    }
    const r = await trySignIn(srv.url, 'tia', FIRST_PASSWORD);
    assert.equal(r.status, 429, r.text);
    assert.equal(r.body.error.code, 'throttled');
    assert.ok(!r.headers.getSetCookie().some((c) => c.startsWith('lh_session=')), 'no session when throttled');
    const wait = Number(r.headers.get('retry-after'));
    // Three failures per 600 s: one comes back after at most 200 s.
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 201, `Retry-After ${r.headers.get('retry-after')}`);
    // The sign-in form: its double-submit token, then the same refusal as a page, in Chinese.
    const page = await request(srv.url, 'GET', '/login');
    const pre = page.headers.getSetCookie().find((c) => c.startsWith('lh_pre=')).split(';')[0];
    const form = await request(srv.url, 'POST', '/login', {
      cookie: pre,
      form: { csrf: pre.slice('lh_pre='.length), login: 'tia', password: FIRST_PASSWORD },
    });
    assert.equal(form.status, 429, form.text.slice(0, 500));
    assert.ok(form.headers.get('retry-after'));
    assert.match(form.text, /登录失败次数过多/);
  });

  test('successful sign-ins cost nothing', async (t) => {
    const srv = await serve(t, ['--signin-failures', '2']);
    for (let i = 0; i < 6; i++) {
      const r = await trySignIn(srv.url, 'tom', FIRST_PASSWORD);
      assert.equal(r.status, 200, `sign-in ${i + 1}: ${r.text}`);
    }
    assert.equal((await trySignIn(srv.url, 'tom', wrong(7))).status, 401);
    assert.equal((await trySignIn(srv.url, 'tom', FIRST_PASSWORD)).status, 200);
    assert.equal((await trySignIn(srv.url, 'tom', wrong(8))).status, 401);
    assert.equal((await trySignIn(srv.url, 'tom', FIRST_PASSWORD)).status, 429);
  });

  test('--signin-failures 0: no limit', async (t) => {
    const srv = await serve(t, ['--signin-failures', '0']);
    for (let i = 0; i < 8; i++) assert.equal((await trySignIn(srv.url, `nobody-${i}`, wrong(i))).status, 401);
    assert.equal((await trySignIn(srv.url, 'ted', FIRST_PASSWORD)).status, 200);
  });
});

describe('X-Forwarded-For', () => {
  const from = (srv, address, login, password) =>
    request(srv.url, 'POST', '/api/v1/session', { json: { login, password }, headers: { 'x-forwarded-for': address } });

  test('from the trusted proxy, each forwarded address has its own limit and is the audited client', async (t) => {
    const srv = await serve(t, ['--signin-failures', '1', '--trusted-proxy', '127.0.0.1']);
    assert.equal((await from(srv, '203.0.113.7', 'ted', wrong(1))).status, 401);
    assert.equal((await from(srv, '203.0.113.7', 'ted', FIRST_PASSWORD)).status, 429);
    // The proxy appends the address it saw; whatever the client wrote before it is not believed.
    assert.equal((await from(srv, '203.0.113.7, 198.51.100.20', 'ted', FIRST_PASSWORD)).status, 200);
    assert.equal((await from(srv, '2001:db8::5', 'ted', FIRST_PASSWORD)).status, 200);
    // Not an address: the connection's own address (127.0.0.1) is the client.
    assert.equal((await from(srv, 'not-an-address', 'ted', FIRST_PASSWORD)).status, 200);
    await stopServer(srv);
    const audit = run(['audit', 'list', '--db', db]).stdout;
    assert.match(audit, /"client":"198\.51\.100\.20"/);
    assert.match(audit, /"client":"2001:db8::5"/);
    assert.doesNotMatch(audit, /"client":"203\.0\.113\.7, /);
  });

  test('without --trusted-proxy the header is ignored', async (t) => {
    const srv = await serve(t, ['--signin-failures', '1']);
    assert.equal((await from(srv, '192.0.2.1', 'ted', wrong(2))).status, 401);
    // A new X-Forwarded-For does not make a new client.
    assert.equal((await from(srv, '192.0.2.2', 'ted', FIRST_PASSWORD)).status, 429);
  });

  test('a bad --trusted-proxy is refused', () => {
    const r = run(['serve', '--db', db, '--trusted-proxy', 'proxy.example']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--trusted-proxy/);
  });
});
