// `lianheti test-http`: a raw request on stdin, through the server's own request path, the answer
// on stdout. The answers are compared with what `lianheti serve` gives for the same request on the
// same database, to show it is the real path and not a copy of it.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { FIRST_PASSWORD, OWN_PASSWORD, addUser, readyUser, request, run, setup } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');
const SECURITY_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'cross-origin-opener-policy',
];

let env;
let officer;
before(async () => {
  env = await setup('test-http');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  addUser(env.db, 'ann', 'auditor', FIRST_PASSWORD, { name: 'Ann Auditor' });
});
after(() => env?.close());

/** Runs test-http on the raw request text: {status (exit), stderr, stdout}. */
const raw = (text, args = []) => run(['test-http', '--db', env.db, ...args], { input: text });

/**
 * A request as text with CRLF line ends: headers an object, body a string (Content-Length is
 * added for it), json an object sent as application/json.
 */
function requestText(method, path, { headers = {}, body, json } = {}) {
  const h = { ...headers };
  if (json !== undefined) {
    body = JSON.stringify(json);
    h['Content-Type'] = 'application/json';
  }
  if (body !== undefined) h['Content-Length'] = String(Buffer.byteLength(body));
  const lines = [
    `${method} ${path} HTTP/1.1`,
    'Host: localhost',
    ...Object.entries(h).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`;
}

/** Parses test-http's stdout: {status, reason, headers (name → [values]), get(name), text, body}. */
function parse(stdout) {
  const end = stdout.indexOf('\r\n\r\n');
  assert.ok(end > 0, `no blank line after the headers: ${JSON.stringify(stdout.slice(0, 200))}`);
  const [statusLine, ...lines] = stdout.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3}) (.+)$/.exec(statusLine);
  assert.ok(m, `bad status line: ${statusLine}`);
  const headers = new Map();
  for (const l of lines) {
    const i = l.indexOf(': ');
    assert.ok(i > 0, `bad header line: ${l}`);
    const name = l.slice(0, i).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), l.slice(i + 2)]);
  }
  const text = stdout.slice(end + 4);
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: Number(m[1]), reason: m[2], headers, get: (n) => headers.get(n)?.[0], text, body };
}

/** test-http on a request built by requestText(), asserting exit status 0: the parsed answer. */
function answer(method, path, opts) {
  const r = raw(requestText(method, path, opts));
  assert.equal(r.status, 0, `test-http exited ${r.status}: ${r.stderr}`);
  return parse(r.stdout);
}

describe('answers', () => {
  test('GET /healthz: 200 with the JSON body, exit status 0; bare LF line ends work too', () => {
    const a = answer('GET', '/healthz');
    assert.equal(a.status, 200);
    assert.equal(a.reason, 'OK');
    assert.deepEqual(a.body, { status: 'ok' });
    assert.equal(a.get('content-length'), String(Buffer.byteLength(a.text)));
    const lf = raw('GET /healthz HTTP/1.1\n\n');
    assert.equal(lf.status, 0, lf.stderr);
    assert.deepEqual(parse(lf.stdout).body, { status: 'ok' });
  });

  test('anonymous GET / is sent to /login with the headers serve sends', async () => {
    const a = answer('GET', '/');
    const s = await request(env.url, 'GET', '/');
    assert.equal(a.status, 303);
    assert.equal(s.status, 303);
    assert.equal(a.get('location'), '/login');
    for (const h of [...SECURITY_HEADERS, 'location', 'cache-control', 'content-type']) {
      assert.ok(a.get(h), `no ${h}`);
      assert.equal(a.get(h), s.headers.get(h), h);
    }
    assert.match(a.get('content-security-policy'), /frame-ancestors 'none'/);
  });

  test('HEAD has the headers and no body; If-None-Match with the ETag gives 304', () => {
    const head = answer('HEAD', '/assets/style.css');
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.ok(Number(head.get('content-length')) > 1000);
    const etag = head.get('etag');
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    const again = answer('GET', '/assets/style.css', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
  });

  test('404, 405 and the %-decoded path as serve answers them', async () => {
    for (const [method, path, status] of [
      ['GET', '/nowhere', 404],
      ['DELETE', '/healthz', 405],
      ['GET', '/health%7a', 200],
    ]) {
      const a = answer(method, path);
      const s = await request(env.url, method, path);
      assert.equal(a.status, status, `${method} ${path}`);
      assert.equal(s.status, status, `${method} ${path} on serve`);
      assert.equal(a.text, s.text, `${method} ${path}: the bodies differ`);
    }
  });

  test('a Content-Length beyond the route limit is answered 413 without reading the body', () => {
    const r = raw(
      'POST /api/v1/session HTTP/1.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 99999999\r\n\r\n{}',
    );
    assert.equal(r.status, 0, r.stderr);
    const a = parse(r.stdout);
    assert.equal(a.status, 413);
    assert.equal(a.body.error.code, 'too_large');
  });
});

describe('a session through test-http', () => {
  let cookie;
  let csrf;

  test('POST /api/v1/session: 200, Set-Cookie and the JSON serve gives', async () => {
    const a = answer('POST', '/api/v1/session', { json: { login: 'ann', password: FIRST_PASSWORD } });
    assert.equal(a.status, 200, a.text);
    const set = a.headers.get('set-cookie').find((c) => c.startsWith('lh_session='));
    assert.ok(set, 'no lh_session cookie');
    const s = await request(env.url, 'POST', '/api/v1/session', {
      json: { login: 'ann', password: FIRST_PASSWORD },
    });
    assert.equal(s.status, 200, s.text);
    const served = s.res.headers.getSetCookie().find((c) => c.startsWith('lh_session='));
    // The same attributes after the (different) token.
    assert.equal(set.split(';').slice(1).join(';'), served.split(';').slice(1).join(';'));
    assert.equal(typeof a.body.csrf_token, 'string');
    assert.deepEqual({ ...a.body, csrf_token: 'x' }, { ...s.body, csrf_token: 'x' });
    cookie = set.split(';')[0];
    csrf = a.body.csrf_token;
  });

  test('the cookie signs the requests in: /api/v1/me, the password change, then the home page', () => {
    const me = answer('GET', '/api/v1/me', { headers: { Cookie: `lang=zh; ${cookie}` } });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.login, 'ann');
    // A one-time password: pages send the account to the password change first.
    const before = answer('GET', '/', { headers: { Cookie: cookie } });
    assert.equal(before.status, 303);
    assert.equal(before.get('location'), '/password');
    const pw = answer('POST', '/api/v1/me/password', {
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
      json: { old: FIRST_PASSWORD, new: OWN_PASSWORD },
    });
    assert.equal(pw.status, 200, pw.text);
    const home = answer('GET', '/', { headers: { Cookie: cookie } });
    assert.equal(home.status, 200, home.text);
    assert.match(home.get('content-type'), /^text\/html/);
    assert.match(home.text, /action="\/logout"/);
  });

  test('a POST without the CSRF token is refused 403', () => {
    const api = answer('POST', '/api/v1/me/tokens', { headers: { Cookie: cookie }, json: { name: 'ci' } });
    assert.equal(api.status, 403, api.text);
    assert.equal(api.body.error.code, 'csrf');
    const page = answer('POST', '/logout', {
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'csrf=wrong',
    });
    assert.equal(page.status, 403, page.text);
    assert.match(page.get('content-type'), /^text\/html/);
  });
});

describe('the same bytes as serve', () => {
  for (const path of [
    '/api/v1/alliances',
    '/api/v1/alliances?limit=2&offset=1',
    '/alliances/life',
    '/api/v1/alliances?limit=0',
  ]) {
    test(`GET ${path}`, async () => {
      const a = answer('GET', path, { headers: { Cookie: officer.cookie, 'Accept-Language': 'zh-CN' } });
      const s = await request(env.url, 'GET', path, {
        session: officer,
        headers: { 'accept-language': 'zh-CN' },
      });
      assert.equal(a.status, s.status, a.text);
      assert.equal(a.get('content-type'), s.headers.get('content-type'));
      assert.ok(a.text.length > 20, a.text);
      assert.equal(a.text, s.text);
    });
  }

  test('query arguments reach the handler', () => {
    const two = answer('GET', '/api/v1/alliances?limit=2', { headers: { Cookie: officer.cookie } });
    assert.equal(two.status, 200, two.text);
    assert.equal(two.body.items.length, 2);
    const bad = answer('GET', '/api/v1/alliances?limit=%31%30%30%30', {
      headers: { Cookie: officer.cookie },
    });
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.error.field, 'limit');
  });
});

describe('refusals', () => {
  for (const [name, text, message] of [
    ['a garbage request line', 'garbage\r\n\r\n', /request line/],
    ['a target that is not a path', 'GET http://x/ HTTP/1.1\r\n\r\n', /request line: the target/],
    ['an unknown HTTP version', 'GET / HTTP/2.0\r\n\r\n', /request line: the version/],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost localhost\r\n\r\n', /header line 1/],
    [
      'a Content-Length that is not a number',
      'POST /login HTTP/1.1\r\nContent-Length: ten\r\n\r\n',
      /Content-Length/,
    ],
    [
      'a body shorter than Content-Length',
      'POST /api/v1/session HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}',
      /2 of the 10 bytes Content-Length/,
    ],
    ['headers over 32 KiB', `GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(33 * 1024)}\r\n\r\n`, /32 KiB/],
    ['no blank line after the headers', 'GET / HTTP/1.1\r\nHost: x\r\n', /blank line/],
    ['an empty request', '', /empty/],
  ]) {
    test(`${name}: exit status 2 with a message naming it`, () => {
      const r = raw(text);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }

  test('a bad flag or --client exits 2', () => {
    assert.equal(raw('GET /healthz HTTP/1.1\r\n\r\n', ['--bogus']).status, 2);
    const c = raw('GET /healthz HTTP/1.1\r\n\r\n', ['--client', 'not-an-address']);
    assert.equal(c.status, 2);
    assert.match(c.stderr, /--client/);
    const ok = raw('GET /healthz HTTP/1.1\r\n\r\n', ['--client', '::1']);
    assert.equal(ok.status, 0, ok.stderr);
  });
});
