// Backups. On SQLite `lianheti backup FILE` copies the database while the server runs and
// `lianheti restore FILE` brings the copy back into an empty database, checking its audit chain.
// On PostgreSQL both refuse and point to pg_dump and pg_restore, and the recipe of
// docs/deploy.md (pg_dump -Fc, pg_restore into an empty database, `lianheti audit verify`) gives
// back the same data with an intact chain.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  OWN_PASSWORD,
  PG,
  SQLITE_ONLY,
  auditVerify,
  emptyDb,
  readyUser,
  run,
  setup,
  signIn,
  startServer,
  stopServer,
} from './lib.mjs';

const FULL = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/canonical-full.json');

let env, records;
before(async () => {
  env = await setup('backup');
  const i = run(['import', '--db', env.db, FULL]);
  assert.equal(i.status, 0, i.stderr);
  await readyUser(env.url, env.db, 'aud', 'auditor');
  await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  const v = auditVerify(env.db);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  records = Number(/^intact: (\d+) records\n$/.exec(v.stdout)[1]);
});
after(() => env?.close());

/** Runs a PostgreSQL client tool (pg_dump, pg_restore), asserting success. */
function pgTool(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} failed: ${r.stderr}`);
}

/** The restored database holds the same data and chain, and its accounts sign in. */
async function assertSameDatabase(copy) {
  const v = auditVerify(copy);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.equal(v.stdout, `intact: ${records} records\n`);
  assert.equal(run(['export', '--db', copy]).stdout, run(['export', '--db', env.db]).stdout);
  const users = (db) => run(['user', 'list', '--db', db]).stdout;
  assert.equal(users(copy), users(env.db));
  const server = await startServer({ db: copy });
  try {
    await signIn(server.url, 'aud', OWN_PASSWORD);
  } finally {
    await stopServer(server);
  }
}

describe('SQLite: lianheti backup and restore', { skip: SQLITE_ONLY }, () => {
  test('a backup taken while the server runs restores into an empty database', async () => {
    const file = join(env.dir, 'copy.db');
    const b = run(['backup', '--db', env.db, file]);
    assert.equal(b.status, 0, b.stderr);
    const restored = join(env.dir, 'restored.db');
    const r = run(['restore', '--db', restored, file], { lang: 'en_US' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`\\(${records} audit records verified\\)`));
    await assertSameDatabase(restored);
  });

  test('restore refuses a database that has tables already', () => {
    const file = join(env.dir, 'again.db');
    assert.equal(run(['backup', '--db', env.db, file]).status, 0);
    const r = run(['restore', '--db', env.db, file], { lang: 'en_US' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /empty database/);
  });
});

describe('PostgreSQL: pg_dump and pg_restore', { skip: PG ? false : 'PostgreSQL only (LIANHETI_PG unset)' }, () => {
  test('lianheti backup refuses and points to pg_dump', () => {
    const r = run(['backup', '--db', env.db, join(env.dir, 'copy.db')], { lang: 'en_US' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /pg_dump/);
  });

  test('lianheti restore refuses and points to pg_restore', () => {
    const r = run(['restore', '--db', emptyDb(env.dir, 'never-restored'), join(env.dir, 'any.db')], {
      lang: 'en_US',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /pg_restore/);
  });

  test('pg_dump while the server runs, pg_restore into an empty database: same data, chain intact', async () => {
    const dump = join(env.dir, 'lianheti.dump');
    pgTool('pg_dump', ['--format=custom', '--file', dump, env.db]);
    const copy = emptyDb(env.dir, 'restored');
    pgTool('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', copy, dump]);
    await assertSameDatabase(copy);
  });
});
