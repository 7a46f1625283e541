// The HTML pages as a browser without JavaScript sees them: the sign-in form and its CSRF cookie,
// the forced password change, the dashboard, the administration and audit pages, the assets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FIRST_PASSWORD,
  OWN_PASSWORD,
  addUser,
  cookiePair,
  readyAdmin,
  readyUser,
  request,
  setCookie,
  setup,
} from './lib.mjs';

let env;
before(async () => {
  env = await setup('pages');
});
after(() => env?.close());

/** The value of the hidden csrf input of the (first) form posting to `action`. */
function formCsrf(html, action) {
  const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  assert.ok(form, `no form posting to ${action}`);
  return /<input type="hidden" name="csrf" value="([^"]*)">/.exec(form[1])?.[1];
}

/** The text inside the element with the given class (first match). */
function byClass(html, cls) {
  return new RegExp(`<(\\w+)[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([\\s\\S]*?)</\\1>`).exec(html)?.[2];
}

/** Opens /login: {pre (the lh_pre cookie pair), csrf (the form's hidden value), html}. */
async function openLogin() {
  const r = await request(env.url, 'GET', '/login');
  assert.equal(r.status, 200);
  return { pre: cookiePair(setCookie(r, 'lh_pre')), csrf: formCsrf(r.text, '/login'), html: r.text, r };
}

/** Posts the sign-in form the way a browser would after openLogin(). */
async function postLogin(login, password) {
  const { pre, csrf } = await openLogin();
  return request(env.url, 'POST', '/login', { cookie: pre, form: { csrf, login, password } });
}

/** No inline script, inline style or event handler: the Content-Security-Policy would block them. */
function assertCspClean(html, what) {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${what}: inline <script>`);
  assert.doesNotMatch(html, /<style[\s>]/i, `${what}: inline <style>`);
  assert.doesNotMatch(html, /\sstyle="/i, `${what}: style attribute`);
  assert.doesNotMatch(html, /\son[a-z]+="/i, `${what}: event handler attribute`);
}

describe('sign-in form', () => {
  test('GET /login sets an lh_pre cookie equal to the form’s hidden csrf field', async () => {
    const { pre, csrf, html, r } = await openLogin();
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.ok(pre, 'no lh_pre cookie');
    assert.match(setCookie(r, 'lh_pre'), /HttpOnly/);
    assert.match(setCookie(r, 'lh_pre'), /SameSite=Lax/);
    assert.ok(csrf && csrf.length >= 32);
    assert.equal(pre, `lh_pre=${csrf}`);
    assert.match(html, /<input[^>]*name="login"/);
    assert.match(html, /<input[^>]*name="password"[^>]*type="password"/);
    assertCspClean(html, '/login');
  });

  test('with the cookie already set the same value is reused', async () => {
    const { pre, csrf } = await openLogin();
    const again = await request(env.url, 'GET', '/login', { cookie: pre });
    assert.equal(setCookie(again, 'lh_pre'), undefined);
    assert.equal(formCsrf(again.text, '/login'), csrf);
  });

  test('posting without the lh_pre cookie is refused with 403', async () => {
    addUser(env.db, 'fay', 'auditor', FIRST_PASSWORD, { name: 'Fay' });
    const { csrf } = await openLogin();
    const r = await request(env.url, 'POST', '/login', { form: { csrf, login: 'fay', password: FIRST_PASSWORD } });
    assert.equal(r.status, 403);
    assert.equal(setCookie(r, 'lh_session'), undefined);
  });

  test('posting a csrf field that differs from the cookie is refused with 403', async () => {
    const { pre } = await openLogin();
    const other = (await openLogin()).csrf;
    const r = await request(env.url, 'POST', '/login', {
      cookie: pre,
      form: { csrf: other, login: 'fay', password: FIRST_PASSWORD },
    });
    assert.equal(r.status, 403);
    assert.equal(setCookie(r, 'lh_session'), undefined);
  });

  test('a wrong password shows the form again with 401 and the login escaped', async () => {
    const login = '<script>alert(1)</script>';
    const r = await postLogin(login, 'Wrong-pass-0000');
    assert.equal(r.status, 401);
    assert.equal(setCookie(r, 'lh_session'), undefined);
    assert.match(r.text, /<form[^>]*action="\/login"/);
    assert.match(r.text, /class="error banner"/);
    assert.ok(r.text.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'), 'login not echoed escaped');
    assert.equal(r.text.includes('<script>alert(1)'), false);
  });

  test('signing in with a one-time password redirects to /password', async () => {
    const r = await postLogin('fay', FIRST_PASSWORD);
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/password');
    assert.ok(setCookie(r, 'lh_session'));
    assert.match(setCookie(r, 'lh_pre') ?? '', /^lh_pre=;.*Max-Age=0/);
  });
});

describe('forced password change and dashboard', () => {
  let cookie, csrf;
  before(async () => {
    addUser(env.db, 'zoe', 'auditor', FIRST_PASSWORD, { name: 'Zoë <b>&"Z"' });
    const r = await postLogin('zoe', FIRST_PASSWORD);
    cookie = cookiePair(setCookie(r, 'lh_session'));
  });

  test('every page the role allows leads to /password until it is changed', async () => {
    for (const path of ['/', '/audit']) {
      const r = await request(env.url, 'GET', path, { cookie });
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), '/password', path);
    }
  });

  test('/password shows old, new and confirm fields and the session’s CSRF token', async () => {
    const r = await request(env.url, 'GET', '/password', { cookie });
    assert.equal(r.status, 200);
    for (const f of ['old', 'new', 'confirm'])
      assert.match(r.text, new RegExp(`<input[^>]*name="${f}"[^>]*type="password"`), f);
    csrf = formCsrf(r.text, '/password');
    assert.ok(csrf);
    assertCspClean(r.text, '/password');
  });

  test('a form without the csrf field is refused with 403', async () => {
    const r = await request(env.url, 'POST', '/password', {
      cookie,
      form: { old: FIRST_PASSWORD, new: OWN_PASSWORD, confirm: OWN_PASSWORD },
    });
    assert.equal(r.status, 403);
  });

  test('differing new passwords are refused with 422 beside the confirm field', async () => {
    const r = await request(env.url, 'POST', '/password', {
      cookie,
      form: { csrf, old: FIRST_PASSWORD, new: OWN_PASSWORD, confirm: `${OWN_PASSWORD}x` },
    });
    assert.equal(r.status, 422);
    assert.match(r.text, /<input id="f-confirm"[^>]*aria-invalid="true"/);
  });

  test('a weak new password is refused with 422 beside the new field', async () => {
    const r = await request(env.url, 'POST', '/password', {
      cookie,
      form: { csrf, old: FIRST_PASSWORD, new: 'weakweakweak', confirm: 'weakweakweak' },
    });
    assert.equal(r.status, 422);
    assert.match(r.text, /<input id="f-new"[^>]*aria-invalid="true"/);
  });

  test('a good change redirects to the dashboard', async () => {
    const r = await request(env.url, 'POST', '/password', {
      cookie,
      form: { csrf, old: FIRST_PASSWORD, new: OWN_PASSWORD, confirm: OWN_PASSWORD },
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
  });

  test('the dashboard shows the name, escaped, in .user-name', async () => {
    const r = await request(env.url, 'GET', '/', { cookie });
    assert.equal(r.status, 200);
    assert.equal(byClass(r.text, 'user-name'), 'Zoë &lt;b&gt;&amp;&quot;Z&quot;');
    assert.match(r.text, /<form[^>]*action="\/logout"/);
    assert.equal(formCsrf(r.text, '/logout'), csrf);
    assertCspClean(r.text, '/');
  });

  test('/login of a signed-in user redirects to the dashboard', async () => {
    const r = await request(env.url, 'GET', '/login', { cookie });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
  });

  test('signing in again with the new password goes straight to the dashboard', async () => {
    const r = await postLogin('zoe', OWN_PASSWORD);
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/');
  });
});

describe('pages by role', () => {
  let sysadmin, secadmin, auditor;
  before(async () => {
    sysadmin = await readyAdmin(env.url, env.admin);
    secadmin = await readyUser(env.url, env.db, 'sec', 'secadmin');
    auditor = await readyUser(env.url, env.db, 'aud', 'auditor');
  });

  test('signed out, pages redirect to /login', async () => {
    for (const path of ['/', '/admin/users', '/audit', '/password']) {
      const r = await request(env.url, 'GET', path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), '/login', path);
    }
  });

  test('/admin/users for the system administrator: the accounts and the create form', async () => {
    const r = await request(env.url, 'GET', '/admin/users', { cookie: sysadmin.cookie });
    assert.equal(r.status, 200);
    assert.match(r.text, /<table id="users"/);
    for (const login of ['admin', 'sec', 'aud', 'zoe']) assert.match(r.text, new RegExp(`<td>${login}</td>`));
    assert.match(r.text, /id="create-user"/);
    assert.doesNotMatch(r.text, /action="\/admin\/users\/[^"]*\/roles"/, 'sysadmin must not see grant forms');
    assertCspClean(r.text, '/admin/users');
  });

  test('/admin/users for the security administrator: grant forms, no create form', async () => {
    const r = await request(env.url, 'GET', '/admin/users', { cookie: secadmin.cookie });
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /id="create-user"/);
    assert.match(r.text, /action="\/admin\/users\/aud\/roles"/);
  });

  test('creating an account through the page shows its one-time password once', async () => {
    const page = await request(env.url, 'GET', '/admin/users', { cookie: sysadmin.cookie });
    const csrf = formCsrf(page.text, '/admin/users');
    const r = await request(env.url, 'POST', '/admin/users', {
      cookie: sysadmin.cookie,
      form: { csrf, login: 'via-page', name: 'Via Page' },
    });
    assert.equal(r.status, 200);
    const otp = /<code id="otp">([^<]+)<\/code>/.exec(r.text)?.[1];
    assert.ok(otp, 'no one-time password shown');
    const s = await request(env.url, 'POST', '/api/v1/session', { json: { login: 'via-page', password: otp } });
    assert.equal(s.status, 200);
  });

  test('/audit for the auditor shows #chain-state', async () => {
    const r = await request(env.url, 'GET', '/audit', { cookie: auditor.cookie });
    assert.equal(r.status, 200);
    assert.match(r.text, /id="chain-state"/);
    assertCspClean(r.text, '/audit');
  });

  test('/audit and /admin/users refuse the other administrators with 403 pages', async () => {
    for (const [who, path] of [
      [sysadmin, '/audit'],
      [secadmin, '/audit'],
      [auditor, '/admin/users'],
    ]) {
      const r = await request(env.url, 'GET', path, { cookie: who.cookie });
      assert.equal(r.status, 403, `${who.login} ${path}`);
      assert.match(r.headers.get('content-type'), /^text\/html/);
    }
  });
});

describe('assets', () => {
  test('the stylesheet and script are served with their types and revalidate with ETag', async () => {
    for (const [path, type] of [
      ['/assets/style.css', /^text\/css/],
      ['/assets/app.js', /^text\/javascript/],
    ]) {
      const r = await request(env.url, 'GET', path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type'), type);
      const etag = r.headers.get('etag');
      assert.ok(etag, `${path}: no ETag`);
      const again = await request(env.url, 'GET', path, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304, path);
    }
  });

  test('unknown and traversing asset names are 404', async () => {
    assert.equal((await request(env.url, 'GET', '/assets/nope.css')).status, 404);
    assert.equal((await request(env.url, 'GET', '/assets/..%2Fsrc%2Fmain.c')).status, 404);
  });
});
