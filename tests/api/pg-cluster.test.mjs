// Several `lianheti serve` processes on one PostgreSQL database (docs/deploy.md), as behind a
// load balancer: a session opened on one is valid on the other; writes from both at once all
// land and the audit chain stays unbroken; a PostgreSQL restart in the middle of a write load
// is answered 503 (or served), never 500, loses no committed write, half-applies nothing, and the
// servers recover without being restarted. Runs only when LIANHETI_PG is set.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_PASSWORD,
  OWN_PASSWORD,
  PG,
  assertError,
  auditVerify,
  changePassword,
  createDb,
  diagnostics,
  readyAdmin,
  readyUser,
  removeDir,
  request,
  run,
  signIn,
  sql,
  startServer,
  stopServer,
  tempDir,
} from './lib.mjs';

const skip = PG ? false : 'PostgreSQL only (LIANHETI_PG unset)';
const PG_SERVER = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/pg-server');

/** `audit verify` must pass: the number of records it checked. */
function verifiedRecords(db) {
  const v = auditVerify(db);
  assert.equal(v.status, 0, `audit verify: ${v.stdout}${v.stderr}`);
  const m = /^intact: (\d+) records\n$/.exec(v.stdout);
  assert.ok(m, v.stdout);
  return Number(m[1]);
}

/** Rows of `SELECT a, count(*) ... GROUP BY a` as a Map from a to the count. */
function counted(db, statement) {
  const out = sql(db, statement);
  return new Map(out ? out.split('\n').map((l) => l.split('|')).map(([k, n]) => [k, Number(n)]) : []);
}

describe('two servers on one database', { skip }, () => {
  let dir, db, a, b, sysadmin, secadmin;

  before(async () => {
    dir = tempDir('pg-cluster');
    const made = createDb(dir);
    db = made.db;
    a = await startServer({ db, threads: 4 });
    b = await startServer({ db, threads: 4 });
    sysadmin = await readyAdmin(a.url, made.admin); // signed in on A
    secadmin = await readyUser(b.url, db, 'sec', 'secadmin'); // signed in on B
    await readyUser(a.url, db, 'aud', 'auditor');
  });
  after(async () => {
    try {
      await Promise.all([stopServer(a), stopServer(b)]);
    } finally {
      removeDir(dir);
    }
  });

  test('a session opened on one server is valid on the other, and its end is seen by both', async () => {
    const s = await signIn(a.url, 'aud', OWN_PASSWORD);
    const me = await request(b.url, 'GET', '/api/v1/me', { session: s });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.login, 'aud');
    // A change on B with the session and CSRF token A handed out, then its result used on A.
    const t = await request(b.url, 'POST', '/api/v1/me/tokens', { session: s, json: { name: 'made-on-b' } });
    assert.equal(t.status, 201, t.text);
    assert.equal((await request(a.url, 'GET', '/api/v1/me', { bearer: t.body.token })).status, 200);
    // Signed out on B: refused on A.
    assert.equal((await request(b.url, 'DELETE', '/api/v1/session', { session: s })).status, 204);
    assertError(await request(a.url, 'GET', '/api/v1/me', { session: s }), 401, 'unauthenticated');
  });

  test('connections the database closes between requests are replaced unseen', async () => {
    // As after a failover or an administrator's pg_terminate_backend(): every worker's
    // connection is gone, and nobody is told until it is next used.
    await Promise.all([a, b].map((s) => request(s.url, 'GET', '/api/v1/users', { session: secadmin })));
    const killed = sql(
      db,
      `SELECT count(*) FROM pg_stat_activity WHERE CASE
         WHEN datname = current_database() AND pid <> pg_backend_pid() THEN pg_terminate_backend(pid, 10000)
         ELSE false END`,
    );
    assert.ok(Number(killed) >= 2, `terminated ${killed} connections`);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        request([a, b][i % 2].url, 'POST', '/api/v1/users', { session: sysadmin, json: { login: `t-${i}` } }),
      ),
    );
    answers.forEach((r, i) => assert.equal(r.status, 201, `t-${i}: ${r.text}`));
  });

  test('writes from both servers at once all land, and the audit chain stays unbroken', async () => {
    const N = 12; // accounts made through each server
    const K = 6; // of them, the ones that sign in on one server and change their password on the other
    const T = 40; // API tokens made through each server
    const server = (i) => (i % 2 ? a : b);
    const other = (i) => (i % 2 ? b : a);
    const logins = Array.from({ length: 2 * N }, (_, i) => `w-${i}`);
    const records = verifiedRecords(db);

    // Account creations, half through each server, all at once.
    const created = await Promise.all(
      logins.map((login, i) =>
        request(server(i).url, 'POST', '/api/v1/users', {
          session: sysadmin,
          json: { login, password: FIRST_PASSWORD },
        }),
      ),
    );
    created.forEach((r, i) => assert.equal(r.status, 201, `${logins[i]}: ${r.text}`));

    // Then, all at once and each through both servers: two role grants on every account,
    // password changes on K of them, and API tokens.
    const grants = logins.flatMap((login, i) =>
      ['x', 'y'].map((part) =>
        request((part === 'x' ? other(i) : server(i)).url, 'POST', `/api/v1/users/${login}/roles`, {
          session: secadmin,
          json: { role: 'cast_officer', scope: `scope-${i}-${part}` },
        }),
      ),
    );
    const changes = logins.slice(0, K).map(async (login, i) => {
      const s = await signIn(server(i).url, login, FIRST_PASSWORD);
      return changePassword(other(i).url, s, FIRST_PASSWORD, OWN_PASSWORD);
    });
    const tokens = Array.from({ length: 2 * T }, (_, i) =>
      request(server(i).url, 'POST', '/api/v1/me/tokens', { session: sysadmin, json: { name: `tok-${i}` } }),
    );
    const [granted, changed, made] = await Promise.all([Promise.all(grants), Promise.all(changes), Promise.all(tokens)]);
    for (const r of granted) assert.equal(r.status, 201, r.text);
    changed.forEach((r, i) => assert.equal(r.status, 200, `password of ${logins[i]}: ${r.text}`));
    for (const r of made) assert.equal(r.status, 201, r.text);

    // Everything is there, as seen by either server and by the database.
    for (const s of [a, b]) {
      const list = await request(s.url, 'GET', '/api/v1/users?limit=500', { session: secadmin });
      assert.equal(list.status, 200, list.text);
      const listed = new Map(list.body.items.map((u) => [u.login, u]));
      for (const [i, login] of logins.entries()) {
        const u = listed.get(login);
        assert.ok(u, `${login} is missing from ${s.url}`);
        const scopes = u.roles.map((r) => r.scope).sort();
        assert.deepEqual(scopes, [`scope-${i}-x`, `scope-${i}-y`], login);
      }
    }
    assert.equal(sql(db, "SELECT count(*) FROM users WHERE login LIKE 'w-%'"), String(2 * N));
    assert.equal(sql(db, "SELECT count(*) FROM user_roles WHERE scope LIKE 'scope-%'"), String(4 * N));
    assert.equal(sql(db, "SELECT count(*) FROM users WHERE login LIKE 'w-%' AND must_change = 0"), String(K));
    assert.equal(sql(db, "SELECT count(DISTINCT name) FROM api_tokens WHERE name LIKE 'tok-%'"), String(2 * T));
    for (let i = 0; i < K; i++) await signIn(server(i + 1).url, logins[i], OWN_PASSWORD);

    // One audit record per write, in one unbroken chain.
    const byAction = counted(
      db,
      "SELECT action, count(*) FROM audit_log WHERE subject LIKE 'user:w-%' GROUP BY action",
    );
    assert.deepEqual(Object.fromEntries(byAction), {
      'account.create': 2 * N,
      'role.grant': 4 * N,
      signin: 2 * K,
      'password.change': K,
    });
    assert.equal(sql(db, "SELECT count(*) FROM audit_log WHERE action = 'token.create' AND details LIKE '%tok-%'"), String(2 * T));
    assert.equal(verifiedRecords(db), records + 2 * N + 4 * N + 2 * K + K + 2 * T);
    assert.equal(sql(db, 'SELECT count(*) FROM audit_log'), sql(db, 'SELECT max(seq) FROM audit_log'));
  });
});

describe('a PostgreSQL restart in the middle of a write load', { skip }, () => {
  let pgDir, db, a, b, admin;

  /** Runs scripts/pg-server without blocking the event loop (the load goes on meanwhile). */
  const pgServer = (...args) =>
    new Promise((res, rej) => {
      const p = spawn(PG_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (out += d));
      p.on('exit', (code) => (code === 0 ? res(out.trim()) : rej(new Error(`pg-server ${args[0]}: ${out}`))));
    });

  before(async () => {
    // A private PostgreSQL server: restarting the shared one would disturb the tests running
    // beside this file.
    pgDir = tempDir('pg-restart-cluster');
    const base = await pgServer('start', pgDir);
    const made = spawnSync('psql', ['-X', '-q', '-d', `${base}/postgres`, '-c', 'CREATE DATABASE lianheti']);
    assert.equal(made.status, 0, String(made.stderr));
    db = `${base}/lianheti`;
    const init = run(['init', '--db', db]);
    assert.equal(init.status, 0, init.stderr);
    const m = /^login: (\S+)\npassword: (\S+)\n$/.exec(init.stdout);
    assert.ok(m, init.stdout);
    a = await startServer({ db, threads: 4 });
    b = await startServer({ db, threads: 4 });
    admin = await readyAdmin(a.url, { login: m[1], password: m[2] });
  });
  after(async () => {
    try {
      await Promise.all([stopServer(a), stopServer(b)]);
    } finally {
      spawnSync(PG_SERVER, ['stop', pgDir]);
    }
  });

  test('requests answer 2xx or 503, every 2xx write is kept, no write is half-applied', async (t) => {
    const servers = [a, b];
    const writes = []; // {name, server, status}
    const reads = []; // {server, status}
    let stop = false;
    let restarted = false;
    const okAfterRestart = [0, 0];

    /** One client: API token creations (each one row and one audit record), a read between. */
    async function client(c) {
      for (let n = 0; !stop; n++) {
        const s = (c + n) % 2;
        const name = `r-${c}-${n}`;
        let status;
        try {
          status = (await request(servers[s].url, 'POST', '/api/v1/me/tokens', { session: admin, json: { name } }))
            .status;
        } catch (e) {
          status = `network error: ${e.cause?.code ?? e.message}`;
        }
        writes.push({ name, server: s, status });
        if (status === 201 && restarted) okAfterRestart[s]++;
        try {
          reads.push({ server: s, status: (await request(servers[s].url, 'GET', '/api/v1/me', { session: admin })).status });
        } catch (e) {
          reads.push({ server: s, status: `network error: ${e.cause?.code ?? e.message}` });
        }
        if (status !== 201) await sleep(20);
      }
    }

    const clients = Array.from({ length: 8 }, (_, c) => client(c));
    const until = async (cond, what, ms) => {
      const end = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await sleep(20);
      }
    };
    try {
      await until(() => writes.filter((w) => w.status === 201).length >= 50, 'the load to run', 60_000);
      await pgServer('restart', pgDir);
      restarted = true;
      // The same server processes serve again, through both of them.
      await until(() => okAfterRestart[0] >= 20 && okAfterRestart[1] >= 20, 'writes to succeed again', 60_000);
    } finally {
      stop = true;
      await Promise.all(clients);
    }

    const serverLogs = () => `A:\n${diagnostics(a)}\nB:\n${diagnostics(b)}`;
    for (const w of writes) assert.ok([201, 503].includes(w.status), `write ${w.name}: ${w.status}\n${serverLogs()}`);
    for (const r of reads) assert.ok([200, 503].includes(r.status), `read: ${r.status}\n${serverLogs()}`);

    // Each token creation is one row and one audit record in one transaction: after a 201 both
    // are there; after a 503 both or neither.
    const rows = counted(db, "SELECT name, count(*) FROM api_tokens WHERE name LIKE 'r-%' GROUP BY name");
    const audited = new Map();
    const details = sql(db, "SELECT details FROM audit_log WHERE action = 'token.create' AND details LIKE '%\"r-%'");
    for (const line of details.split('\n').filter(Boolean)) {
      const { name } = JSON.parse(line);
      audited.set(name, (audited.get(name) ?? 0) + 1);
    }
    const sent = new Set(writes.map((w) => w.name));
    for (const name of [...rows.keys(), ...audited.keys()]) assert.ok(sent.has(name), `${name} was never sent`);
    const landed503 = { complete: 0, absent: 0 };
    for (const w of writes) {
      const n = rows.get(w.name) ?? 0;
      const records = audited.get(w.name) ?? 0;
      if (w.status === 201) {
        assert.deepEqual([n, records], [1, 1], `${w.name} was answered 201: ${n} rows, ${records} audit records`);
      } else {
        assert.ok(n === records && n <= 1, `${w.name} (503) is half-applied: ${n} rows, ${records} audit records`);
        landed503[n ? 'complete' : 'absent']++;
      }
    }
    const tally = (list) => list.reduce((m, { status }) => ({ ...m, [status]: (m[status] ?? 0) + 1 }), {});
    t.diagnostic(
      `writes: ${JSON.stringify(tally(writes))} (503s ${JSON.stringify(landed503)}); reads: ${JSON.stringify(tally(reads))}`,
    );

    // The chain is unbroken and ends at the last record.
    assert.equal(verifiedRecords(db), Number(sql(db, 'SELECT count(*) FROM audit_log')));
    for (const s of servers) assert.equal(s.proc.exitCode, null, 'a lianheti server exited');
  });
});
