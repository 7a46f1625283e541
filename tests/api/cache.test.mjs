// The response cache never serves stale data: a write, even by another process, is visible to the
// very next read; unchanged data is answered from the cache, with an ETag and 304 for clients that
// revalidate; and a server without the cache answers the same bytes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readyUser, request, run, setup, startServer, stopServer } from './lib.mjs';

const fixture = new URL('../fixtures/canonical-full.json', import.meta.url);
let env;
let officer;

function cacheCounter(metrics, name) {
  const m = new RegExp(`^lianheti_cache_${name}_total (\\d+)$`, 'm').exec(metrics);
  assert.ok(m, `no ${name} counter in /metrics`);
  return Number(m[1]);
}

before(async () => {
  env = await setup('cache');
  const r = run(['import', fixture.pathname, '--db', env.db]);
  assert.equal(r.status, 0, r.stderr);
  officer = await readyUser(env.url, env.db, 'officer', ['cast_officer:cast', 'cast_officer:bjast']);
});

after(async () => {
  await env?.close();
});

test('a repeated read is served from the cache, with an ETag and 304', async () => {
  const first = await request(env.url, 'GET', '/alliances', { session: officer });
  assert.equal(first.status, 200, first.text);
  const before = cacheCounter((await request(env.url, 'GET', '/metrics')).text, 'hits');
  const second = await request(env.url, 'GET', '/alliances', { session: officer });
  assert.equal(second.text, first.text);
  const etag = second.headers.get('etag');
  assert.ok(etag, 'an ETag is sent');
  assert.equal(cacheCounter((await request(env.url, 'GET', '/metrics')).text, 'hits'), before + 1);
  const revalidated = await request(env.url, 'GET', '/alliances', {
    session: officer,
    headers: { 'if-none-match': etag },
  });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.text, '');
});

test('a write by another process is visible to the very next read', async () => {
  const page = await request(env.url, 'GET', '/alliances', { session: officer });
  const doc = JSON.parse(readFileSync(fixture, 'utf8'));
  const alliance = doc.alliances.find((a) => a.jurisdiction === 'cast');
  assert.ok(page.text.includes(alliance.name));
  const renamed = `${alliance.name}（更名）`;
  alliance.name = renamed;
  const file = join(env.dir, 'renamed.json');
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  const r = run(['import', file, '--replace', '--db', env.db]);
  assert.equal(r.status, 0, r.stderr);
  const next = await request(env.url, 'GET', '/alliances', { session: officer });
  assert.equal(next.status, 200);
  assert.ok(next.text.includes(renamed), 'the renamed alliance shows at once');
  const stale = await request(env.url, 'GET', '/alliances', {
    session: officer,
    headers: { 'if-none-match': page.headers.get('etag') },
  });
  assert.equal(stale.status, 200, 'the old ETag no longer matches');
});

test('each session gets its own page (forms carry its CSRF token)', async () => {
  const other = await readyUser(env.url, env.db, 'officer2', 'cast_officer:cast');
  const mine = await request(env.url, 'GET', '/alliances', { session: officer });
  const theirs = await request(env.url, 'GET', '/alliances', { session: other });
  assert.ok(mine.text.includes(officer.csrf));
  assert.ok(theirs.text.includes(other.csrf));
  assert.ok(!theirs.text.includes(officer.csrf));
});

test('without the cache the server answers the same bytes', async () => {
  const plain = await startServer({ dbFile: env.db, args: ['--cache-mb', '0'] });
  try {
    for (const path of ['/alliances', `/alliances/${JSON.parse(readFileSync(fixture, 'utf8')).alliances[0].key}`]) {
      const a = await request(env.url, 'GET', path, { session: officer });
      const b = await request(plain.url, 'GET', path, { session: officer });
      assert.equal(a.status, 200);
      assert.equal(b.text, a.text, path);
    }
    const metrics = (await request(plain.url, 'GET', '/metrics')).text;
    assert.equal(cacheCounter(metrics, 'hits'), 0);
  } finally {
    await stopServer(plain);
  }
});
