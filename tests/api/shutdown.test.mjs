// Stopping the server: SIGTERM (and SIGINT) finish the requests in flight and exit 0; under
// ASan a leak would make that exit status non-zero. Also the exit status of a server that cannot
// start.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import {
  FIRST_PASSWORD,
  addUser,
  createDb,
  diagnostics,
  emptyDb,
  removeDir,
  request,
  run,
  startServer,
  tempDir,
} from './lib.mjs';

let dir, db;
before(() => {
  dir = tempDir('shutdown');
  ({ db } = createDb(dir));
  addUser(db, 'sue', 'auditor', FIRST_PASSWORD);
});
after(() => removeDir(dir));

/** Resolves when `pattern` shows in the server's stderr. */
function untilLogged(server, pattern) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(server.log())) {
        server.proc.stderr.off('data', check);
        resolve();
      }
    };
    server.proc.stderr.on('data', check);
    server.exited.then(() => reject(new Error(`exited before logging ${pattern}:\n${diagnostics(server)}`)));
    check();
  });
}

/** Whether a TCP connection to the port is refused. */
function refused(port) {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', (e) => resolve(e.code === 'ECONNREFUSED'));
  });
}

test('after a request, SIGTERM makes the server exit 0 and stop listening', async () => {
  const server = await startServer({ dbFile: db });
  const r = await request(server.url, 'POST', '/api/v1/session', {
    json: { login: 'sue', password: FIRST_PASSWORD },
  });
  assert.equal(r.status, 200);
  const code = await server.stop();
  assert.equal(code, 0, diagnostics(server));
  assert.match(server.log(), /SIGTERM received/);
  assert.equal(await refused(server.port), true);
});

test('SIGINT does the same', async () => {
  const server = await startServer({ dbFile: db });
  assert.equal((await request(server.url, 'GET', '/healthz')).status, 200);
  server.proc.kill('SIGINT');
  assert.equal(await server.exited, 0, diagnostics(server));
});

test('a request in flight when SIGTERM arrives is still answered, then exit 0', async () => {
  const server = await startServer({ dbFile: db });
  const body = JSON.stringify({ login: 'sue', password: FIRST_PASSWORD });
  const sock = connect(server.port, '127.0.0.1');
  let got = '';
  const answered = new Promise((resolve, reject) => {
    sock.on('data', (d) => {
      got += d.toString();
      if (/\r\n\r\n[\s\S]*"csrf_token"/.test(got.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, ''))) resolve(got);
    });
    sock.on('error', reject);
    sock.on('close', () => reject(new Error(`closed without an answer: ${JSON.stringify(got)}`)));
  });
  // The headers first, asking whether to send the body: the 100 Continue proves the server has
  // taken the request in.
  sock.write(
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
  );
  await new Promise((resolve) => {
    const check = () => got.startsWith('HTTP/1.1 100') && resolve();
    sock.on('data', check);
  });
  server.proc.kill('SIGTERM');
  await untilLogged(server, /SIGTERM received/);
  assert.equal(await refused(server.port), true, 'new connections must be refused while draining');
  sock.write(body);
  const answer = await answered;
  assert.match(answer, /HTTP\/1\.1 200 OK/);
  assert.equal(await server.exited, 0, diagnostics(server));
});

test('serving a database that was never initialised exits 2', async () => {
  const r = run(['serve', '--db', emptyDb(dir), '--listen', '127.0.0.1:0']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /init/);
});

test('a malformed --listen exits 2', () => {
  const r = run(['serve', '--db', db, '--listen', 'no-port-here']);
  assert.equal(r.status, 2);
});
