// The response cache and bearer tokens: a cached page (RF_CACHE) asked for with a token has no
// session, so it must be kept per account, never shared between tokens. An officer of one
// jurisdiction must not be served the page rendered for an officer of another (its alliances and
// its user's name).
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { readyUser, request, run, setup } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');

let env;
const token = {};
before(async () => {
  env = await setup('cache-bearer');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  for (const [login, role] of [
    ['castofficer', 'cast_officer:cast'],
    ['bjofficer', 'cast_officer:bjast'],
  ]) {
    const s = await readyUser(env.url, env.db, login, role);
    const t = await request(env.url, 'POST', '/api/v1/me/tokens', { session: s, json: { name: 'pages' } });
    assert.equal(t.status, 201, t.text);
    token[login] = t.body.token;
  }
});
after(() => env?.close());

const links = (html) => [...html.matchAll(/<a href="\/alliances\/([a-z0-9.-]+)">/g)].map((m) => m[1]).sort();

test('each token gets the page of its own account, also from the cache', async () => {
  const cast = await request(env.url, 'GET', '/alliances', { bearer: token.castofficer });
  assert.equal(cast.status, 200);
  assert.deepEqual(links(cast.text), ['eco-env', 'info-tech', 'innovation-fusion', 'life']);
  const bj = await request(env.url, 'GET', '/alliances', { bearer: token.bjofficer });
  assert.equal(bj.status, 200);
  assert.deepEqual(links(bj.text), ['bj-smart-mfg']);
  assert.ok(!bj.text.includes('castofficer'), "another account's name");
  // And again, now that both are cached.
  const again = await request(env.url, 'GET', '/alliances', { bearer: token.castofficer });
  assert.deepEqual(links(again.text), ['eco-env', 'info-tech', 'innovation-fusion', 'life']);
});
