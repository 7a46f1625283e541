// The alliance pages over the demo dataset, as a browser without JavaScript and a spreadsheet
// see them: the directory with its filters, paging and downloads; one alliance with its tabs;
// who may see which alliance (a jurisdiction's officer its jurisdiction's alliances, an alliance's
// secretariat or member contact that alliance, the administrator roles none); people's email and
// phone only for those allowed; CSV with a BOM and RFC 4180 quoting; XLSX as a real workbook.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { readyAdmin, readyUser, request, run, setup } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEMO = join(here, '../../data/demo.json');

// The demo's alliances with their current members (members who have not left).
const DEMO_ALLIANCES = {
  life: { jurisdiction: 'cast', members: 24 },
  'innovation-fusion': { jurisdiction: 'cast', members: 13 },
  'info-tech': { jurisdiction: 'cast', members: 11 },
  'eco-env': { jurisdiction: 'cast', members: 12 },
  'bj-smart-mfg': { jurisdiction: 'bjast', members: 7 },
};
const CAST_KEYS = Object.keys(DEMO_ALLIANCES).filter((k) => DEMO_ALLIANCES[k].jurisdiction === 'cast');
const TABS = ['members', 'bodies', 'meetings', 'plans', 'ledger', 'outputs', 'news', 'activities'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env;
const as = {};
before(async () => {
  env = await setup('alliances');
  const r = run(['import', DEMO, '--db', env.db]);
  assert.equal(r.status, 0, `import of the demo failed: ${r.stderr}`);
  as.sysadmin = await readyAdmin(env.url, env.admin);
  as.secadmin = await readyUser(env.url, env.db, 'sa', 'secadmin');
  as.auditor = await readyUser(env.url, env.db, 'aud', 'auditor');
  as.officer = await readyUser(env.url, env.db, 'cao', 'cast_officer:cast');
  as.officerBj = await readyUser(env.url, env.db, 'bjo', 'cast_officer:bjast');
  as.officerBoth = await readyUser(env.url, env.db, 'both', ['cast_officer:cast', 'cast_officer:bjast']);
  as.secretariat = await readyUser(env.url, env.db, 'sct', 'secretariat:life');
  as.contact = await readyUser(env.url, env.db, 'mct', 'member_contact:life/zoology');
  as.noRole = await readyUser(env.url, env.db, 'nobody', []);
});
after(() => env?.close());

/** A GET as `who` (undefined: anonymous), in Chinese unless lang says otherwise. */
const get = (who, path, lang = 'zh-CN') =>
  request(env.url, 'GET', path, { session: who, headers: { 'accept-language': lang } });

/** A GET of a download: {status, headers, bytes (a Buffer)}. */
async function download(who, path, lang = 'zh-CN') {
  const res = await fetch(env.url + path, {
    headers: { cookie: who.cookie, 'accept-language': lang },
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Parses RFC 4180 CSV (after the BOM) into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [],
    field = '',
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(field, '', 'the CSV does not end with CRLF');
  assert.equal(row.length, 0, 'the CSV does not end with CRLF');
  return rows;
}

/** A CSV download as rows, asserting the BOM, the type and the file name. */
async function csv(who, path, filename, lang) {
  const r = await download(who, path, lang);
  assert.equal(r.status, 200, `${path}: ${r.bytes.toString()}`);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="${filename}"`);
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 byte order mark');
  return parseCsv(r.bytes.subarray(3).toString('utf8'));
}

/** The alliance keys the directory page links to, in page order. */
const linkedKeys = (html) => [...html.matchAll(/<a href="\/alliances\/([a-z0-9._-]+)">/g)].map((m) => m[1]);

describe('the directory', () => {
  test('a CAST officer sees the CAST alliances with their current members, not the Beijing one', async () => {
    const r = await get(as.officer, '/alliances');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.deepEqual(linkedKeys(r.text).sort(), [...CAST_KEYS].sort());
    for (const k of CAST_KEYS) {
      const row = new RegExp(`<a href="/alliances/${k}">[^<]+</a></td><td>正常运行</td><td>中国科协</td><td class="num">(\\d+)</td>`).exec(r.text);
      assert.ok(row, `no row for ${k}`);
      assert.equal(Number(row[1]), DEMO_ALLIANCES[k].members, k);
    }
    // The navigation offers the alliances, marked as the current page.
    assert.match(r.text, /<a href="\/alliances" aria-current="page">联合体<\/a>/);
  });

  test('an officer of both jurisdictions sees all five, in stroke order of their names', async () => {
    const rows = await csv(as.officerBoth, '/alliances?format=csv', 'alliances.csv');
    assert.deepEqual(rows[0], ['标识', '联合体名称', '状态', '主管科协', '现有成员单位数', '批准成立日期']);
    const body = rows.slice(1);
    assert.equal(body.length, 5);
    for (const [key, , status, , members] of body) {
      assert.equal(status, '正常运行');
      assert.equal(Number(members), DEMO_ALLIANCES[key].members, key);
    }
    // 中 (4 strokes) before 北 (5); among 中国科协…: 生 (5) before 创 (6) before 信 (9).
    const names = body.map((row) => row[1]);
    assert.equal(names[4], '北京市科协智能制造学会联合体');
    assert.ok(names.indexOf('中国科协创新融合学会联合体') > names.indexOf('中国科协生命科学学会联合体'));
    assert.ok(names.indexOf('中国科协信息科技学会联合体') > names.indexOf('中国科协创新融合学会联合体'));
    const collator = new Intl.Collator('zh-u-co-stroke');
    assert.deepEqual(names, [...names].sort(collator.compare));
  });

  test('filters by jurisdiction and status, and pages', async () => {
    let r = await get(as.officerBoth, '/alliances?jurisdiction=bjast');
    assert.equal(r.status, 200);
    assert.deepEqual(linkedKeys(r.text), ['bj-smart-mfg']);
    assert.match(r.text, /<option value="bjast" selected>/);
    r = await get(as.officerBoth, '/alliances?jurisdiction=cast&status=active');
    assert.deepEqual(linkedKeys(r.text).sort(), [...CAST_KEYS].sort());
    r = await get(as.officerBoth, '/alliances?status=dissolved');
    assert.deepEqual(linkedKeys(r.text), []);
    assert.match(r.text, /暂无记录。/);
    // The filtered list downloads as it is shown.
    const rows = await csv(as.officerBoth, '/alliances?jurisdiction=bjast&format=csv', 'alliances.csv');
    assert.deepEqual(rows.slice(1).map((row) => row[0]), ['bj-smart-mfg']);
    // Paging: the first two of five are skipped.
    const all = linkedKeys((await get(as.officerBoth, '/alliances')).text);
    r = await get(as.officerBoth, '/alliances?offset=2');
    assert.deepEqual(linkedKeys(r.text), all.slice(2));
    r = await get(as.officerBoth, '/alliances?offset=99');
    assert.deepEqual(linkedKeys(r.text), []);
  });

  test('bad parameters are refused', async () => {
    for (const q of ['offset=-1', 'offset=x', 'status=sleeping', 'jurisdiction=Not%20a%20key', 'format=pdf']) {
      const r = await get(as.officerBoth, `/alliances?${q}`);
      assert.equal(r.status, 400, q);
    }
  });

  test('CSV in English, quoted where needed; XLSX is a workbook', async () => {
    const rows = await csv(as.officer, '/alliances?format=csv', 'alliances.csv', 'en');
    assert.deepEqual(rows[0], ['Key', 'Alliance', 'Status', 'Jurisdiction', 'Current members', 'Established']);
    assert.equal(rows[1][2], 'Active');
    const x = await download(as.officer, '/alliances?format=xlsx');
    assert.equal(x.status, 200);
    assert.equal(x.headers.get('content-type'), XLSX_TYPE);
    assert.equal(x.headers.get('content-disposition'), 'attachment; filename="alliances.xlsx"');
    assert.equal(x.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    assert.ok(x.bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')));
  });

  test('a secretariat and a member contact see their alliance only', async () => {
    for (const who of [as.secretariat, as.contact]) {
      const r = await get(who, '/alliances');
      assert.equal(r.status, 200);
      assert.deepEqual(linkedKeys(r.text), ['life']);
    }
  });

  test('administrators and accounts without a business role may not; visitors sign in first', async () => {
    for (const who of [as.sysadmin, as.secadmin, as.auditor, as.noRole]) {
      const r = await get(who, '/alliances');
      assert.equal(r.status, 403, who.login);
      assert.equal((await get(who, '/alliances/life')).status, 403, who.login);
      assert.equal((await get(who, '/alliances?format=csv')).status, 403, who.login);
      // ...and their navigation does not offer it.
      const home = await get(who, '/');
      assert.doesNotMatch(home.text, /href="\/alliances"/);
    }
    for (const path of ['/alliances', '/alliances/life', '/alliances/life?tab=ledger&format=xlsx']) {
      const r = await get(undefined, path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.get('location'), '/login');
    }
  });

  test('the dashboard tile leads to the directory', async () => {
    const r = await get(as.officer, '/');
    assert.match(r.text, /<li class="tile"><a href="\/alliances"><strong>联合体<\/strong>/);
  });
});

describe('one alliance', () => {
  test('every tab reads, the current one marked, with its lists in div.scroll', async () => {
    for (const tab of TABS) {
      const r = await get(as.officer, `/alliances/life?tab=${tab}`);
      assert.equal(r.status, 200, tab);
      assert.match(r.text, /<h1>中国科协生命科学学会联合体<\/h1>/);
      const current = [...r.text.matchAll(/<a href="\/alliances\/life\?tab=([a-z]+)" aria-current="page">/g)];
      assert.deepEqual(
        current.map((m) => m[1]),
        [tab],
      );
      for (const t of TABS) assert.ok(r.text.includes(`href="/alliances/life?tab=${t}"`), `${tab}: no link to ${t}`);
      assert.match(r.text, /<div class="scroll"><table id="/);
      assert.match(r.text, /format=csv" download>CSV<\/a>/);
      assert.doesNotMatch(r.text, /<tbody><tr><td class="none"/, `${tab}: an empty first list`);
    }
    // The default tab is the members.
    const r = await get(as.officer, '/alliances/life');
    assert.match(r.text, /<a href="\/alliances\/life\?tab=members" aria-current="page">/);
    assert.match(r.text, /<dd id="member-count">24<\/dd>/);
  });

  test('members: all of them, current first, each part in stroke order', async () => {
    const rows = await csv(as.officer, '/alliances/life?tab=members&format=csv', 'life-members.csv');
    assert.deepEqual(rows[0], [
      '单位标识',
      '单位名称',
      '类型',
      '成员身份',
      '加入日期',
      '退出日期',
      '承认章程版本',
      '承认章程日期',
      '中国科协批准加入日期',
      '统一社会信用代码',
    ]);
    const body = rows.slice(1);
    assert.equal(body.length, 25);
    const current = body.filter((row) => row[5] === '');
    assert.equal(current.length, 24);
    assert.notEqual(body[24][5], '', 'the member who left comes last');
    const collator = new Intl.Collator('zh-u-co-stroke');
    const names = current.map((row) => row[1]);
    assert.deepEqual(names, [...names].sort(collator.compare));
    assert.ok(body.some((row) => row[2] === '全国学会' && row[3] === '发起单位'));
    assert.ok(body.every((row) => row[9] === '' || /^[0-9A-Z]{18}$/.test(row[9])));
  });

  test('search: ?q= keeps the rows with every word, in the page, its pager links and its downloads', async () => {
    // 动物 is in 中国动物学会 and 中国实验动物学会; 实验 narrows it to one.
    const page = await get(as.officer, '/alliances/life?tab=members&q=' + encodeURIComponent('动物'));
    assert.equal(page.status, 200);
    assert.match(page.text, /<input id="f-q" name="q" type="search" maxlength="100" value="动物">/);
    const names = [...page.text.matchAll(/<td>(中国[^<]*动物[^<]*)<\/td>/g)].map((m) => m[1]).sort();
    assert.deepEqual(names, ['中国动物学会', '中国实验动物学会'].sort());
    assert.doesNotMatch(page.text, /中国植物学会/);
    // The download links carry the search on.
    assert.match(page.text, /href="\/alliances\/life\?tab=members&amp;list=members&amp;q=%E5%8A%A8%E7%89%A9&amp;format=csv"/);
    const rows = await csv(as.officer, '/alliances/life?tab=members&list=members&format=csv&q=' + encodeURIComponent('实验 动物'), 'life-members.csv');
    assert.deepEqual(rows.slice(1).map((row) => row[1]), ['中国实验动物学会']);
    // By credit code (a column the page does not show), and letters in either case.
    const code = rows[1][9];
    const byCode = await csv(as.officer, `/alliances/life?tab=members&format=csv&q=${code.toLowerCase()}`, 'life-members.csv');
    assert.deepEqual(byCode.slice(1).map((row) => row[1]), ['中国实验动物学会']);
    // Nothing matches: the empty list says so.
    const none = await get(as.officer, '/alliances/life?tab=bodies&q=no-such-thing');
    assert.match(none.text, /<td class="none" colspan="\d+">/);
    // The directory and the organisations search the same way.
    const dir = await get(as.officer, '/alliances?q=' + encodeURIComponent('生命'));
    assert.deepEqual(linkedKeys(dir.text), ['life']);
    const orgs = await get(as.officer, '/organisations?q=' + encodeURIComponent('实验动物'));
    assert.match(orgs.text, /中国实验动物学会/);
    assert.doesNotMatch(orgs.text, /中国植物学会/);
    // Too long: 400 naming the parameter.
    const long = await request(env.url, 'GET', '/alliances/life?format=csv&q=' + 'x'.repeat(101), { session: as.officer });
    assert.equal(long.status, 400);
  });

  test('ledger: amounts as ¥1,234.56 on the page, plain numbers in CSV, debits equal credits', async () => {
    const r = await get(as.officer, '/alliances/life?tab=ledger');
    for (const id of ['accounts', 'funds', 'transactions', 'fund-reports', 'fund-report-lines'])
      assert.match(r.text, new RegExp(`<table id="${id}">`));
    const amounts = [...r.text.matchAll(/<td class="num">(-?¥[0-9,]+\.\d\d)<\/td>/g)].map((m) => m[1]);
    assert.ok(amounts.length > 20);
    for (const a of amounts) assert.match(a, /^-?¥\d{1,3}(,\d{3})*\.\d{2}$/);
    assert.ok(amounts.some((a) => a.includes(',')), 'no amount of a thousand yuan or more');
    assert.match(r.text, /<td>是<\/td>/, 'no restricted fund');
    const rows = await csv(as.officer, '/alliances/life?tab=ledger&list=transactions&format=csv', 'life-transactions.csv');
    assert.deepEqual(rows[0], ['记账标识', '日期', '凭证号', '摘要', '会计科目', '资金', '借方', '贷方']);
    let debit = 0,
      credit = 0;
    for (const row of rows.slice(1)) {
      assert.ok((row[6] === '') !== (row[7] === ''), 'a posting is a debit or a credit');
      for (const v of [row[6], row[7]]) if (v) assert.match(v, /^\d+\.\d\d$/);
      debit += Math.round(Number(row[6] || 0) * 100);
      credit += Math.round(Number(row[7] || 0) * 100);
    }
    assert.equal(debit, credit);
    // Paging within one list keeps the others on their first page.
    const page2 = await get(as.officer, '/alliances/life?tab=ledger&list=transactions&offset=50');
    assert.equal(page2.status, 200);
    assert.match(page2.text, /51–\d+ \/ \d+/);
  });

  test('every list downloads as CSV and XLSX', async () => {
    const lists = {
      members: ['members'],
      bodies: ['bodies', 'posts'],
      meetings: ['meetings'],
      plans: ['plans'],
      ledger: ['accounts', 'funds', 'transactions', 'fund-reports', 'fund-report-lines'],
      outputs: ['outputs', 'releases'],
      news: ['news'],
      activities: ['activities'],
    };
    for (const [tab, ids] of Object.entries(lists)) {
      for (const id of ids) {
        const rows = await csv(as.officer, `/alliances/life?tab=${tab}&list=${id}&format=csv`, `life-${id}.csv`);
        assert.ok(rows.length > 1, `${tab}/${id} is empty`);
        const width = rows[0].length;
        for (const row of rows) assert.equal(row.length, width, `${tab}/${id}: a ragged row`);
        const x = await download(as.officer, `/alliances/life?tab=${tab}&list=${id}&format=xlsx`);
        assert.equal(x.status, 200);
        assert.equal(x.headers.get('content-type'), XLSX_TYPE);
        assert.equal(x.headers.get('content-disposition'), `attachment; filename="life-${id}.xlsx"`);
        assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK');
      }
    }
  });

  test('meetings, news and activities read in Chinese', async () => {
    let rows = await csv(as.officer, '/alliances/life?tab=meetings&format=csv', 'life-meetings.csv');
    assert.deepEqual(rows[0], ['日期', '类型', '标题', '状态', '主持人', '纪要签发人', '纪要签发日期', '纪要印发日期']);
    const dates = rows.slice(1).map((row) => row[0]);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'meetings newest first');
    assert.ok(rows.slice(1).every((row) => ['主席团会议', '专题会议'].includes(row[1])));
    rows = await csv(as.officer, '/alliances/life?tab=news&format=csv', 'life-news.csv');
    assert.ok(rows.slice(1).some((row) => row[3] === '已发布'));
    rows = await csv(as.officer, '/alliances/life?tab=activities&format=csv', 'life-activities.csv');
    assert.deepEqual(rows[0], ['活动标识', '任务', '类型', '标题', '日期', '参与单位数']);
  });

  test('who may open which alliance', async () => {
    const cases = [
      [as.officer, 'life', 200],
      [as.officer, 'bj-smart-mfg', 403],
      [as.officerBj, 'bj-smart-mfg', 200],
      [as.officerBj, 'life', 403],
      [as.secretariat, 'life', 200],
      [as.secretariat, 'eco-env', 403],
      [as.contact, 'life', 200],
      [as.contact, 'info-tech', 403],
    ];
    for (const [who, key, status] of cases) {
      assert.equal((await get(who, `/alliances/${key}`)).status, status, `${who.login} on ${key}`);
      assert.equal((await get(who, `/alliances/${key}?tab=ledger&format=csv`)).status, status, `${who.login} on ${key} CSV`);
    }
    assert.equal((await get(as.officer, '/alliances/no-such-alliance')).status, 404);
    assert.equal((await get(as.officer, '/alliances/Not%20a%20key')).status, 404);
    assert.equal((await get(as.officer, '/alliances/life?tab=gossip')).status, 400);
    assert.equal((await get(as.officer, '/alliances/life?tab=ledger&list=posts')).status, 400);
    assert.equal((await get(as.officer, '/alliances/life?format=docx')).status, 400);
  });

  test('email and phone only for the jurisdiction’s officers and the secretariat', async () => {
    const EMAIL = 'qiao.qi@example.org'; // the life secretariat's secretary-general
    for (const who of [as.officer, as.secretariat]) {
      const r = await get(who, '/alliances/life?tab=bodies');
      assert.ok(r.text.includes(EMAIL), `${who.login} does not see the email`);
      assert.ok(r.text.includes('138-0000-1202'), `${who.login} does not see the phone`);
      const rows = await csv(who, '/alliances/life?tab=bodies&list=posts&format=csv', 'life-posts.csv');
      assert.deepEqual(rows[0].slice(-2), ['电子邮箱', '联系电话']);
      assert.ok(rows.some((row) => row.includes(EMAIL)));
    }
    const r = await get(as.contact, '/alliances/life?tab=bodies');
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(EMAIL));
    assert.ok(!r.text.includes('138-0000-1202'));
    assert.ok(!r.text.includes('电子邮箱</th>'));
    assert.match(r.text, /电子邮箱和联系电话仅向主管科协工作人员和本联合体秘书处显示。/);
    const rows = await csv(as.contact, '/alliances/life?tab=bodies&list=posts&format=csv', 'life-posts.csv');
    assert.ok(!rows[0].includes('电子邮箱'));
    assert.ok(!rows.some((row) => row.includes(EMAIL)));
    const x = await download(as.contact, '/alliances/life?tab=bodies&list=posts&format=xlsx');
    assert.ok(!x.bytes.includes(Buffer.from('example.org')));
  });

  test('posts: in office first within each body, chair before vice-chairs', async () => {
    const rows = await csv(as.officer, '/alliances/life?tab=bodies&list=posts&format=csv', 'life-posts.csv');
    const presidium = rows.slice(1).filter((row) => row[0] === '主席团' && row[6] === '');
    const roles = presidium.map((row) => row[1]);
    const rank = ['名誉主席', '主席', '副主席', '成员'];
    assert.deepEqual(
      roles,
      [...roles].sort((a, b) => rank.indexOf(a) - rank.indexOf(b)),
    );
    assert.ok(roles.includes('主席'));
  });
});
