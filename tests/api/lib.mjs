// Shared helpers for the black-box tests: run the lianheti binary, start a server on a free
// port, talk HTTP to it, and reach into its database with the sqlite3 or psql command-line tool.
// Nothing here knows the program's internals beyond what its interfaces show.
//
// The backend: SQLite files by default; with LIANHETI_PG set to a server's base URL (from
// `scripts/pg-server start DIR`, e.g. postgresql://lianheti@127.0.0.1:5432) every database a test
// creates is a fresh PostgreSQL database on that server instead. A test names its database by
// the URL or path these helpers return (`db`), never by a file of its own.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The binary under test: $LIANHETI_BIN, else the ASan build of this checkout. */
export const BIN = process.env.LIANHETI_BIN
  ? resolve(process.env.LIANHETI_BIN)
  : resolve(here, '../../build/asan/lianheti');

/**
 * The PostgreSQL server the tests use: $LIANHETI_PG, or '' for SQLite. It may name a database
 * to connect to for creating and dropping the tests' databases (default postgres) and carry URL
 * parameters (?sslmode=...), which every test database's URL keeps.
 */
export const PG = (process.env.LIANHETI_PG ?? '').replace(/\/+$/, '');
/** 'postgresql' or 'sqlite': the backend of every database createDb() makes. */
export const BACKEND = PG ? 'postgresql' : 'sqlite';

/** Whether `db` (what createDb() returned) is a PostgreSQL URL rather than a SQLite file. */
export function isPg(db) {
  return /^postgres(ql)?:\/\//.test(db);
}

/** A one-line reason to skip a test that only makes sense on SQLite, or false (node:test `skip`). */
export const SQLITE_ONLY = PG ? 'SQLite only' : false;

/** The URL of database `name` on the $LIANHETI_PG server. */
function pgUrl(name) {
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Where to run CREATE DATABASE and DROP DATABASE. */
const pgAdminUrl = () => (new URL(PG).pathname.length > 1 ? PG : pgUrl('postgres'));

/** Runs psql on a database URL: rows as `a|b` lines, like the sqlite3 tool; throws on failure. */
function psql(url, statements, { check = true } = {}) {
  const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url];
  for (const s of [statements].flat()) args.push('-c', s);
  const r = spawnSync('psql', args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  if (check) assert.equal(r.status, 0, `psql failed: ${r.stderr}`);
  return r.stdout.trim();
}

// The PostgreSQL databases made for each temp dir, dropped by removeDir(dir).
const pgDatabases = new Map();
let pgCounter = 0;

/** A new PostgreSQL database named after `file` (optionally a copy of template): its URL. */
function pgCreate(dir, file, template) {
  const stem = basename(file).replace(/\.db$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 24);
  const name = `lh_${stem}_${process.pid}_${++pgCounter}`;
  const from = template ? ` TEMPLATE "${new URL(template).pathname.slice(1)}"` : '';
  psql(pgAdminUrl(), `CREATE DATABASE "${name}"${from}`);
  if (!pgDatabases.has(dir)) pgDatabases.set(dir, []);
  pgDatabases.get(dir).push(name);
  return pgUrl(name);
}

/** Drops the databases (best effort: a throwaway server goes away with them anyway). */
function pgDrop(names) {
  for (const n of names) {
    // WITH (FORCE) (PostgreSQL 13+) ends connections a stopped server's process left behind.
    psql(pgAdminUrl(), `DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`, { check: false });
  }
}

/** A fresh directory under os.tmpdir(); remove it with removeDir(). */
export function tempDir(name = 'lianheti-test') {
  return mkdtempSync(join(tmpdir(), `${name}-`));
}

/** Removes the directory and drops the PostgreSQL databases made for it (stop servers first). */
export function removeDir(dir) {
  if (!dir) return;
  rmSync(dir, { recursive: true, force: true });
  const names = pgDatabases.get(dir);
  if (names) {
    pgDatabases.delete(dir);
    pgDrop(names);
  }
}

/** Runs `lianheti ARGS...` to completion: {status, stdout, stderr}. */
export function run(args, { input, lang } = {}) {
  // The command line speaks Chinese unless the locale says English: pass lang 'en_US' to read its
  // messages in English.
  const env = lang ? { ...process.env, LC_ALL: `${lang}.UTF-8` } : process.env;
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', timeout: 60_000, env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A database that exists but was never initialised: a path in dir on SQLite (the file appears
 * when something opens it), a new empty database on PostgreSQL. Its URL or path.
 */
export function emptyDb(dir, file = 'empty.db') {
  return PG ? pgCreate(dir, file) : join(dir, file);
}

/**
 * `lianheti init` on a new database (a file in dir, or a fresh PostgreSQL database whose name
 * comes from `file`): {db, admin: {login, password}}. `db` is what --db takes.
 */
export function createDb(dir, file = 'lianheti.db') {
  const db = emptyDb(dir, file);
  const r = run(['init', '--db', db]);
  assert.equal(r.status, 0, `init failed: ${r.stderr}`);
  const m = /^login: (\S+)\npassword: (\S+)\n$/.exec(r.stdout);
  assert.ok(m, `unexpected init output: ${JSON.stringify(r.stdout)}`);
  return { db, admin: { login: m[1], password: m[2] } };
}

/** `lianheti user add` with the password on stdin. roles: 'auditor', 'cast_officer:bj' or a list. */
export function addUser(db, login, roles, password, { name } = {}) {
  const args = ['user', 'add', login, '--db', db, '--password-stdin'];
  for (const role of [roles].flat().filter(Boolean)) args.push('--role', role);
  if (name) args.push('--name', name);
  const r = run(args, { input: `${password}\n` });
  assert.equal(r.status, 0, `user add ${login} failed: ${r.stderr}`);
}

/**
 * Runs SQL against the database with the sqlite3 CLI (waiting for the server's locks) or psql:
 * the rows as `a|b` lines. Send SQL both accept (no strftime(), no booleans in the result: use
 * CASE WHEN ... THEN 1 ELSE 0 END), or branch on isPg(db).
 */
export function sql(db, statement) {
  if (isPg(db)) return psql(db, statement);
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, statement], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** `lianheti audit verify`: {status, stdout, stderr}. */
export function auditVerify(db) {
  return run(['audit', 'verify', '--db', db], { lang: 'en_US' });
}

/**
 * Holds the database's write lock from another process until release() is called: SQLite's
 * (BEGIN IMMEDIATE in the sqlite3 tool) or, on PostgreSQL, the transaction-scoped advisory lock
 * every lianheti write transaction takes first (docs/deploy.md). Resolves to {release()}.
 */
export async function holdWriteLock(db) {
  const [cmd, args, take, release] = isPg(db)
    ? [
        'psql',
        ['-X', '-q', '-A', '-t', '-d', db],
        "BEGIN;\nSELECT pg_advisory_xact_lock(7470001);\nSELECT 'held';\n",
        'ROLLBACK;\n\\q\n',
      ]
    : ['sqlite3', ['-cmd', '.timeout 5000', db], "BEGIN IMMEDIATE;\nSELECT 'held';\n", 'ROLLBACK;\n.quit\n'];
  const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.setEncoding('utf8');
  await new Promise((res, rej) => {
    p.stdout.on('data', (d) => (out += d).includes('held') && res());
    p.on('exit', () => rej(new Error(`${cmd} exited before taking the lock`)));
    p.stdin.write(take);
  });
  return {
    release: () =>
      new Promise((res) => {
        p.removeAllListeners('exit');
        p.on('exit', res);
        p.stdin.end(release);
      }),
  };
}

/**
 * Starts `lianheti serve` on 127.0.0.1 and a free port (args: more options; db, or its older
 * name dbFile, is what --db takes). Resolves to {url, port, proc, log(), stop()}; stop() sends
 * SIGTERM and resolves to the exit status.
 */
export function startServer({ db, dbFile, threads = 2, args = [] }) {
  const proc = spawn(
    BIN,
    ['serve', '--db', db ?? dbFile, '--listen', '127.0.0.1:0', '--threads', String(threads), ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  const exited = new Promise((res) => {
    proc.on('exit', (code, signal) => res(code ?? `signal ${signal}`));
  });
  const server = {
    proc,
    exited,
    /** Everything the server wrote to stderr so far. */
    log: () => stderr,
    /** Sends SIGTERM (once) and resolves to the exit status. */
    stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      rej(new Error(`server did not start:\n${stderr}`));
    }, 30_000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /lianheti: listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(stderr);
      if (m && !server.url) {
        clearTimeout(timer);
        server.url = m[1];
        server.port = Number(m[2]);
        res(server);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
}

/** The server's stderr without the per-request JSON lines: what to show when stop() fails. */
export function diagnostics(server) {
  return server
    .log()
    .split('\n')
    .filter((l) => !l.startsWith('{'))
    .join('\n')
    .slice(-8000);
}

/** Stops the server and asserts it exited 0 (under ASan a leak or other report makes it fail). */
export async function stopServer(server) {
  if (!server) return;
  const code = await server.stop();
  assert.equal(code, 0, `server exit status ${code}; its stderr:\n${diagnostics(server)}`);
}

/** The NAME=VALUE part of the Set-Cookie header for cookie `name`, or undefined. */
export function setCookie(res, name) {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

export function cookiePair(setCookieHeader) {
  return setCookieHeader?.split(';')[0];
}

/**
 * One HTTP request. opts: json (sent as application/json), body + contentType, form (an object,
 * sent urlencoded), session ({cookie, csrf}: sends the cookie and, for unsafe methods, the CSRF
 * header), cookie, csrf, bearer, headers. Never follows redirects.
 * Resolves to {status, headers, text, body (parsed JSON or null), res}.
 */
export async function request(url, method, path, opts = {}) {
  const headers = { ...(opts.headers ?? {}) };
  let body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof opts.json === 'string' ? opts.json : JSON.stringify(opts.json);
  } else if (opts.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    if (opts.contentType) headers['content-type'] = opts.contentType;
    body = opts.body;
  }
  const cookies = [];
  if (opts.session) cookies.push(opts.session.cookie);
  if (opts.cookie) cookies.push(opts.cookie);
  if (cookies.length) headers.cookie = cookies.join('; ');
  const unsafe = !['GET', 'HEAD'].includes(method);
  if (opts.csrf !== undefined) headers['x-csrf-token'] = opts.csrf;
  else if (opts.session && unsafe) headers['x-csrf-token'] = opts.session.csrf;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed, res };
}

/** POST /api/v1/session. Resolves to the raw response; see signIn() for the asserting form. */
export function trySignIn(url, login, password) {
  return request(url, 'POST', '/api/v1/session', { json: { login, password } });
}

/** Signs in through the API, asserting success: {cookie, csrf, body}. */
export async function signIn(url, login, password) {
  const r = await trySignIn(url, login, password);
  assert.equal(r.status, 200, `sign-in of ${login} failed: ${r.text}`);
  const cookie = cookiePair(setCookie(r, 'lh_session'));
  assert.ok(cookie, 'sign-in set no lh_session cookie');
  return { cookie, csrf: r.body.csrf_token, body: r.body };
}

/** POST /api/v1/me/password with the session's cookie and CSRF token. */
export function changePassword(url, session, oldPassword, newPassword) {
  return request(url, 'POST', '/api/v1/me/password', {
    session,
    json: { old: oldPassword, new: newPassword },
  });
}

/** Passwords that meet the policy (12–64 characters, three classes). */
export const FIRST_PASSWORD = 'First-pass-1234';
export const OWN_PASSWORD = 'Own-Secret-5678';

/**
 * Creates an account with the CLI, signs it in and replaces its one-time password, so it can do
 * everything its roles allow: {login, password, cookie, csrf}.
 */
export async function readyUser(url, db, login, roles, { name } = {}) {
  addUser(db, login, roles, FIRST_PASSWORD, { name });
  const s = await signIn(url, login, FIRST_PASSWORD);
  const r = await changePassword(url, s, FIRST_PASSWORD, OWN_PASSWORD);
  assert.equal(r.status, 200, `password change of ${login} failed: ${r.text}`);
  return { login, password: OWN_PASSWORD, cookie: s.cookie, csrf: s.csrf };
}

/** The same for the administrator `init` created. */
export async function readyAdmin(url, admin) {
  const s = await signIn(url, admin.login, admin.password);
  const r = await changePassword(url, s, admin.password, OWN_PASSWORD);
  assert.equal(r.status, 200, `password change of ${admin.login} failed: ${r.text}`);
  return { login: admin.login, password: OWN_PASSWORD, cookie: s.cookie, csrf: s.csrf };
}

/** Asserts an API error answer: status and error.code (and error.field when given). */
export function assertError(r, status, code, field) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status}: ${r.text}`);
  assert.equal(r.body?.error?.code, code, `expected code ${code}: ${r.text}`);
  assert.equal(typeof r.body.error.message, 'string');
  assert.ok(r.body.error.message.length > 0);
  if (field !== undefined) assert.equal(r.body.error.field, field, r.text);
}

/**
 * A test file's world: a temp dir, an initialised database and a running server.
 * close() stops the server (asserting exit 0) and removes the directory.
 */
export async function setup(name, { args = [] } = {}) {
  const dir = tempDir(name);
  try {
    const { db, admin } = createDb(dir);
    const server = await startServer({ dbFile: db, args });
    return {
      dir,
      db,
      admin,
      server,
      url: server.url,
      async close() {
        try {
          await stopServer(server);
        } finally {
          removeDir(dir);
        }
      },
    };
  } catch (e) {
    removeDir(dir);
    throw e;
  }
}

/**
 * Copies a database while nothing has it open (stop its servers first): the file (and its WAL, if
 * any) to the path dst, or on PostgreSQL `CREATE DATABASE ... TEMPLATE src` named after dst and
 * dropped with dst's directory. Returns the copy's URL or path: use that, not dst.
 */
export function copyDb(src, dst) {
  if (isPg(src)) return pgCreate(dirname(dst), dst, src);
  copyFileSync(src, dst);
  for (const ext of ['-wal', '-shm']) if (existsSync(src + ext)) copyFileSync(src + ext, dst + ext);
  return dst;
}
