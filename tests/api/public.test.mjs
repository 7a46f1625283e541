// What anyone may read without signing in (interfaces.md: "Anonymous visitors see only published
// news and the public directory of active alliances"; 第十七条), over the demo dataset plus rows
// put in with SQL: a proposed and a dissolved alliance, a published item with markup in its title
// and raw HTML in its text, one dated in the future. The directory lists active alliances only;
// the news lists published items whose date has come, never drafts, items in review or rejected
// ones (their URLs are 404); the Atom feed is well-formed XML with the markup escaped; the
// meetings calendar of an alliance is RFC 5545 (CRLF, lines folded at 75 octets, TEXT escaped,
// one VEVENT per meeting) for those who may read the alliance and no one else; no public answer
// carries a person's email or phone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { readyUser, request, run, setup, sql, startServer, stopServer } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');
const demo = JSON.parse(readFileSync(DEMO, 'utf8'));
const life = demo.alliances.find((a) => a.key === 'life');

/** Today in China (UTC+08:00), as the server's "published_on not after today" reads it. */
const TODAY = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const TITLE = 'Tom & Jerry <b>"quoted"</b> 公开测试';
const TEXT = 'Hello <script>alert(1)</script> **bold** & more';
const MEETING_TITLE = '学会联合体年度工作总结, 计划; 审议\\会议——关于2027年度重点工作安排的专题研讨（长标题用于折行测试）';

let env;
const as = {};
before(async () => {
  env = await setup('public');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  const author = "(SELECT MIN(id) FROM people)";
  const news = (alliance, seq, key, title, status, date, text) =>
    `INSERT INTO news (alliance_id, seq, key, title, author_id, status, published_on, text) ` +
    `SELECT a.id, ${seq}, '${key}', '${title}', ${author}, '${status}', ${date ? `'${date}'` : 'NULL'}, ` +
    `'${text}' FROM alliances a WHERE a.key = '${alliance}'`;
  sql(
    env.db,
    [
      "INSERT INTO alliances (key, jurisdiction_id, name, status) SELECT 'prop-x', id, " +
        "'中国科协拟议测试学会联合体', 'proposed' FROM jurisdictions WHERE key = 'cast'",
      "INSERT INTO alliances (key, jurisdiction_id, name, status, established_date, dissolved_date) " +
        "SELECT 'gone-x', id, '中国科协已撤销测试学会联合体', 'dissolved', '2019-01-01', '2024-01-01' " +
        "FROM jurisdictions WHERE key = 'cast'",
      news('life', 1000, 'pub-esc', TITLE, 'published', TODAY, TEXT),
      news('life', 1001, 'pub-future', '未来发布的新闻', 'published', '2999-12-31', 'x'),
      news('life', 1002, 'draft-x', '草稿新闻标题', 'draft', null, 'x'),
      news('prop-x', 1, 'n-prop', '拟议联合体的新闻', 'published', '2024-05-01', 'x'),
      news('gone-x', 1, 'n-gone', '已撤销联合体的旧闻', 'published', '2023-05-01', 'x'),
      `UPDATE meetings SET title = '${MEETING_TITLE}' WHERE key = 'pm-2026' AND alliance_id = ` +
        "(SELECT id FROM alliances WHERE key = 'life')",
      "INSERT INTO meetings (alliance_id, seq, key, kind, title, date, status) SELECT id, 1000, " +
        "'sm-cancelled', 'special', '取消的专题会议', '2026-03-03', 'cancelled' FROM alliances WHERE key = 'life'",
    ].join('; '),
  );
  as.officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  as.officerBj = await readyUser(env.url, env.db, 'bjo', 'cast_officer:bjast');
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:info-tech');
  as.officerBoth = await readyUser(env.url, env.db, 'both', ['cast_officer:cast', 'cast_officer:bjast']);
});
after(() => env?.close());

const get = (who, path, url = env.url) =>
  request(url, 'GET', path, { session: who, headers: { 'accept-language': 'zh-CN' } });

/** Every person's email and phone in the demo: none may show on a public page. */
const CONTACTS = demo.people.flatMap((p) => [p.email, p.phone]).filter(Boolean);
function assertNoContacts(text, what) {
  assert.ok(CONTACTS.length > 10, 'the demo has contact data to look for');
  for (const c of CONTACTS) assert.ok(!text.includes(c), `${what} shows ${c}`);
  assert.ok(!/mailto:|tel:/.test(text), `${what} links an email or phone`);
}

/**
 * A minimal well-formedness check of an XML document (DOMParser is not in node): one root,
 * tags nest and close in order, attribute values quoted, & only in an entity, no < or > in
 * character data... and returns the elements as [name, attributes, text] for the asserts.
 */
function parseXml(xml) {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack = [];
  const elements = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  let pos = 0;
  for (let m; (m = re.exec(body)); pos = re.lastIndex) {
    const [, close, name, attrs, selfClose, text, stray] = m;
    assert.equal(stray, undefined, `a stray < at ${m.index}: ${body.slice(m.index, m.index + 60)}`);
    if (text !== undefined) {
      assert.ok(stack.length > 0 || !text.trim(), 'text outside the root');
      assert.ok(!text.includes('>'), `a > in text: ${text.slice(0, 60)}`);
      for (const amp of text.matchAll(/&([^;]*);?/g))
        assert.match(amp[0], /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/, `a bare & in ${text.slice(0, 60)}`);
      if (stack.length) stack.at(-1)[2] += text;
      continue;
    }
    for (const a of attrs.matchAll(/="([^"]*)"/g))
      for (const amp of a[1].matchAll(/&([^;]*);?/g))
        assert.match(amp[0], /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/, 'a bare & in an attribute');
    if (close) {
      const open = stack.pop();
      assert.equal(open?.[0], name, `</${name}> closes ${open?.[0]}`);
      continue;
    }
    if (stack.length === 0) roots++;
    const el = [name, attrs, ''];
    elements.push(el);
    if (!selfClose) stack.push(el);
  }
  assert.equal(pos, body.length, `not XML at ${pos}: ${body.slice(pos, pos + 60)}`);
  assert.equal(stack.length, 0, `unclosed: ${stack.map((e) => e[0])}`);
  assert.equal(roots, 1, 'one root element');
  return elements;
}

/** Decodes the five predefined entities. */
const unescapeXml = (s) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]);

describe('anonymous visitors', () => {
  test('the public routes answer without signing in', async () => {
    for (const path of ['/directory', '/directory/life', '/news', '/news/life/pub-esc']) {
      const r = await get(undefined, path);
      assert.equal(r.status, 200, `${path}: ${r.status}`);
      assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
      assertNoContacts(r.text, path);
    }
    const atom = await get(undefined, '/news.atom');
    assert.equal(atom.status, 200);
    assert.equal(atom.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
    assertNoContacts(atom.text, '/news.atom');
    // The business pages still need a sign-in.
    assert.equal((await get(undefined, '/alliances')).status, 303);
    assert.equal((await get(undefined, '/alliances/life/meetings.ics')).status, 303);
  });

  test('the sign-in page links the directory and the news', async () => {
    const r = await get(undefined, '/login');
    assert.equal(r.status, 200);
    assert.match(r.text, /<a href="\/directory">公开目录<\/a>/);
    assert.match(r.text, /<a href="\/news">学会联合体动态<\/a>/);
  });
});

describe('the directory', () => {
  test('lists the active alliances only, in stroke order, with their member counts', async () => {
    const r = await get(undefined, '/directory');
    const names = [...r.text.matchAll(/<a href="\/directory\/([a-z0-9.-]+)">/g)].map((m) => m[1]);
    assert.deepEqual(new Set(names), new Set(demo.alliances.filter((a) => a.status === 'active').map((a) => a.key)));
    assert.ok(!r.text.includes('prop-x') && !r.text.includes('拟议测试'), 'a proposed alliance is not public');
    assert.ok(!r.text.includes('gone-x') && !r.text.includes('已撤销测试'), 'a dissolved alliance is not in the directory');
    assert.match(r.text, /<a href="\/directory\/life">中国科协生命科学学会联合体<\/a><\/td><td>中国科协<\/td><td><time datetime="[\d-]+">[\d-]+<\/time><\/td><td class="num">24<\/td>/);
    // Stroke order (web/order.h): the order the business directory lists the same alliances in
    // for an officer of both jurisdictions.
    const inside = await get(as.officerBoth, '/alliances?status=active');
    const order = [...inside.text.matchAll(/<a href="\/alliances\/([a-z0-9.-]+)">/g)].map((m) => m[1]);
    assert.deepEqual(names, order);
    const csv = await get(undefined, '/directory?format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    const keys = csv.text.split('\r\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]);
    assert.deepEqual(keys, names);
    const q = await get(undefined, `/directory?q=${encodeURIComponent('北京')}`);
    assert.deepEqual([...q.text.matchAll(/<a href="\/directory\/([a-z0-9.-]+)">/g)].map((m) => m[1]), ['bj-smart-mfg']);
    const x = await get(undefined, '/directory?format=xlsx');
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  test('an alliance page shows its current members by name and its published news', async () => {
    const r = await get(undefined, '/directory/life');
    assert.equal(r.status, 200);
    const members = [...r.text.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]);
    const current = life.members.filter((m) => !m.left_on || m.left_on > TODAY);
    const orgName = (key) => demo.organisations.find((o) => o.key === key).name;
    assert.equal(members.length, current.length);
    assert.deepEqual(new Set(members), new Set(current.map((m) => orgName(m.organisation))));
    assert.match(r.text, /href="\/news\/life\/n-2026-15"/);
    assert.match(r.text, /href="\/news\/life\/pub-esc"/);
    for (const key of ['n-2026-draft-1', 'n-2026-review-1', 'n-2024-rejected-1', 'pub-future', 'draft-x'])
      assert.ok(!r.text.includes(`/news/life/${key}"`), `${key} is not published`);
    // Nothing of the register beyond names: no credit codes, no people.
    for (const m of life.members) {
      const o = demo.organisations.find((x) => x.key === m.organisation);
      if (o.uscc) assert.ok(!r.text.includes(o.uscc), 'no credit codes');
    }
    for (const p of demo.people.slice(0, 50)) assert.ok(!r.text.includes(`>${p.name}<`), `no person (${p.name})`);
  });

  test('alliances that are not active have no public page', async () => {
    for (const key of ['prop-x', 'gone-x', 'no-such', 'BAD!'])
      assert.equal((await get(undefined, `/directory/${key}`)).status, 404, key);
  });
});

describe('the news', () => {
  test('lists published items whose date has come, of alliances that exist in public', async () => {
    const all = [];
    for (let offset = 0; ; offset += 50) {
      const r = await get(undefined, `/news?offset=${offset}`);
      assert.equal(r.status, 200);
      const page = [...r.text.matchAll(/<a href="\/news\/([a-z0-9.-]+\/[a-z0-9.-]+)">/g)].map((m) => m[1]);
      all.push(...page);
      if (!r.text.includes(`offset=${offset + 50}`)) break;
    }
    const published = demo.alliances.flatMap((a) =>
      (a.news ?? []).filter((n) => n.status === 'published' && n.published_on <= TODAY).map((n) => `${a.key}/${n.key}`),
    );
    assert.ok(published.length > 50, 'the demo has more than a page of news');
    assert.deepEqual(new Set(all), new Set([...published, 'life/pub-esc', 'gone-x/n-gone']));
    assert.equal(all.length, new Set(all).size, 'each item once across the pages');
    assert.equal(all[0], 'life/pub-esc', "newest first: today's item leads");
  });

  test('drafts, items in review, rejected and future items are 404, as are a proposed alliance\'s', async () => {
    for (const path of [
      '/news/life/n-2026-draft-1',
      '/news/life/n-2026-review-1',
      '/news/life/n-2024-rejected-1',
      '/news/life/draft-x',
      '/news/life/pub-future',
      '/news/prop-x/n-prop',
      '/news/life/no-such',
    ]) {
      const r = await get(undefined, path);
      assert.equal(r.status, 404, path);
      assert.ok(!r.text.includes('草稿新闻标题') && !r.text.includes('未来发布的新闻'), path);
    }
    const list = await get(undefined, '/news?q=' + encodeURIComponent('新闻'));
    assert.ok(!list.text.includes('草稿新闻标题') && !list.text.includes('未来发布的新闻'));
    // A dissolved alliance's old news stays readable, without a link to a directory page.
    const gone = await get(undefined, '/news/gone-x/n-gone');
    assert.equal(gone.status, 200);
    assert.ok(!gone.text.includes('/directory/gone-x'));
  });

  test('an item shows its title escaped and its Markdown without raw HTML', async () => {
    const r = await get(undefined, '/news/life/pub-esc');
    assert.match(r.text, /Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;\/b&gt; 公开测试/);
    assert.ok(!r.text.includes('<script>alert(1)'), 'raw HTML never passes');
    assert.match(r.text, /<strong>bold<\/strong>/);
    assert.match(r.text, new RegExp(`<time datetime="${TODAY}">`));
    assert.match(r.text, /<a href="\/directory\/life">中国科协生命科学学会联合体<\/a>/);
  });

  test('search and downloads', async () => {
    const r = await get(undefined, '/news?q=' + encodeURIComponent('Jerry'));
    assert.deepEqual([...r.text.matchAll(/<a href="\/news\/([a-z0-9.-]+\/[a-z0-9.-]+)">/g)].map((m) => m[1]), ['life/pub-esc']);
    const csv = await get(undefined, '/news?format=csv&q=' + encodeURIComponent('Jerry'));
    assert.equal(csv.status, 200);
    assert.match(csv.text, /life,pub-esc,/);
    assert.equal(csv.text.trim().split('\r\n').length, 2);
  });

  test('the Atom feed is well-formed, escaped, and holds the newest 50 items', async () => {
    const r = await get(undefined, '/news.atom');
    const els = parseXml(r.text);
    assert.equal(els[0][0], 'feed');
    assert.match(els[0][1], /xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    const entries = r.text.split('<entry>').slice(1);
    assert.equal(entries.length, 50);
    const feedTitle = /<feed[^>]*>.*?<title>([^<]*)<\/title>/s.exec(r.text)[1];
    assert.equal(feedTitle, '学会联合体动态');
    const feedUpdated = /<feed[^>]*><id>[^<]+<\/id><title>[^<]*<\/title><updated>([^<]+)<\/updated>/.exec(r.text)[1];
    assert.equal(feedUpdated, `${TODAY}T00:00:00+08:00`);
    const ids = entries.map((e) => /<id>([^<]+)<\/id>/.exec(e)[1]);
    assert.equal(new Set(ids).size, 50, 'unique ids');
    for (const id of ids) assert.match(id, /^tag:lianheti,\d{4}:news\/[a-z0-9.-]+\/[a-z0-9.-]+$/);
    const first = entries[0];
    assert.match(first, /<title>Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;\/b&gt; 公开测试<\/title>/);
    assert.equal(unescapeXml(/<title>([^<]*)<\/title>/.exec(first)[1]), TITLE);
    assert.match(first, new RegExp(`<updated>${TODAY}T00:00:00\\+08:00</updated>`));
    assert.match(first, /<link rel="alternate" type="text\/html" href="\/news\/life\/pub-esc"\/>/);
    const content = /<content type="html">([^<]*)<\/content>/.exec(first)[1];
    const html = unescapeXml(content);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.ok(!html.includes('<script>'), 'the content is the safe HTML');
    for (const key of ['pub-future', 'draft-x', 'n-2026-draft-1', 'n-2026-review-1', 'n-prop'])
      assert.ok(!r.text.includes(`/${key}<`) && !r.text.includes(`/${key}"`), key);
    // Newest first.
    const dates = entries.map((e) => /<updated>([^<]+)<\/updated>/.exec(e)[1]);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });
});

describe('the meetings calendar', () => {
  const ics = '/alliances/life/meetings.ics';

  test('is RFC 5545: CRLF, folded at 75 octets, escaped text, one VEVENT per meeting', async () => {
    const r = await get(as.officer, ics);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.ok(r.text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(r.text), 'every line ends in CRLF');
    const lines = r.text.slice(0, -2).split('\r\n');
    for (const l of lines) assert.ok(Buffer.byteLength(l) <= 75, `longer than 75 octets: ${l}`);
    assert.ok(lines.some((l) => l.startsWith(' ')), 'the long title was folded');
    const bytes = Buffer.from(r.text);
    for (let i = bytes.indexOf('\r\n '); i >= 0; i = bytes.indexOf('\r\n ', i + 1))
      assert.notEqual(bytes[i + 3] & 0xc0, 0x80, 'no fold inside a UTF-8 character');
    const unfolded = r.text.replace(/\r\n /g, '').split('\r\n');
    const count = Number(sql(env.db, "SELECT COUNT(*) FROM meetings m JOIN alliances a ON a.id = m.alliance_id WHERE a.key = 'life'"));
    assert.equal(count, life.meetings.length + 1);
    assert.equal(unfolded.filter((l) => l === 'BEGIN:VEVENT').length, count);
    assert.equal(unfolded.filter((l) => l === 'END:VEVENT').length, count);
    const escaped = MEETING_TITLE.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;');
    assert.ok(unfolded.some((l) => l.startsWith(`SUMMARY:${escaped}`)), 'the title, escaped');
    // Events by UID: status per meeting status, the date as a DATE.
    const events = r.text.replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1);
    const byUid = Object.fromEntries(events.map((e) => [/UID:(\S+)/.exec(e)[1], e]));
    assert.match(byUid['m-pm-2020.life@lianheti'], /STATUS:CONFIRMED\r\n/);
    assert.match(byUid['m-pm-2020.life@lianheti'], /DTSTART;VALUE=DATE:20201208\r\n/);
    assert.match(byUid['m-pm-2026.life@lianheti'], /STATUS:TENTATIVE\r\n/);
    assert.match(byUid['m-sm-cancelled.life@lianheti'], /STATUS:CANCELLED\r\n/);
    for (const e of events) assert.match(e, /DTSTAMP:\d{8}T\d{6}Z\r\n/);
    assert.equal(Object.keys(byUid).length, count, 'unique UIDs');
  });

  test('is for those who may read the alliance: others get 404, a bearer token works', async () => {
    assert.equal((await get(as.officerBj, ics)).status, 404);
    assert.equal((await get(as.secretariat, ics)).status, 404);
    assert.equal((await get(as.secretariat, '/alliances/info-tech/meetings.ics')).status, 200);
    const t = await request(env.url, 'POST', '/api/v1/me/tokens', { session: as.officer, json: { name: 'calendar' } });
    assert.equal(t.status, 201, t.text);
    const r = await request(env.url, 'GET', ics, { bearer: t.body.token });
    assert.equal(r.status, 200);
    assert.ok(r.text.startsWith('BEGIN:VCALENDAR\r\n'));
    const tb = await request(env.url, 'POST', '/api/v1/me/tokens', { session: as.officerBj, json: { name: 'calendar' } });
    assert.equal((await request(env.url, 'GET', ics, { bearer: tb.body.token })).status, 404);
  });

  test('the meetings tab links it', async () => {
    const r = await get(as.officer, '/alliances/life?tab=meetings');
    assert.match(r.text, /href="\/alliances\/life\/meetings\.ics">会议日历（iCalendar）<\/a>/);
  });
});

describe('signed in', () => {
  test('the navigation has the public pages, and they answer', async () => {
    const r = await get(as.officer, '/');
    assert.match(r.text, /<a href="\/directory">公开目录<\/a>/);
    assert.match(r.text, /<a href="\/news">学会联合体动态<\/a>/);
    const d = await get(as.officerBj, '/directory');
    assert.equal(d.status, 200);
    assert.match(d.text, /href="\/directory\/life"/, 'the public directory is the same for everyone');
  });
});

describe('with --base-url', () => {
  test('the feed and the calendar link absolutely; the Atom ids stay the same', async () => {
    const server = await startServer({ db: env.db, args: ['--base-url', 'https://lianheti.example.org/'] });
    try {
      const atom = await get(undefined, '/news.atom', server.url);
      parseXml(atom.text);
      assert.match(atom.text, /<link rel="self" type="application\/atom\+xml" href="https:\/\/lianheti\.example\.org\/news\.atom"\/>/);
      assert.match(atom.text, /href="https:\/\/lianheti\.example\.org\/news\/life\/pub-esc"/);
      assert.match(atom.text, /<id>tag:lianheti,\d{4}:news\/life\/pub-esc<\/id>/);
      const s = await request(server.url, 'POST', '/api/v1/session', { json: { login: 'cao', password: as.officer.password } });
      const cookie = s.headers.getSetCookie().find((c) => c.startsWith('lh_session=')).split(';')[0];
      const ics = await request(server.url, 'GET', '/alliances/life/meetings.ics', { cookie });
      assert.equal(ics.status, 200);
      assert.ok(ics.text.replace(/\r\n /g, '').includes('URL:https://lianheti.example.org/alliances/life/meetings/pm-2020\r\n'));
    } finally {
      await stopServer(server);
    }
  });
});
