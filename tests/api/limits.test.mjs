// What the server refuses before any handler runs (sizes, encodings, content types), the
// security headers on every kind of answer, and the operator endpoints.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { assertError, readyUser, request, setup, trySignIn } from './lib.mjs';

const KiB = 1024;

let env, user;
before(async () => {
  env = await setup('limits');
  user = await readyUser(env.url, env.db, 'lim', 'auditor');
});
after(() => env?.close());

const healthy = async () => {
  const r = await request(env.url, 'GET', '/healthz');
  assert.equal(r.status, 200, 'the server must keep serving');
  assert.deepEqual(r.body, { status: 'ok' });
};

/** A sign-in body of exactly `size` bytes (the login is padded). */
function signInBody(size) {
  const skeleton = JSON.stringify({ login: '', password: 'x' });
  return JSON.stringify({ login: 'a'.repeat(size - skeleton.length), password: 'x' });
}

/** Sends raw bytes on a new connection; resolves to {status, text} of the answer. */
function raw(bytes) {
  return new Promise((resolve, reject) => {
    const sock = connect(env.server.port, '127.0.0.1');
    let got = '';
    const done = () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      if (m) resolve({ status: Number(m[1]), text: got });
      else reject(new Error(`no HTTP answer: ${JSON.stringify(got.slice(0, 200))}`));
    };
    sock.setTimeout(15_000, () => sock.destroy());
    sock.on('data', (d) => (got += d.toString('latin1')));
    sock.on('error', () => {}); // a reset after the answer is fine; 'close' follows
    sock.on('close', done);
    sock.write(bytes);
  });
}

const rawStatus = async (bytes) => (await raw(bytes)).status;

describe('body limits', () => {
  test('a JSON body of exactly 64 KiB is read (and refused for its content, not its size)', async () => {
    const body = signInBody(64 * KiB);
    assert.equal(Buffer.byteLength(body), 64 * KiB);
    const r = await request(env.url, 'POST', '/api/v1/session', { body, contentType: 'application/json' });
    assertError(r, 422, 'too_long', 'login');
  });

  test('a JSON body over 64 KiB is 413', async () => {
    const r = await request(env.url, 'POST', '/api/v1/session', {
      body: signInBody(64 * KiB + 1),
      contentType: 'application/json',
    });
    assertError(r, 413, 'too_large');
    await healthy();
  });

  test('a chunked JSON body over 64 KiB (no Content-Length) is 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(16 * KiB));
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${env.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    assert.equal(res.status, 413);
    assert.equal(JSON.parse(await res.text()).error.code, 'too_large');
    await healthy();
  });

  test('a form over 16 KiB is 413', async () => {
    const r = await request(env.url, 'POST', '/login', {
      form: { login: 'x', password: 'p'.repeat(17 * KiB) },
    });
    assert.equal(r.status, 413);
    await healthy();
  });
});

describe('header limits', () => {
  test('one header of 40 KiB is refused with a 4xx and the server keeps serving', async () => {
    const status = await rawStatus(
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40 * KiB)}\r\nConnection: close\r\n\r\n`,
    );
    assert.ok(status >= 400 && status < 500, `status ${status}`);
    await healthy();
  });

  test('many small headers adding up to over 32 KiB are refused with a 4xx', async () => {
    let head = 'GET /healthz HTTP/1.1\r\nHost: x\r\n';
    for (let i = 0; i < 700; i++) head += `X-H${i}: ${'b'.repeat(50)}\r\n`;
    assert.ok(head.length > 32 * KiB);
    const status = await rawStatus(`${head}Connection: close\r\n\r\n`);
    assert.ok(status >= 400 && status < 500, `status ${status}`);
    await healthy();
  });

  test('a request line over 32 KiB is refused with a 4xx', async () => {
    const status = await rawStatus(
      `GET /healthz?q=${'c'.repeat(40 * KiB)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    assert.ok(status >= 400 && status < 500, `status ${status}`);
    await healthy();
  });

  test('through fetch too: a 40 KiB header is a 4xx', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', {
      session: user,
      headers: { 'x-big': 'd'.repeat(40 * KiB) },
    });
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    await healthy();
  });
});

describe('malformed bodies', () => {
  const post = (body, contentType = 'application/json') =>
    request(env.url, 'POST', '/api/v1/session', { body, contentType });

  test('truncated JSON is 400 malformed_json', async () => {
    assertError(await post('{"login":'), 400, 'malformed_json');
  });

  test('JSON that is not an object is 400 malformed_json', async () => {
    assertError(await post('["admin","x"]'), 400, 'malformed_json');
  });

  test('a duplicated key is 400 malformed_json', async () => {
    assertError(await post('{"login":"a","login":"b","password":"x"}'), 400, 'malformed_json');
  });

  test('invalid UTF-8 is 400 invalid_utf8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"login":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","password":"x"}'),
    ]);
    assertError(await post(bytes), 400, 'invalid_utf8');
  });

  test('an overlong UTF-8 encoding is 400 invalid_utf8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"login":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","password":"x"}')]);
    assertError(await post(bytes), 400, 'invalid_utf8');
  });

  test('an unknown field is 400 unknown_field naming it', async () => {
    assertError(await post('{"login":"a","password":"x","remember":true}'), 400, 'unknown_field', 'remember');
  });

  test('a field of the wrong type is 400 wrong_type', async () => {
    assertError(await post('{"login":42,"password":"x"}'), 400, 'wrong_type', 'login');
  });

  test('a wrong Content-Type is 400 content_type', async () => {
    assertError(await post('{"login":"a","password":"x"}', 'text/plain'), 400, 'content_type');
    assertError(
      await post('login=a&password=x', 'application/x-www-form-urlencoded'),
      400,
      'content_type',
    );
  });

  test('a JSON body without Content-Type is 400 content_type', async () => {
    const body = '{"login":"a","password":"x"}';
    const r = await raw(
      `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, /"code":"content_type"/);
  });

  test('a form sent to a form route with a JSON Content-Type is 400', async () => {
    const r = await request(env.url, 'POST', '/login', { body: '{}', contentType: 'application/json' });
    assert.equal(r.status, 400);
  });

  test('a login with a NUL byte does not sign in as its prefix', async () => {
    const r = await post(JSON.stringify({ login: `${user.login}\u0000x`, password: user.password }));
    assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
    assert.equal(r.headers.getSetCookie().length, 0);
    assert.equal((await trySignIn(env.url, user.login, user.password)).status, 200);
  });
});

describe('routing', () => {
  test('an unknown address is 404 not_found', async () => {
    assertError(await request(env.url, 'GET', '/api/v1/nothing'), 404, 'not_found');
  });

  test('a known address with the wrong method is 405', async () => {
    assertError(await request(env.url, 'PUT', '/api/v1/me', { session: user }), 405, 'method_not_allowed');
  });

  test('HEAD /healthz answers 200 without a body', async () => {
    const r = await request(env.url, 'HEAD', '/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
  });
});

describe('security headers', () => {
  function assertSecurityHeaders(r, what) {
    const csp = r.headers.get('content-security-policy');
    assert.ok(csp, `${what}: no Content-Security-Policy`);
    assert.match(csp, /frame-ancestors 'none'/, `${what}: ${csp}`);
    assert.match(csp, /default-src 'self'/, `${what}: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: ${csp}`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
    const referrer = r.headers.get('referrer-policy');
    assert.ok(
      ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(referrer),
      `${what}: Referrer-Policy ${referrer}`,
    );
  }

  test('on a page', async () => {
    const r = await request(env.url, 'GET', '/login');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assertSecurityHeaders(r, 'GET /login');
  });

  test('on an API answer, which is also not cached', async () => {
    const r = await request(env.url, 'GET', '/api/v1/me', { session: user });
    assert.equal(r.status, 200);
    assertSecurityHeaders(r, 'GET /api/v1/me');
    assert.match(r.headers.get('cache-control'), /no-store/);
    const s = await trySignIn(env.url, user.login, user.password);
    assertSecurityHeaders(s, 'POST /api/v1/session');
    assert.match(s.headers.get('cache-control'), /no-store/);
  });

  test('on a 404, a 401 and a 413', async () => {
    assertSecurityHeaders(await request(env.url, 'GET', '/no/such/page'), '404');
    assertSecurityHeaders(await request(env.url, 'GET', '/api/v1/me'), '401');
    assertSecurityHeaders(
      await request(env.url, 'POST', '/api/v1/session', {
        body: signInBody(64 * KiB + 1),
        contentType: 'application/json',
      }),
      '413',
    );
  });
});

describe('operator endpoints', () => {
  test('GET /healthz is 200 {"status":"ok"} without signing in', async () => {
    const r = await request(env.url, 'GET', '/healthz');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(r.body, { status: 'ok' });
  });

  test('GET /metrics counts requests in Prometheus text', async () => {
    const count = (text) => {
      const m = /^lianheti_http_requests_total\{[^}]*route="\/healthz"[^}]*status="200"[^}]*\} (\d+)$/m.exec(text);
      return m ? Number(m[1]) : 0;
    };
    const first = await request(env.url, 'GET', '/metrics');
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type'), /^text\/plain/);
    assert.match(first.text, /^# TYPE lianheti_http_requests_total counter$/m);
    await request(env.url, 'GET', '/healthz');
    await request(env.url, 'GET', '/healthz');
    const second = await request(env.url, 'GET', '/metrics');
    assert.equal(count(second.text), count(first.text) + 2, second.text);
  });
});
