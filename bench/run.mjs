#!/usr/bin/env node
// The driver of `make bench` (docs/performance.md): measures lianheti side by side with its
// ceiling and prints one table. Everything runs on 127.0.0.1, on free ports, and stops by itself;
// every server it starts is stopped on the way out, also on failure or Ctrl-C.
//
//   node bench/run.mjs --bin build/bench/lianheti --ceiling build/bench/ceiling [--out DIR]
//
// 1. Reads: an alliance's member list (HTML page, ?limit=200) and its JSON twin
//    (GET /api/v1/alliances/{key}/members?limit=200) under wrk at 8 and 32 connections, against
//    lianheti with its response cache (--cache-mb 16) and without (--cache-mb 0), and against the
//    ceiling (bench/ceiling.c: bare libmicrohttpd answering the identical bytes from memory).
// 2. Writes: sign-ins (POST /login) and the form post that records a meeting
//    (POST /alliances/a-0/meetings) under concurrency, on
//    SQLite and on PostgreSQL.
// 3. `lianheti check` over 100, 1,000 and 10,000 generated alliances: seconds and peak RSS.
// 4. Import and export of a generated 50 MB dataset: seconds and MB/s.
// Each figure is the median of BENCH_RUNS runs (default 3) with its spread (min–max).
//
// Sizes and durations come from the environment (defaults in brackets): BENCH_RUNS [3],
// BENCH_SECONDS [3] per wrk run, BENCH_ALLIANCES [20] and BENCH_MEMBERS [200] and BENCH_YEARS [5]
// for the read data, BENCH_CHECK_SIZES [100,1000,10000] and BENCH_CHECK_MEMBERS [10] for the
// check, BENCH_IMPORT_MB [50], BENCH_PG [1] (0 skips PostgreSQL), BENCH_DOC [0] (1 also writes
// the table into docs/performance.md). The check databases are kept in OUT/data between runs,
// keyed by the generator, its arguments and the migrations, since building the largest takes
// minutes.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, closeSync, copyFileSync, fdatasyncSync, writeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync,
  renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const T0 = Date.now();

// --- options -------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : def;
};
const BIN = resolve(arg('--bin', join(REPO, 'build/bench/lianheti')));
const CEILING = resolve(arg('--ceiling', join(REPO, 'build/bench/ceiling')));
const OUT = resolve(arg('--out', join(REPO, 'build/bench')));
const env = (k, d) => (process.env[k] ?? '') || d;
const RUNS = Math.max(3, Number(env('BENCH_RUNS', 3)));
const SECONDS = Number(env('BENCH_SECONDS', 3));
const READ_ALLIANCES = Number(env('BENCH_ALLIANCES', 20));
const MEMBERS = Number(env('BENCH_MEMBERS', 200));
const YEARS = Number(env('BENCH_YEARS', 5));
const CHECK_SIZES = env('BENCH_CHECK_SIZES', '100,1000,10000').split(',').map(Number).filter((n) => n > 0);
const CHECK_MEMBERS = Number(env('BENCH_CHECK_MEMBERS', 10));
const IMPORT_MB = Number(env('BENCH_IMPORT_MB', 50));
const WITH_PG = env('BENCH_PG', '1') !== '0';
const WRITE_DOC = env('BENCH_DOC', '0') === '1';
const CONNS = [8, 32];
const WRITE_CONNS = 8;
const CACHE_MB = 16;
const AS_OF = '2026-01-31'; // the check's date: fixed, so its findings do not move with the clock
const PART = 500; // alliances per dataset when building a large register (a dataset is <= 64 MiB)
const HARD_LIMIT_S = 30 * 60; // a run that takes longer than this has hung: stop everything

for (const [what, p] of [['lianheti', BIN], ['ceiling', CEILING]]) {
  if (!existsSync(p)) fail(`no ${what} binary at ${p} (run it through \`make bench\`)`);
}
for (const tool of ['wrk', 'taskset']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) fail(`${tool} is not installed (scripts/install-deps --bench)`);
}
if (!existsSync('/usr/bin/time')) fail('/usr/bin/time is not installed (scripts/install-deps --bench)');

const WORK = mkdtempSync(join(tmpdir(), 'lianheti-bench-'));
const DATA = join(OUT, 'data');
mkdirSync(DATA, { recursive: true });

// --- processes: everything started here is stopped on the way out ------------------------------
const children = new Set();
const cleanups = [];
function cleanup() {
  for (const p of children) {
    if (p.exitCode === null && p.signalCode === null) {
      try {
        p.kill('SIGKILL');
      } catch {}
    }
  }
  children.clear();
  while (cleanups.length) {
    try {
      cleanups.pop()();
    } catch {}
  }
  rmSync(WORK, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    process.stderr.write(`bench: ${sig}, stopping\n`);
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: still running after ${HARD_LIMIT_S} s; stopping\n`);
  process.exit(3);
}, HARD_LIMIT_S * 1000);
watchdog.unref();

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}
const say = (msg) => process.stderr.write(`bench [${((Date.now() - T0) / 1000).toFixed(0).padStart(3)} s] ${msg}\n`);

/** Runs a command to completion: {status, stdout, stderr}; throws when it cannot start. */
function run(cmd, args, { input, env: extra, timeout = 600_000, stdout } = {}) {
  const r = spawnSync(cmd, args, {
    input: input ?? '',
    encoding: 'utf8',
    timeout,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LIANHETI_DB: '', ...extra },
    stdio: ['pipe', stdout ?? 'pipe', 'pipe'],
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
function lh(args, opts) {
  return run(BIN, args, opts);
}
function mustLh(args, opts) {
  const r = lh(args, opts);
  if (r.status !== 0) fail(`lianheti ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-3000)}`);
  return r;
}

/** Runs a command to completion without blocking the event loop: {status, stdout, stderr}. */
function runAsync(cmd, args, { stdoutFile } = {}) {
  return new Promise((res, rej) => {
    const fd = stdoutFile ? openSync(stdoutFile, 'w') : null;
    const p = spawn(cmd, args, { stdio: ['ignore', fd ?? 'pipe', 'pipe'], env: { ...process.env, LIANHETI_DB: '' } });
    children.add(p);
    let out = '', err = '';
    p.stdout?.setEncoding('utf8').on('data', (d) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (err = (err + d).slice(-20000)));
    p.on('error', rej);
    p.on('close', (code) => {
      children.delete(p);
      if (fd !== null) closeSync(fd);
      res({ status: code, stdout: out, stderr: err });
    });
  });
}

/** Starts a server whose stderr goes to a file and waits for its "listening on" line. */
async function startProcess(name, cmd, args) {
  const log = join(WORK, `${name}.log`);
  const fd = openSync(log, 'w');
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', fd], env: { ...process.env, LIANHETI_DB: '' } });
  closeSync(fd);
  children.add(proc);
  const exited = new Promise((res) => proc.on('exit', (code, sig) => res(code ?? sig)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = readFileSync(log, 'utf8');
    const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(text);
    if (m) {
      return {
        name,
        proc,
        pid: proc.pid,
        url: m[1],
        log,
        async stop() {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
          const code = await exited;
          clearTimeout(t);
          children.delete(proc);
          return code;
        },
      };
    }
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      fail(`${name} did not start:\n${text.slice(-3000)}`);
    }
    await sleep(50);
  }
}
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const startLianheti = (name, db, extra = []) =>
  startProcess(name, BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', String(cpus().length), ...extra]);

/** CPU time of a process so far, in clock ticks (NaN once it is gone). */
function cpuTicks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]); // utime, stime
  } catch {
    return NaN;
  }
}
/** Waits until the process has used no CPU for 300 ms (at most 20 s): the work a previous load
 * left queued (sign-ins still hashing, say) must not spill into the next measurement. */
async function awaitIdle(pid) {
  const end = Date.now() + 20_000;
  let last = cpuTicks(pid), quiet = 0;
  while (Date.now() < end && quiet < 3) {
    await sleep(100);
    const now = cpuTicks(pid);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** Resident memory of a process from /proc: {rss, hwm} in MB (hwm: the peak so far). */
function memOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

// --- statistics and formatting ------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });
const fmtNum = (x, digits) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
function fmtNumAuto(x) {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  return fmtNum(x, a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}
const cell = (s, f = fmtNumAuto) => (s && Number.isFinite(s.median) ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : 'n/a');
const pct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');

// --- wrk ------------------------------------------------------------------------------------------
function parseDuration(s) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(s.trim());
  if (!m) return NaN;
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60000 }[m[2]];
}
/** One wrk run: {rps, p50, p99 (ms), errors, rssPeak (MB) and cpuMs (CPU ms per request) of
 * pid while it ran}. */
async function wrk(url, { conns, seconds = SECONDS, headers = [], script, pid }) {
  const args = ['-t', '2', '-c', String(conns), '-d', `${seconds}s`, '--latency', '--timeout', '5s'];
  for (const h of headers) args.push('-H', h);
  if (script) args.push('-s', script);
  args.push(url);
  if (pid) await awaitIdle(pid);
  let rssPeak = 0;
  const sampler = pid
    ? setInterval(() => {
        rssPeak = Math.max(rssPeak, memOf(pid).rss || 0);
      }, 100)
    : null;
  const ticks0 = pid ? cpuTicks(pid) : NaN;
  const r = await runAsync('wrk', args);
  const ticks1 = pid ? cpuTicks(pid) : NaN;
  if (sampler) clearInterval(sampler);
  if (r.status !== 0) fail(`wrk failed: ${r.stderr}${r.stdout}`);
  const o = r.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(o)?.[1]);
  const p50 = parseDuration(/^\s+50%\s+(\S+)/m.exec(o)?.[1] ?? '');
  const p99 = parseDuration(/^\s+99%\s+(\S+)/m.exec(o)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(o)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(o);
  const errors = non2xx + (sock ? Number(sock[1]) + Number(sock[3]) + Number(sock[4]) : 0);
  const requests = Number(/(\d+) requests in/.exec(o)?.[1]);
  // The server's CPU per request: steadier than req/s on a machine shared with other work.
  const cpuMs = ((ticks1 - ticks0) * 1000) / CLK_TCK / requests;
  return { rps, p50, p99, errors, rssPeak, cpuMs, raw: o };
}

// --- HTTP helpers (node's fetch) -----------------------------------------------------------------
async function http(url, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: buf, text: buf.toString('utf8') };
}
/** Signs in through the API and replaces the one-time password: {cookie, csrf, password}. */
async function readySession(url, login, first, own) {
  let r = await http(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: first }),
  });
  if (r.status !== 200) fail(`sign-in of ${login} failed: ${r.status} ${r.text}`);
  const cookie = r.headers.getSetCookie().find((c) => c.startsWith('lh_session=')).split(';')[0];
  const csrf = JSON.parse(r.text).csrf_token;
  r = await http(`${url}/api/v1/me/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ old: first, new: own }),
  });
  if (r.status !== 200) fail(`password change of ${login} failed: ${r.status} ${r.text}`);
  return { cookie, csrf, password: own };
}

// --- data -----------------------------------------------------------------------------------------
const GEN = join(HERE, 'gen.mjs');
function gen(args, file) {
  const r = run(process.execPath, [GEN, ...args.map(String), '-o', file]);
  if (r.status !== 0) fail(`gen.mjs ${args.join(' ')} failed: ${r.stderr}`);
  return r.stderr.trim();
}
/** A fresh database with the schema and nothing else. */
function freshDb(path) {
  for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
  mustLh(['init', '--db', path]);
  return path;
}
const sha = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : JSON.stringify(p)).update('\0');
  return h.digest('hex').slice(0, 16);
};
const migrationsDir = join(REPO, 'src/store/migrations');
const schemaHash = sha(...readdirSync(migrationsDir).sort().map((f) => f + readFileSync(join(migrationsDir, f), 'utf8')));
const genHash = sha(readFileSync(GEN, 'utf8'));
const sizeMb = (p) => statSync(p).size / 1e6;

/**
 * The check databases, one per size in CHECK_SIZES, kept in DATA: {size: path}. A register larger
 * than one dataset is imported in parts of PART alliances (each with the same organisations,
 * imported with --replace); generating the next part overlaps importing the current one.
 */
async function checkDatabases() {
  const want = {};
  for (const n of CHECK_SIZES) want[n] = join(DATA, `check-${n}x${CHECK_MEMBERS}x${YEARS}-${sha(genHash, schemaHash, n, CHECK_MEMBERS, YEARS)}.db`);
  // Databases of an older generator, other arguments or an older schema are of no further use.
  for (const f of readdirSync(DATA)) {
    if (/^check-.*\.db(\.part)?$/.test(f) && !Object.values(want).includes(join(DATA, f))) rmSync(join(DATA, f), { force: true });
  }
  const missing = CHECK_SIZES.filter((n) => !existsSync(want[n]));
  if (!missing.length) return want;
  const largest = Math.max(...missing);
  const small = missing.filter((n) => n <= PART);
  for (const n of small) {
    say(`building the ${n}-alliance register for the check`);
    const file = join(WORK, `check-${n}.json`);
    gen([n, CHECK_MEMBERS, YEARS], file);
    const tmp = freshDb(join(WORK, `check-${n}.db`));
    mustLh(['import', file, '--db', tmp]);
    rmSync(file);
    mustLh(['backup', want[n] + '.part', '--db', tmp]);
    renameSync(want[n] + '.part', want[n]);
  }
  if (largest <= PART) return want;
  say(`building the ${largest}-alliance register for the check in parts of ${PART} (kept in ${DATA} for later runs)`);
  const db = freshDb(join(WORK, 'check-big.db'));
  // Parts of at most PART alliances that end at every size wanted, so each can be saved on the way.
  const chunks = [];
  for (let cur = 0, i = 0, ends = missing.filter((n) => n > PART).sort((a, b) => a - b); i < ends.length; i++) {
    for (; cur < ends[i]; cur += Math.min(PART, ends[i] - cur)) chunks.push([cur, Math.min(PART, ends[i] - cur)]);
  }
  const partFile = (k) => join(WORK, `part-${k}.json`);
  const genPart = (k) =>
    runAsync(process.execPath, [GEN, String(chunks[k][1]), String(CHECK_MEMBERS), String(YEARS), '--from', String(chunks[k][0]), '-o', partFile(k)]);
  let next = genPart(0);
  for (let k = 0; k < chunks.length; k++) {
    const g = await next;
    if (g.status !== 0) fail(`gen.mjs part ${k} failed: ${g.stderr}`);
    if (k + 1 < chunks.length) next = genPart(k + 1);
    const r = await runAsync(BIN, ['import', partFile(k), '--db', db, ...(k ? ['--replace'] : [])]);
    if (r.status !== 0) fail(`import of part ${k} failed: ${r.stderr.slice(-3000)}`);
    rmSync(partFile(k));
    const have = chunks[k][0] + chunks[k][1];
    if (missing.includes(have) && have > PART) {
      mustLh(['backup', want[have] + '.part', '--db', db]);
      renameSync(want[have] + '.part', want[have]);
    }
    say(`  ${have} of ${largest} alliances`);
  }
  return want;
}

// --- the machine -----------------------------------------------------------------------------------
function machine() {
  const first = (cmd, args) => {
    try {
      const r = spawnSync(cmd, args, { encoding: 'utf8' });
      return (r.stdout || r.stderr || '').trim().split('\n')[0];
    } catch {
      return 'n/a';
    }
  };
  const os = /PRETTY_NAME="([^"]+)"/.exec(existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '')?.[1] ?? 'n/a';
  const git = first('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']);
  const dirty = spawnSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout?.trim() ? ' (with uncommitted changes)' : '';
  return {
    cpu: `${cpus()[0]?.model ?? 'n/a'}, ${cpus().length} cores`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${os}, Linux ${first('uname', ['-r'])}`,
    libmicrohttpd: first('pkg-config', ['--modversion', 'libmicrohttpd']),
    sqlite: first('sqlite3', ['--version']).split(' ')[0],
    postgresql: first('sh', ['-c', '"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version']),
    wrk: first('wrk', ['--version']).split(' ').slice(0, 2).join(' '),
    node: process.version,
    lianheti: `${first(BIN, ['--version']).replace(/^lianheti /, '')}, commit ${git}${dirty}`,
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

// --- 1. reads ------------------------------------------------------------------------------------
async function reads(result) {
  say(`reads: generating ${READ_ALLIANCES} alliances of ${MEMBERS} members, ${YEARS} years`);
  const file = join(WORK, 'reads.json');
  gen([READ_ALLIANCES, MEMBERS, YEARS], file);
  const db = freshDb(join(WORK, 'reads.db'));
  mustLh(['import', file, '--db', db]);
  mustLh(['user', 'add', 'bench', '--role', 'cast_officer:cast', '--password-stdin', '--db', db], { input: 'Bench-First-1234\n' });
  // The writer records meetings: the alliance's secretariat.
  mustLh(['user', 'add', 'writer', '--role', 'secretariat:a-0', '--password-stdin', '--db', db], { input: 'Bench-First-1234\n' });
  result.readDb = db;
  result.readFile = file;

  const hasCache = /--cache-mb/.test(lh(['help', 'serve']).stdout + lh(['help', 'serve']).stderr);
  result.hasCache = hasCache;
  const servers = {};
  servers.uncached = await startLianheti('lianheti-uncached', db, hasCache ? ['--cache-mb', '0'] : []);
  if (hasCache) servers.cached = await startLianheti('lianheti-cached', db, ['--cache-mb', String(CACHE_MB)]);
  const s = await readySession(servers.uncached.url, 'bench', 'Bench-First-1234', 'Bench-Reads-5678');
  const auth = [`Cookie: ${s.cookie}`];

  const key = 'a-0';
  const targets = [
    { id: 'page', name: `members page (HTML, ${MEMBERS} rows)`, path: `/alliances/${key}?limit=${MEMBERS}` },
    { id: 'json', name: `members API (JSON, ${MEMBERS} items)`, path: `/api/v1/alliances/${key}/members?limit=${MEMBERS}` },
  ];
  // The bytes each server answers; the ceiling answers those of the cached server (with its ETag).
  for (const t of targets) {
    const got = {};
    for (const [mode, srv] of Object.entries(servers)) {
      const r = await http(srv.url + t.path, { headers: { cookie: s.cookie } });
      if (r.status !== 200) fail(`${mode} ${t.path}: ${r.status} ${r.text.slice(0, 500)}`);
      got[mode] = r;
    }
    if (got.cached && !got.cached.body.equals(got.uncached.body)) fail(`${t.path}: the cached and uncached answers differ`);
    const src = got.cached ?? got.uncached;
    if (t.id === 'json' && JSON.parse(src.text).items.length !== MEMBERS) fail(`${t.path}: expected ${MEMBERS} items`);
    t.bytes = src.body.length;
    t.dir = join(WORK, `ceiling-${t.id}`);
    mkdirSync(t.dir);
    writeFileSync(join(t.dir, 'body'), src.body);
    writeFileSync(join(t.dir, 'headers'), [...src.headers].filter(([k]) => k !== 'set-cookie').map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  }
  servers.ceiling = await startProcess('ceiling', CEILING, ['--threads', String(cpus().length), ...targets.map((t) => `${t.path.split('?')[0]}=${t.dir}`)]);
  for (const t of targets) {
    const r = await http(servers.ceiling.url + t.path);
    if (r.status !== 200 || !r.body.equals(readFileSync(join(t.dir, 'body')))) fail(`the ceiling does not answer ${t.path} with the same bytes`);
  }

  const modes = ['ceiling', 'cached', 'uncached'].filter((m) => servers[m]);
  say(`reads: warming up ${modes.join(', ')}`);
  for (const m of modes) for (const t of targets) await wrk(servers[m].url + t.path, { conns: 8, seconds: 1, headers: m === 'ceiling' ? [] : auth });
  const samples = {};
  for (let run = 1; run <= RUNS; run++) {
    say(`reads: run ${run} of ${RUNS}`);
    for (const t of targets) {
      for (const c of CONNS) {
        // Interleaved, so that a busy moment of a shared machine hits every server alike.
        for (const m of modes) {
          const w = await wrk(servers[m].url + t.path, { conns: c, headers: m === 'ceiling' ? [] : auth, pid: servers[m].pid });
          if (w.errors) fail(`${m} ${t.path} at ${c} connections: ${w.errors} errors\n${w.raw}`);
          const k = `${t.id}/${c}/${m}`;
          (samples[k] ??= []).push(w);
        }
      }
    }
  }
  result.reads = { targets: targets.map(({ id, name, path, bytes }) => ({ id, name, path, bytes })), modes, figures: {} };
  for (const [k, ws] of Object.entries(samples)) {
    result.reads.figures[k] = {
      rps: stat(ws.map((w) => w.rps)),
      p50: stat(ws.map((w) => w.p50)),
      p99: stat(ws.map((w) => w.p99)),
      rss: stat(ws.map((w) => w.rssPeak)),
      cpu: stat(ws.map((w) => w.cpuMs)),
    };
  }
  result.reads.peak = Object.fromEntries(modes.map((m) => [m, memOf(servers[m].pid).hwm]));
  for (const m of modes) {
    const code = await servers[m].stop();
    if (code !== 0) fail(`${m} exited with ${code}:\n${readFileSync(servers[m].log, 'utf8').split('\n').filter((l) => !l.startsWith('{')).join('\n').slice(-3000)}`);
  }
}

// --- 2. writes -------------------------------------------------------------------------------------
/** The form that records a held presidium meeting of alliance a-0 (第十一条: chaired by the chair,
 * agenda proposed by the secretariat and approved by the chair before the meeting), built from
 * the people the generated dataset gave that alliance, as urlencoded text without the token. */
function meetingForm(datasetFile) {
  const ds = JSON.parse(readFileSync(datasetFile, 'utf8'));
  const al = ds.alliances.find((a) => a.key === 'a-0');
  const posts = al.bodies.flatMap((b) => (b.posts ?? []).map((p) => ({ ...p, body: b.kind })));
  const holder = (body, role) => posts.find((p) => p.body === body && p.role === role && !p.to)?.person;
  const chair = holder('presidium', 'chair');
  const vices = posts.filter((p) => p.body === 'presidium' && p.role === 'vice_chair' && !p.to).map((p) => p.person);
  const secGen = holder('secretariat', 'secretary_general');
  if (!chair || !secGen) fail('the generated alliance a-0 has no chair or secretary-general in office');
  const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
  const fields = [
    ['kind', 'presidium'], ['title', '主席团会议'], ['date', day(-1)], ['status', 'held'],
    ['chaired_by', chair], ['agenda.proposed_by', secGen], ['agenda.approved_by', chair],
    ['agenda.approved_on', day(-8)], ['agenda.items', '审议年度工作计划'], ['agenda.major', '1'],
    ...[chair, ...vices].map((p) => ['attended', p]), ['decisions', '通过年度工作计划'], ['decisions.major', '1'],
  ];
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Sign-ins and meetings recorded through the form against a server on db: {signin, post}. */
async function writeLoad(label, db, form) {
  const srv = await startLianheti(`writes-${label}`, db);
  const path = '/alliances/a-0/meetings';
  try {
    const s = await readySession(srv.url, 'writer', 'Bench-First-1234', 'Bench-Write-5678');
    // Each post records one more meeting (a new key, its agenda, attendance and decision), in one
    // transaction with its audit record.
    const body = `${form}&csrf=${s.csrf}`;
    const postLua = join(WORK, 'post.lua');
    writeFileSync(
      postLua,
      `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "${s.cookie}"
wrk.body = "${body}"
`,
    );
    // POST /login: the sign-in form with its double-submit token; each one is a session and an
    // audit record, after argon2id.
    const pre = randomBytes(32).toString('base64url');
    const loginLua = join(WORK, 'login.lua');
    writeFileSync(
      loginLua,
      `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "lh_pre=${pre}"
wrk.body = "csrf=${pre}&login=writer&password=${s.password}"
`,
    );
    const first = await http(`${srv.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
      body,
    });
    if (first.status !== 303) fail(`POST ${path} on ${label}: ${first.status} ${first.text.slice(0, 300)}`);
    const out = { post: [], signin: [] };
    await wrk(`${srv.url}${path}`, { conns: WRITE_CONNS, seconds: 1, script: postLua });
    // The posts first, then the sign-ins: a sign-in keeps a core busy long after wrk has stopped
    // (argon2id), and wrk() waits for the server to be idle before each run.
    for (const [k, script] of [['post', postLua], ['signin', loginLua]]) {
      for (let run = 1; run <= RUNS; run++) {
        const w = await wrk(`${srv.url}${k === 'post' ? path : '/login'}`, { conns: WRITE_CONNS, script, pid: srv.pid });
        if (w.errors) fail(`${label} ${k}: ${w.errors} errors\n${w.raw}\n${readFileSync(srv.log, 'utf8').slice(-2000)}`);
        out[k].push(w);
      }
    }
    const figures = {};
    for (const k of ['post', 'signin']) {
      figures[k] = {
        rps: stat(out[k].map((w) => w.rps)),
        p50: stat(out[k].map((w) => w.p50)),
        p99: stat(out[k].map((w) => w.p99)),
        rss: stat(out[k].map((w) => w.rssPeak)),
        cpu: stat(out[k].map((w) => w.cpuMs)),
      };
    }
    await srv.stop();
    // Every write left its audit record, and the chain holds (checked with the server stopped:
    // `audit verify` during writes can report records missing at the end).
    const audit = lh(['audit', 'verify', '--db', db]);
    if (audit.status !== 0) fail(`audit verify after the ${label} writes: ${audit.stdout}${audit.stderr}`);
    return figures;
  } finally {
    await srv.stop();
  }
}

/** Median milliseconds of one 4 KiB write plus fdatasync in dir: what one synced commit costs. */
function syncLatency(dir) {
  const f = join(dir, 'fsync-probe');
  const fd = openSync(f, 'w');
  const block = Buffer.alloc(4096, 1);
  const ms = [];
  for (let i = 0; i < 100; i++) {
    const t = process.hrtime.bigint();
    writeSync(fd, block);
    fdatasyncSync(fd);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  closeSync(fd);
  rmSync(f);
  return stat(ms);
}

async function writes(result) {
  result.writes = { sync: syncLatency(WORK) };
  say('writes: SQLite');
  const sq = join(WORK, 'writes.db');
  mustLh(['backup', sq, '--db', result.readDb]);
  const form = meetingForm(result.readFile);
  result.writes.sqlite = await writeLoad('sqlite', sq, form);
  if (!WITH_PG) {
    result.writes.pgSkipped = 'BENCH_PG=0';
    return;
  }
  const pgServer = join(REPO, 'scripts/pg-server');
  const pgBin = spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim();
  if (!existsSync(pgServer) || !pgBin) {
    result.writes.pgSkipped = 'PostgreSQL or scripts/pg-server is not installed';
    return;
  }
  say('writes: PostgreSQL');
  // The cluster's directory must be reachable by the postgres user when we are root.
  const parent = mkdtempSync(join(tmpdir(), 'lianheti-bench-pg-'));
  chmodSync(parent, 0o755);
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  const dir = join(parent, 'pg');
  const started = run(pgServer, ['start', dir]);
  if (started.status !== 0) {
    result.writes.pgSkipped = `scripts/pg-server start failed: ${started.stderr.trim().slice(0, 200)}`;
    return;
  }
  cleanups.push(() => spawnSync(pgServer, ['stop', dir]));
  const base = started.stdout.trim();
  // scripts/pg-server runs its test clusters with fsync=off; SQLite here syncs every commit
  // (synchronous=FULL), so restart the same cluster with fsync on for a like-for-like figure.
  const port = readFileSync(join(dir, 'port'), 'utf8').trim();
  // (-l: the server must not inherit our pipes, or waiting for pg_ctl would wait for it.)
  const pgCtl = [`${pgBin}/pg_ctl`, '-D', join(dir, 'data'), '-l', join(dir, 'server.log'), '-m', 'fast', '-w', '-t', '60', 'restart', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200`];
  const cmd = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...pgCtl] : pgCtl;
  const restart = spawnSync(cmd[0], cmd.slice(1), { stdio: 'ignore', timeout: 120_000 });
  if (restart.status !== 0) fail(`restarting PostgreSQL with fsync on failed:\n${readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000)}`);
  const psql = (sql) => run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', `${base}/postgres`, '-c', sql]);
  const c = psql('CREATE DATABASE lh_bench');
  if (c.status !== 0) fail(`CREATE DATABASE failed: ${c.stderr}`);
  result.writes.pgFsync = psql('SHOW fsync').stdout.trim();
  const url = `${base}/lh_bench`;
  mustLh(['init', '--db', url]);
  mustLh(['import', result.readFile, '--db', url]);
  mustLh(['user', 'add', 'writer', '--role', 'secretariat:a-0', '--password-stdin', '--db', url], { input: 'Bench-First-1234\n' });
  result.writes.postgresql = await writeLoad('postgresql', url, form);
}

// --- 3. check ------------------------------------------------------------------------------------
/** Seconds (wall, pinned to one core) and peak RSS of one command; its exit status. */
function timed(args, okStatus = [0]) {
  const t = process.hrtime.bigint();
  const r = run('taskset', ['-c', String(cpus().length - 1), '/usr/bin/time', '-f', 'BENCHRSS %M', BIN, ...args], { stdout: 'ignore' });
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  if (!okStatus.includes(r.status)) fail(`lianheti ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-3000)}`);
  const rss = Number(/BENCHRSS (\d+)/.exec(r.stderr)?.[1]) / 1024;
  return { secs, rss, stderr: r.stderr };
}

async function check(result) {
  const help = lh(['help', 'check']);
  if (help.status !== 0) {
    result.check = { missing: '`lianheti check` is not in this build yet (`lianheti help check` fails)' };
    return;
  }
  const dbs = await checkDatabases();
  result.check = { sizes: {} };
  for (const n of CHECK_SIZES) {
    say(`check: ${n} alliances`);
    const work = join(WORK, `check-${n}.db`);
    copyFileSync(dbs[n], work);
    timed(['check', '--db', work, '--as-of', AS_OF], [0, 1]); // warm the page cache
    const rs = [];
    for (let i = 0; i < RUNS; i++) rs.push(timed(['check', '--db', work, '--as-of', AS_OF], [0, 1]));
    result.check.sizes[n] = { secs: stat(rs.map((r) => r.secs)), rss: stat(rs.map((r) => r.rss)), dbMb: sizeMb(work) };
    rmSync(work, { force: true });
  }
}

// --- 4. import and export -------------------------------------------------------------------------
async function importExport(result) {
  say(`import/export: generating a ${IMPORT_MB} MB dataset`);
  const file = join(WORK, 'import.json');
  const line = gen([1, 20, YEARS, '--mb', IMPORT_MB], file);
  const mb = sizeMb(file);
  const imp = [], exp = [];
  let db;
  for (let i = 0; i < RUNS; i++) {
    say(`import/export: run ${i + 1} of ${RUNS}`);
    db = freshDb(join(WORK, `import-${i}.db`));
    imp.push(timed(['import', file, '--db', db]));
    if (i + 1 < RUNS) rmSync(db, { force: true });
  }
  const outFile = join(WORK, 'export.json');
  let exportMb = NaN;
  for (let i = 0; i < RUNS; i++) {
    exp.push(timed(['export', '--db', db, '-o', outFile]));
    exportMb = sizeMb(outFile);
  }
  const identical = readFileSync(outFile).equals(readFileSync(file));
  result.io = {
    what: line.replace(/^gen\.mjs: /, ''),
    importMb: mb,
    exportMb,
    identical,
    import: { secs: stat(imp.map((r) => r.secs)), mbps: stat(imp.map((r) => mb / r.secs)), rss: stat(imp.map((r) => r.rss)) },
    export: { secs: stat(exp.map((r) => r.secs)), mbps: stat(exp.map((r) => exportMb / r.secs)), rss: stat(exp.map((r) => r.rss)) },
  };
}

// --- the table -------------------------------------------------------------------------------------
// Figures the issue measured on a 2-core machine like ours; not measured by this script.
const ELSEWHERE = {
  mhd20k: 45000, // bare libmicrohttpd, 20 KB from memory, 32 connections
  nginx20k: 30000, // nginx, the same bytes from a file
  directusJoin: 150, // Directus (Node.js, SQLite): 200 members joined to their organisations
  directusNoJoin: 200,
  directusMb: 400,
  sqliteStmt: 10000, // the prepared SQLite statement for that query alone, one core
};

function table(result) {
  const L = [];
  const m = result.machine;
  L.push(`Measured ${result.date} on ${m.cpu}, ${m.memory}; ${m.os}. libmicrohttpd ${m.libmicrohttpd}, SQLite ${m.sqlite}, ${m.postgresql}, ${m.wrk}, node ${m.node}. lianheti ${m.lianheti}. Load average at start ${m.load}, at end ${result.loadEnd}.`);
  L.push(`Each figure: median (min–max) of ${RUNS} runs; wrk runs of ${SECONDS} s, 2 wrk threads, wrk and the server on the same ${cpus().length} cores over loopback. Server CPU ms/req: the server's user+system time during the run divided by the requests answered (PostgreSQL's own processes not included). RSS: the largest VmRSS of the server seen while wrk ran.`);
  L.push('');
  if (result.reads) {
    const R = result.reads;
    L.push(`**Reads** (alliance \`a-0\` of ${READ_ALLIANCES}, ${MEMBERS} members joined to their organisations; server threads: ${cpus().length})`);
    L.push('');
    L.push('| response | conns | server | req/s | of ceiling | p50 ms | p99 ms | server CPU ms/req | RSS MB |');
    L.push('|---|---:|---|---:|---:|---:|---:|---:|---:|');
    const label = { ceiling: 'ceiling: bare libmicrohttpd, same bytes from memory', cached: `lianheti, cached (--cache-mb ${CACHE_MB})`, uncached: 'lianheti, uncached (--cache-mb 0)' };
    for (const t of R.targets) {
      for (const c of CONNS) {
        const ceil = R.figures[`${t.id}/${c}/ceiling`];
        for (const mode of ['ceiling', 'cached', 'uncached']) {
          const f = R.figures[`${t.id}/${c}/${mode}`];
          const resp = `${t.name}, ${(t.bytes / 1000).toFixed(1)} kB`;
          if (!f) {
            L.push(`| ${resp} | ${c} | ${label[mode]} | n/a: ${result.hasCache ? 'not run' : 'no --cache-mb in this build'} | | | | | |`);
            continue;
          }
          const ratio = mode === 'ceiling' ? '' : pct(f.rps.median / ceil.rps.median);
          L.push(`| ${resp} | ${c} | ${label[mode]} | ${cell(f.rps, (x) => fmtNum(x, 0))} | ${ratio} | ${cell(f.p50)} | ${cell(f.p99)} | ${cell(f.cpu, (x) => fmtNum(x, 3))} | ${cell(f.rss, (x) => fmtNum(x, 1))} |`);
        }
      }
    }
    L.push('');
  }
  if (result.writes) {
    const W = result.writes;
    L.push(`**Writes** (${WRITE_CONNS} connections, one account; each write is one transaction with its audit record; one 4 KiB write + fdatasync on this disk took ${cell(W.sync)} ms over 100 tries when the writes began)`);
    L.push('');
    L.push('| write | backend | writes/s | p50 ms | p99 ms | server CPU ms/write | RSS MB |');
    L.push('|---|---|---:|---:|---:|---:|---:|');
    const names = { post: 'form post: POST /alliances/a-0/meetings (records a held presidium meeting)', signin: 'sign-in: POST /login (argon2id, new session)' };
    for (const k of ['signin', 'post']) {
      for (const [b, label] of [['sqlite', 'SQLite (WAL, synchronous=FULL)'], ['postgresql', `PostgreSQL (fsync=${W.pgFsync ?? 'on'})`]]) {
        const f = W[b]?.[k];
        if (!f) {
          L.push(`| ${names[k]} | ${label} | n/a: ${W.pgSkipped ?? 'not run'} | | | | |`);
          continue;
        }
        L.push(`| ${names[k]} | ${label} | ${cell(f.rps, (x) => fmtNum(x, 0))} | ${cell(f.p50)} | ${cell(f.p99)} | ${cell(f.cpu, (x) => fmtNum(x, 3))} | ${cell(f.rss, (x) => fmtNum(x, 1))} |`);
      }
    }
    L.push('');
  }
  if (result.check) {
    L.push(`**\`lianheti check\`** (generated alliances of ${CHECK_MEMBERS} members, ${YEARS} years of records each; --as-of ${AS_OF}; pinned to one core)`);
    L.push('');
    if (result.check.missing) {
      L.push(`| alliances | seconds | peak RSS MB | time growth |`);
      L.push('|---:|---:|---:|---:|');
      for (const n of CHECK_SIZES) L.push(`| ${n.toLocaleString('en-US')} | n/a | n/a | n/a |`);
      L.push('');
      L.push(`n/a: ${result.check.missing}.`);
    } else {
      L.push('| alliances | database MB | seconds | peak RSS MB | time growth from the previous size |');
      L.push('|---:|---:|---:|---:|---:|');
      let prev = null;
      for (const n of CHECK_SIZES) {
        const f = result.check.sizes[n];
        const growth = prev ? `${fmtNum(f.secs.median / prev.f.secs.median, 1)}× for ${fmtNum(n / prev.n, 0)}× the data` : '';
        L.push(`| ${n.toLocaleString('en-US')} | ${fmtNum(f.dbMb, 0)} | ${cell(f.secs)} | ${cell(f.rss, (x) => fmtNum(x, 1))} | ${growth} |`);
        prev = { n, f };
      }
    }
    L.push('');
  }
  if (result.io) {
    const I = result.io;
    L.push(`**Import and export** (${I.what})`);
    L.push('');
    L.push('| operation | MB | seconds | MB/s | peak RSS MB |');
    L.push('|---|---:|---:|---:|---:|');
    L.push(`| \`lianheti import\` into an empty database | ${fmtNum(I.importMb, 1)} | ${cell(I.import.secs)} | ${cell(I.import.mbps)} | ${cell(I.import.rss, (x) => fmtNum(x, 0))} |`);
    L.push(`| \`lianheti export\` (canonical; ${I.identical ? 'byte-identical to the imported file' : 'NOT identical to the imported file'}) | ${fmtNum(I.exportMb, 1)} | ${cell(I.export.secs)} | ${cell(I.export.mbps)} | ${cell(I.export.rss, (x) => fmtNum(x, 0))} |`);
    L.push('');
  }
  // Targets.
  L.push('**Targets**');
  L.push('');
  L.push('| target | measured | met |');
  L.push('|---|---:|:---:|');
  const yes = (ok) => (ok === undefined ? 'n/a' : ok ? 'yes' : 'no');
  const F = result.reads?.figures ?? {};
  for (const t of result.reads?.targets ?? []) {
    for (const c of CONNS) {
      const f = F[`${t.id}/${c}/cached`], ceil = F[`${t.id}/${c}/ceiling`];
      const r = f && ceil ? f.rps.median / ceil.rps.median : NaN;
      L.push(`| cached ${t.id === 'page' ? 'page' : 'JSON'} read at ${c} connections ≥ 70% of the ceiling | ${pct(r)} | ${yes(Number.isFinite(r) ? r >= 0.7 : undefined)} |`);
    }
  }
  for (const t of result.reads?.targets ?? []) {
    const f = F[`${t.id}/32/uncached`];
    if (!f) continue;
    L.push(`| uncached ${t.id === 'page' ? 'page' : 'JSON'} at 32 connections ≥ 7,500 req/s | ${fmtNum(f.rps.median, 0)} | ${yes(f.rps.median >= 7500)} |`);
    L.push(`| uncached ${t.id === 'page' ? 'page' : 'JSON'} at 32 connections p99 ≤ 10 ms | ${fmtNumAuto(f.p99.median)} ms | ${yes(f.p99.median <= 10)} |`);
  }
  if (result.reads) {
    const worst = Math.max(...Object.entries(F).filter(([k]) => k.includes('/32/') && !k.endsWith('/ceiling')).map(([, f]) => f.rss.max));
    L.push(`| server RSS ≤ 32 MB at 32 connections (largest seen) | ${fmtNum(worst, 1)} MB | ${yes(worst <= 32)} |`);
  }
  const C = result.check?.sizes;
  if (C?.[1000]) L.push(`| check of 1,000 alliances ≤ 1 s on one core | ${fmtNumAuto(C[1000].secs.median)} s | ${yes(C[1000].secs.median <= 1)} |`);
  else L.push(`| check of 1,000 alliances ≤ 1 s on one core | n/a | n/a |`);
  if (C?.[1000] && C?.[10000]) {
    const g = C[10000].secs.median / C[1000].secs.median;
    L.push(`| check of 10× the data (10,000 alliances) ≤ 11× the time | ${fmtNum(g, 1)}× | ${yes(g <= 11)} |`);
  } else L.push(`| check of 10× the data (10,000 alliances) ≤ 11× the time | n/a | n/a |`);
  if (result.io) {
    const s = result.io.import.secs.median * (50 / result.io.importMb);
    L.push(`| import of 50 MB ≤ 5 s | ${fmtNumAuto(s)} s${Math.abs(result.io.importMb - 50) > 1 ? ' (scaled to 50 MB)' : ''} | ${yes(s <= 5)} |`);
  }
  L.push('');
  // What users would pick instead.
  L.push('**Beside the alternatives** (their figures are the issue\'s, measured on a 2-core machine like this one, not by this script)');
  L.push('');
  L.push('| alternative, doing what lianheti does here | req/s | memory | lianheti here (same response, 32 connections) |');
  L.push('|---|---:|---:|---|');
  const f = (k) => F[k];
  const rps = (k) => (f(k) ? `${fmtNum(f(k).rps.median, 0)} req/s` : 'n/a');
  const mem = (k) => (f(k) ? `${fmtNum(f(k).rss.median, 0)} MB` : 'n/a');
  const kb = (id) => (result.reads ? `${(result.reads.targets.find((t) => t.id === id).bytes / 1000).toFixed(0)} kB` : '');
  L.push(`| Directus (Node.js, SQLite): the list query, 200 members joined to their organisations | ${ELSEWHERE.directusJoin} | ${ELSEWHERE.directusMb} MB | JSON uncached ${rps('json/32/uncached')} at ${mem('json/32/uncached')}; cached ${rps('json/32/cached')} |`);
  L.push(`| Directus without the join | ${ELSEWHERE.directusNoJoin} | ${ELSEWHERE.directusMb} MB | |`);
  L.push(`| nginx, 20 KB from a file | ${ELSEWHERE.nginx20k.toLocaleString('en-US')} | | |`);
  L.push(`| bare libmicrohttpd, 20 KB from memory | ${ELSEWHERE.mhd20k.toLocaleString('en-US')} | | the ceiling here: ${rps('page/32/ceiling')} for the ${kb('page')} page, ${rps('json/32/ceiling')} for the ${kb('json')} JSON |`);
  L.push(`| the prepared SQLite statement for the list alone, one core | ${ELSEWHERE.sqliteStmt.toLocaleString('en-US')} | | JSON uncached: ${f('json/32/uncached') ? fmtNum(f('json/32/uncached').rps.median / cpus().length, 0) : 'n/a'} req/s per core, statement included |`);
  return L.join('\n');
}

// --- main ----------------------------------------------------------------------------------------
const result = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), machine: machine() };
say(`lianheti ${result.machine.lianheti}; working in ${WORK}`);
try {
  await reads(result);
  await writes(result);
  await check(result);
  await importExport(result);
} catch (e) {
  fail(e.stack ?? String(e));
}
result.loadEnd = loadavg().map((x) => x.toFixed(2)).join(' ');
result.seconds = Math.round((Date.now() - T0) / 1000);
const text = `${table(result)}\n\n(${result.seconds} s in all.)\n`;
writeFileSync(join(OUT, 'results.md'), text);
writeFileSync(join(OUT, 'results.json'), JSON.stringify(result, (k, v) => (k === 'raw' ? undefined : v), 2));
if (WRITE_DOC) {
  const doc = join(REPO, 'docs/performance.md');
  const s = readFileSync(doc, 'utf8');
  const a = s.indexOf('<!-- bench:begin -->'), b = s.indexOf('<!-- bench:end -->');
  if (a < 0 || b < a) fail('docs/performance.md has no <!-- bench:begin --> ... <!-- bench:end --> markers');
  writeFileSync(doc, `${s.slice(0, a)}<!-- bench:begin -->\n${text}${s.slice(b)}`);
}
process.stdout.write(`\n${text}`);
say(`done; the table is also in ${join(OUT, 'results.md')}`);
process.exit(0);
