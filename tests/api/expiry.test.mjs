// Session lifetime: 30 minutes idle, 12 hours in all. Time is moved by editing the session's row
// in the database (sessions.last_seen and created_at are epoch seconds) while the server runs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { assertError, readyUser, request, setCookie, setup, signIn, sql } from './lib.mjs';

const IDLE = 30 * 60;
const ABSOLUTE = 12 * 3600;

let env, user;
before(async () => {
  env = await setup('expiry');
  user = await readyUser(env.url, env.db, 'eve', 'auditor');
});
after(() => env?.close());

/** The SQL condition selecting the session of a cookie: only the token's SHA-256 is stored. */
function row(session) {
  const token = session.cookie.split('=')[1];
  return `token_hash = '${createHash('sha256').update(token).digest('hex')}'`;
}

/** Moves the session's clock columns back by the given number of seconds. */
function age(session, { idle = 0, total = 0 }) {
  sql(
    env.db,
    `UPDATE sessions SET last_seen = last_seen - ${idle}, created_at = created_at - ${total} WHERE ${row(session)}`,
  );
  assert.equal(sql(env.db, `SELECT count(*) FROM sessions WHERE ${row(session)}`), '1');
}

const me = (session) => request(env.url, 'GET', '/api/v1/me', { session });

test('the database holds the session token only as a hash', async () => {
  const s = await signIn(env.url, user.login, user.password);
  const token = s.cookie.split('=')[1];
  assert.equal(sql(env.db, `SELECT count(*) FROM sessions WHERE ${row(s)}`), '1');
  assert.equal(sql(env.db, `SELECT count(*) FROM sessions WHERE token_hash = '${token}'`), '0');
});

test('a session idle for less than 30 minutes still works', async () => {
  const s = await signIn(env.url, user.login, user.password);
  age(s, { idle: IDLE - 60 });
  const r = await me(s);
  assert.equal(r.status, 200, r.text);
});

test('a session idle for more than 30 minutes is signed out', async () => {
  const s = await signIn(env.url, user.login, user.password);
  assert.equal((await me(s)).status, 200);
  age(s, { idle: IDLE + 1 });
  const r = await me(s);
  assertError(r, 401, 'unauthenticated');
  assert.match(setCookie(r, 'lh_session') ?? '', /^lh_session=;.*Max-Age=0/);
  // Nor does it do anything else, pages included.
  const page = await request(env.url, 'GET', '/', { session: s });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login');
});

test('activity restarts the idle clock', async () => {
  const s = await signIn(env.url, user.login, user.password);
  age(s, { idle: IDLE - 100 });
  assert.equal((await me(s)).status, 200);
  // Had the request above not counted as activity, this would make it idle for ~59 minutes.
  age(s, { idle: IDLE - 100 });
  const r = await me(s);
  assert.equal(r.status, 200, r.text);
});

test('a session older than 12 hours is signed out even when active', async () => {
  const s = await signIn(env.url, user.login, user.password);
  age(s, { total: ABSOLUTE + 1 });
  assertError(await me(s), 401, 'unauthenticated');
});

test('a session just under 12 hours old still works', async () => {
  const s = await signIn(env.url, user.login, user.password);
  age(s, { total: ABSOLUTE - 120 });
  assert.equal((await me(s)).status, 200);
});

test('an expired session refuses changes too, and a new sign-in works', async () => {
  const s = await signIn(env.url, user.login, user.password);
  age(s, { idle: IDLE + 1 });
  const r = await request(env.url, 'POST', '/api/v1/me/tokens', { session: s, json: { name: 'late' } });
  assertError(r, 401, 'unauthenticated');
  const fresh = await signIn(env.url, user.login, user.password);
  assert.equal((await me(fresh)).status, 200);
});
