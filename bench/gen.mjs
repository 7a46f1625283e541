#!/usr/bin/env node
// Generates a valid lianheti dataset (/work/shared/spec/dataset.md, format "lianheti-dataset"
// version 1) of a chosen size, for the benchmarks. Deterministic: the same arguments always give
// the same bytes. No npm dependencies; the output is streamed, so sizes of hundreds of megabytes
// need little memory.
//
//   node bench/gen.mjs ALLIANCES MEMBERS YEARS [--from N] [--seed N] [--mb SIZE] [-o FILE]
//
// ALLIANCES alliances of the CAST jurisdiction, each with MEMBERS member organisations (drawn from
// one shared pool of national societies, universities, institutes and enterprises) and YEARS
// years of records ending in 2025: per year two presidium meetings with agenda, invitees,
// decisions and signed, distributed minutes; an annual plan reviewed and filed; a ledger of about
// ten balanced transactions over three funds; the fund report; an output with its release; three
// news items; four activities. Bodies (presidium, expert committee, secretariat, one working
// committee) with their posts, one charter, a few members who left. Shape follows the demo
// (tools/demo/make-demo.mjs): valid USCC check characters, real dates, balanced transactions,
// references that resolve. The records are plausible, not compliant: `lianheti check` finds what
// it finds.
//
// --mb SIZE ignores ALLIANCES and writes as many alliances as fit in about SIZE megabytes.
// --from N numbers the alliances (and their people) from N rather than 0: a dataset is at most
// 64 MiB, so a larger register is imported in parts, each part with the same jurisdictions and
// organisations and imported with --replace (which leaves the alliances of other parts alone).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// --- arguments ---------------------------------------------------------------------------------
function usage(msg) {
  if (msg) process.stderr.write(`gen.mjs: ${msg}\n`);
  process.stderr.write('usage: node bench/gen.mjs ALLIANCES MEMBERS YEARS [--from N] [--seed N] [--mb SIZE] [-o FILE]\n');
  process.exit(2);
}
const pos = [];
let seed = 1;
let out = null;
let targetMb = 0;
let FROM = 0;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--seed') seed = Number(process.argv[++i]);
  else if (a === '--mb') targetMb = Number(process.argv[++i]);
  else if (a === '--from') FROM = Number(process.argv[++i]);
  else if (a === '-o') out = process.argv[++i];
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else pos.push(Number(a));
}
if (pos.length !== 3 || !pos.every((n) => Number.isInteger(n))) usage();
let [ALLIANCES, MEMBERS, YEARS] = pos;
if (!Number.isInteger(seed) || seed < 0) usage('--seed takes a non-negative integer');
if (ALLIANCES < 1 || MEMBERS < 3 || YEARS < 1 || YEARS > 30) usage('need ALLIANCES >= 1, MEMBERS >= 3, 1 <= YEARS <= 30');
if (targetMb && !(targetMb > 0)) usage('--mb takes a positive size');
if (!Number.isInteger(FROM) || FROM < 0) usage('--from takes a non-negative integer');
const LAST_YEAR = 2025;
const FIRST_YEAR = LAST_YEAR - YEARS + 1;

// --- deterministic randomness (as tools/demo/make-demo.mjs) -------------------------------------
function mulberry32(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashSeed(s) {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}
function rng(label) {
  const r = mulberry32(hashSeed(`${seed}/${label}`));
  const f = () => r();
  f.int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  f.pick = (arr) => arr[Math.floor(r() * arr.length)];
  return f;
}

// --- dates --------------------------------------------------------------------------------------
const pad = (n, w = 2) => String(n).padStart(w, '0');
const ymd = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const addDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// --- USCC (GB 32100-2015) and the organisation code inside it (GB 11714-1997) -------------------
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccCheckChar(first17) {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += USCC_CHARS.indexOf(first17[i]) * w;
    w = (w * 3) % 31;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}
function orgCodeCheckChar(body8) {
  const W = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    sum += (/[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * W[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}
// Unique by construction: the organisation code's body is the running number n.
function uscc(prefix8, n) {
  const body = String(10000000 + n).slice(-8);
  const s17 = prefix8 + body + orgCodeCheckChar(body);
  return s17 + usccCheckChar(s17);
}

// --- names --------------------------------------------------------------------------------------
const FIELDS = [
  '动物', '植物', '昆虫', '遗传', '生理', '免疫', '微生物', '神经科学', '药理', '生态', '晶体',
  '毒理', '兵工', '航空', '造船', '电子', '计算机', '通信', '自动化', '仪器仪表', '测绘', '气象',
  '海洋', '地质', '地理', '水利', '林业', '农学', '园艺', '土壤', '机械工程', '材料', '金属',
  '化工', '化学', '物理', '力学', '数学', '统计', '能源', '核', '电机工程', '照明', '图象图形',
  '人工智能', '指挥与控制', '环境科学', '水土保持', '草学', '茶叶', '蚕学', '作物', '营养',
];
const QUALIFIERS = ['', '技术', '工程', '科学', '应用', '信息', '基础', '系统'];
const CITIES = ['北京', '上海', '天津', '重庆', '杭州', '南京', '苏州', '武汉', '成都', '西安', '广州', '深圳', '合肥', '长沙', '济南', '青岛', '沈阳', '大连', '哈尔滨', '昆明'];
const WORDS = ['华信', '启元', '恒通', '中科', '远景', '星河', '智联', '宏达', '新创', '卓越', '博源', '天成'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕斌文辉力建国志宏海波晓东雪梅立新振华永胜'.split('');
const TITLES = ['研究员', '教授', '高级工程师', '中国科学院院士', '中国工程院院士', '副研究员', '正高级工程师'];

// The pool every alliance draws its members from: national societies first (they also chair the
// alliances), then universities, institutes and enterprises. Large enough for MEMBERS distinct
// members per alliance, and for variety between alliances.
const POOL = Math.max(MEMBERS + 40, 240);
function poolOrg(i) {
  if (i < FIELDS.length * QUALIFIERS.length && i < POOL * 0.6) {
    const f = FIELDS[i % FIELDS.length], q = QUALIFIERS[Math.floor(i / FIELDS.length)];
    return { key: `ns-${i}`, name: `中国${f}${q}学会`, kind: 'national_society', uscc: uscc('51100000', 50000000 + i) };
  }
  const k = i % 4;
  const c = CITIES[i % CITIES.length], w = WORDS[Math.floor(i / CITIES.length) % WORDS.length];
  if (k === 0) return { key: `univ-${i}`, name: `${c}第${i}科技大学`, kind: 'university', uscc: uscc('12100000', 40000000 + i) };
  if (k === 1) return { key: `inst-${i}`, name: `${c}${w}研究院（${i}）`, kind: 'research_institute', uscc: uscc('12100000', 40100000 + i) };
  if (k === 2) return { key: `soc-${i}`, name: `中国${c}${FIELDS[i % FIELDS.length]}促进会（${i}）`, kind: 'social_org', uscc: uscc('51100000', 50100000 + i) };
  return { key: `ent-${i}`, name: `${c}${w}科技有限公司（${i}）`, kind: 'enterprise', uscc: uscc('91110000', 30000000 + i) };
}
const pool = Array.from({ length: POOL }, (_, i) => poolOrg(i));
const nationalSocieties = pool.filter((o) => o.kind === 'national_society');

// --- the people of alliance n ---------------------------------------------------------------------
// Each alliance has its own people: leaders, secretariat staff, experts. Keys are unique by index.
const PEOPLE_PER_ALLIANCE = 12;
function personName(r) {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r() < 0.6 ? r.pick(GIVEN) : '');
}
function peopleOf(n, memberOrgs) {
  const r = rng(`people/${n}`);
  const out = [];
  for (let j = 0; j < PEOPLE_PER_ALLIANCE; j++) {
    const org = memberOrgs[j % memberOrgs.length];
    const p = { key: `p-${n}-${j}`, name: personName(r), organisation: org.key, title: r.pick(TITLES) };
    if (j % 3 === 0) {
      p.email = `p${n}x${j}@example.org`;
      p.phone = `010-${r.int(60000000, 69999999)}`;
    }
    out.push(p);
  }
  return out;
}

// The members of alliance n: the first three are national societies (the initiators, 第一条), the
// rest a deterministic choice from the pool.
function memberOrgsOf(n) {
  const r = rng(`members/${n}`);
  const chosen = new Set();
  const list = [];
  while (list.length < 3) {
    const o = nationalSocieties[(n * 7 + list.length * 13 + r.int(0, nationalSocieties.length - 1)) % nationalSocieties.length];
    if (!chosen.has(o.key)) chosen.add(o.key), list.push(o);
  }
  let i = r.int(0, POOL - 1);
  while (list.length < MEMBERS) {
    const o = pool[i % POOL];
    if (!chosen.has(o.key)) chosen.add(o.key), list.push(o);
    i += 1 + r.int(0, 3);
  }
  return list;
}

// --- one alliance -------------------------------------------------------------------------------
const ACCOUNTS = [
  { key: 'bank', name: '银行存款', type: 'asset' },
  { key: 'payable', name: '其他应付款', type: 'liability' },
  { key: 'na-unrestricted', name: '非限定性净资产', type: 'net_assets' },
  { key: 'income-dues', name: '会费收入', type: 'income' },
  { key: 'income-grant', name: '政府补助收入', type: 'income' },
  { key: 'income-service', name: '提供服务收入', type: 'income' },
  { key: 'exp-business', name: '业务活动成本', type: 'expense' },
  { key: 'exp-admin', name: '管理费用', type: 'expense' },
];
const TASKS = [
  ['think_tank', 'research_project', '专题研究'],
  ['academic', 'conference', '学术研讨会'],
  ['innovation', 'innovation_programme', '协同创新项目'],
  ['talent', 'young_talent', '青年人才托举'],
  ['reform', 'other', '学会改革交流'],
];

function alliance(n) {
  const r = rng(`alliance/${n}`);
  const orgs = memberOrgsOf(n);
  const people = peopleOf(n, orgs);
  const P = (j) => people[j].key;
  const field = FIELDS[n % FIELDS.length];
  const name = `中国科协${field}学会联合体（第${n + 1}号）`;
  const est = ymd(FIRST_YEAR - 1, 3 + (n % 6), 10 + (n % 15));
  const chair = 0, vices = [1, 2], secGen = 3, staff = 4, director = 5, experts = [6, 7], authors = [3, 4], reviewer = 0;
  const initiators = orgs.slice(0, 3).map((o) => o.key);

  // Members: initiators on the day of establishment, the others later; about one in twenty left.
  const members = orgs.map((o, j) => {
    const joined = j < 3 ? est : addDays(est, 30 + ((j * 37 + n) % (YEARS * 300)));
    const m = { organisation: o.key, role: j < 3 ? 'initiator' : 'member', joined_on: joined };
    if (o.kind === 'national_society' && j >= 3) m.join_approved = { date: addDays(joined, -10), by: 'cast' };
    m.charter_ack = { version: 1, date: j < 3 ? est : addDays(joined, -5) };
    if (j >= 3 && j % 20 === 7 && joined < ymd(LAST_YEAR, 6, 1)) {
      m.left_on = ymd(LAST_YEAR, 6, 30);
      if (o.kind === 'national_society') m.leave_approved = { date: ymd(LAST_YEAR, 6, 20), by: 'cast' };
    }
    return m;
  });

  // Meetings: two presidium meetings a year; the first of the first year appoints the secretariat.
  const meetings = [];
  const leaders = [chair, ...vices, 8, secGen, director];
  // The inaugural meeting on the day of establishment appoints the director and the secretary-general.
  meetings.push({
    key: 'pm-0', kind: 'presidium', title: '成立大会暨第一次主席团会议', date: est, status: 'held', chaired_by: P(chair),
    agenda: { proposed_by: P(secGen), approved_by: P(chair), approved_on: addDays(est, -7), items: [{ title: '聘任专家委员会主任和秘书长', major: true }] },
    invitees: leaders.map((j) => ({ person: P(j) })),
    attended: leaders.map(P),
    decisions: [{ key: 'd1', text: '根据主席提名，聘任专家委员会主任和秘书长。', major: true }],
    minutes: { text: `# ${name}成立大会纪要\n`, signed_by: P(chair), signed_on: addDays(est, 3), distributed_to: leaders.map(P), distributed_units: initiators, distributed_on: addDays(est, 6) },
  });
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (const [h, month] of [[1, 3], [2, 11]]) {
      const date = ymd(y, month, 10 + r.int(0, 15));
      const items = [
        { title: `审议${y}年度工作${h === 1 ? '计划' : '总结'}`, major: true },
        { title: '经费使用情况报告', major: false },
      ];
      const attended = leaders.filter((j) => j === chair || r() < 0.9).map(P);
      meetings.push({
        key: `pm-${y}-${h}`,
        kind: 'presidium',
        title: `${y}年度第${h}次主席团会议`,
        date,
        status: 'held',
        chaired_by: P(chair),
        agenda: { proposed_by: P(secGen), approved_by: P(chair), approved_on: addDays(date, -7), items },
        invitees: leaders.map((j) => ({ person: P(j) })),
        attended,
        decisions: [
          { key: 'd1', text: `审议通过${y}年度工作${h === 1 ? '计划' : '总结'}。`, major: true },
          { key: 'd2', text: '同意经费使用情况报告。', major: false },
        ],
        minutes: {
          text: `# ${name}${y}年度第${h}次主席团会议纪要\n\n会议由主席主持，审议了${items.length}项议题。\n`,
          signed_by: P(chair),
          signed_on: addDays(date, 5),
          distributed_to: leaders.map(P),
          distributed_units: initiators,
          distributed_on: addDays(date, 8),
        },
      });
    }
  }
  const appointed = { meeting: 'pm-0', decision: 'd1' };
  const approved = { date: est, by: 'cast' };

  const from = est, to = undefined;
  const post = (person, role, extra = {}) => ({ person: P(person), role, from, ...(to ? { to } : {}), ...extra });
  const bodies = [
    {
      key: 'presidium', kind: 'presidium', name: '主席团',
      posts: [
        post(chair, 'chair', { recommended_by: orgs[0].key, cast_approved: { date: est, by: 'cast' } }),
        ...vices.map((v, i) => post(v, 'vice_chair', { recommended_by: orgs[i + 1].key, cast_approved: { date: est, by: 'cast' } })),
        post(8, 'member', { recommended_by: orgs[0].key }),
      ],
    },
    {
      key: 'experts', kind: 'expert_committee', name: '专家委员会',
      posts: [
        post(director, 'director', { recommended_by: orgs[2].key, nominated_by: P(chair), appointed_at: appointed, cast_approved: approved }),
        ...experts.map((e) => post(e, 'member')),
      ],
    },
    {
      key: 'secretariat', kind: 'secretariat', name: '秘书处',
      posts: [
        post(secGen, 'secretary_general', { recommended_by: orgs[0].key, nominated_by: P(chair), appointed_at: appointed, cast_approved: approved }),
        post(staff, 'staff'),
      ],
    },
    {
      key: 'wc-1', kind: 'working_committee', name: `${field}标准工作委员会`, lead: orgs[1].key,
      participants: orgs.slice(1, 4).map((o) => o.key), task: `${field}团体标准的研制`,
      posts: [post(9, 'head'), post(10, 'member')],
    },
  ];

  const plans = [{
    key: 'dp', kind: 'development', from_year: FIRST_YEAR, to_year: LAST_YEAR + 1, title: `${FIRST_YEAR}—${LAST_YEAR + 1}年发展规划`,
    reviewed_at: 'pm-0', filed: { date: addDays(est, 30), by: 'cast' },
  }];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    plans.push({
      key: `ap-${y}`, kind: 'annual', from_year: y, to_year: y, title: `${y}年度工作计划`,
      reviewed_at: `pm-${y}-1`, filed: { date: ymd(y, 4, 20), by: 'cast', ref: `科协学函〔${y}〕${10 + (n % 80)}号` },
    });
  }

  // Ledger: dues and a grant in, business and administration costs out, over three funds; each
  // transaction balanced. The fund report of each year states what the ledger says.
  const funds = [
    { key: 'general', name: '非限定性资金', restricted: false, purpose: '联合体日常运行' },
    { key: 'research', name: '专题研究专项', restricted: true, purpose: '专题研究，不得用于其他支出' },
    { key: 'forum', name: '学术论坛专项', restricted: true, purpose: '学术论坛的举办' },
  ];
  const transactions = [];
  const fundReports = [];
  let voucher = 0; // numbered from 1 in each year
  const tx = (y, date, memo, fund, debit, credit, fen) => {
    voucher++;
    transactions.push({
      key: `t-${pad(transactions.length + 1, 4)}`, date, memo, voucher: `记-${pad(voucher, 3)}`,
      postings: [
        { account: debit, fund, amount_fen: fen },
        { account: credit, fund, amount_fen: -fen },
      ],
    });
  };
  tx(FIRST_YEAR, ymd(FIRST_YEAR, 1, 2), '期初余额', 'general', 'bank', 'na-unrestricted', r.int(1000, 5000) * 10000);
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    if (y > FIRST_YEAR) voucher = 0;
    const rep = { general: [0, 0], research: [0, 0], forum: [0, 0] };
    const entries = []; // [date, memo, fund, debit, credit, fen], put in date order below
    const dues = MEMBERS * 1000000;
    const grant = r.int(200, 400) * 100000;
    const fees = r.int(50, 150) * 100000;
    entries.push([ymd(y, 3, 15), `收到${MEMBERS}家成员单位${y}年度分摊经费`, 'general', 'bank', 'income-dues', dues]);
    entries.push([ymd(y, 4, 8), `收到中国科协${y}年度专题研究经费`, 'research', 'bank', 'income-grant', grant]);
    entries.push([ymd(y, 9, 20), `收到${y}年学术论坛注册费`, 'forum', 'bank', 'income-service', fees]);
    rep.general[0] += dues;
    rep.research[0] += grant;
    rep.forum[0] += fees;
    for (const [m, d, memo, fund, acct, share] of [
      [5, 12, '专题研究专家咨询费', 'research', 'exp-business', 0.3],
      [6, 26, '秘书处办公费用', 'general', 'exp-admin', 0.1],
      [8, 18, '专题研究调研差旅费', 'research', 'exp-business', 0.3],
      [10, 22, '学术论坛会务费', 'forum', 'exp-business', 0.8],
      [11, 24, '秘书处差旅费用', 'general', 'exp-admin', 0.1],
      [12, 16, '计提专家评审劳务费', 'general', 'exp-business', 0.05],
    ]) {
      const base = fund === 'research' ? grant : fund === 'forum' ? fees : dues;
      const fen = Math.round(base * share);
      const accrued = memo.startsWith('计提');
      entries.push([ymd(y, m, d), accrued ? `${y}年度${memo}` : `${y}年${memo}`, fund, acct, accrued ? 'payable' : 'bank', fen]);
      rep[fund][1] += fen;
    }
    // The ledger in date order (transactions of one day apply in file order).
    entries.sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
    for (const [date, memo, fund, debit, credit, fen] of entries) tx(y, date, memo, fund, debit, credit, fen);
    const byFund = funds.map((f) => ({ fund: f.key, raised_fen: rep[f.key][0], used_fen: rep[f.key][1] }));
    fundReports.push({
      year: y, submitted_on: ymd(y + 1, 1, 20),
      raised_fen: byFund.reduce((s, f) => s + f.raised_fen, 0),
      used_fen: byFund.reduce((s, f) => s + f.used_fen, 0),
      by_fund: byFund,
    });
  }

  const outputs = [];
  const news = [];
  const activities = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    outputs.push({
      key: `out-${y}`, title: `${y}年度${field}领域发展研究报告`, kind: 'report', date: ymd(y, 12, 10),
      releases: [{ by: orgs[0].key, date: ymd(y, 12, 18), kind: 'publish', approved: { date: ymd(y, 12, 12), by: 'chair' } }],
    });
    for (let k = 1; k <= 3; k++) {
      const pub = ymd(y, 2 + k * 3, 5 + k);
      news.push({
        key: `n-${y}-${k}`, title: `联合体${y}年第${k}期工作动态`, author: P(authors[k % 2]), status: 'published',
        published_on: pub, review: { by: P(reviewer), approved_on: addDays(pub, -1) },
        text: `${y}年第${k}期：联合体成员单位围绕${field}领域开展交流合作。\n`,
      });
    }
    for (let k = 0; k < 4; k++) {
      const [task, kind, what] = y === FIRST_YEAR && k === 0 ? ['reform', 'party_organ', '联合体党的工作小组'] : TASKS[(k + y) % TASKS.length];
      activities.push({
        key: `a-${y}-${k + 1}`, task, kind, title: `${y}年${field}${what}`, date: ymd(y, 3 + k * 2, 12 + k),
        participants: orgs.slice(k, k + 3).map((o) => o.key),
      });
    }
  }

  return {
    people,
    record: {
      key: `a-${n}`,
      jurisdiction: 'cast',
      name,
      status: 'active',
      established: { date: est, by: 'standing_committee', ref: `科协发学字〔${est.slice(0, 4)}〕${1 + (n % 90)}号` },
      rotation: { chair: n % 2 === 0, secretariat: false },
      charters: [{
        version: 1, drafted_by: initiators, submitted_on: addDays(est, -30), approved: { date: addDays(est, -7), by: 'cast' },
        text: `# ${name}章程\n\n第一条 本联合体由学科相近的全国学会自愿发起组成。\n`,
      }],
      members,
      bodies,
      meetings,
      plans,
      ledger: { accounts: ACCOUNTS, funds, transactions },
      fund_reports: fundReports,
      outputs,
      news,
      activities,
    },
  };
}

// --- output ---------------------------------------------------------------------------------------
const stream = out ? createWriteStream(out) : process.stdout;
let written = 0;
async function write(s) {
  written += Buffer.byteLength(s);
  if (!stream.write(s)) await once(stream, 'drain');
}
/** JSON in the canonical layout (two spaces), indented by `depth` levels. */
const json = (v, depth) => JSON.stringify(v, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));

// With --mb, how many alliances: measured on the first one (they are all about the same size).
if (targetMb) {
  const a = alliance(0);
  const one = Buffer.byteLength(json(a.record, 2)) + a.people.reduce((s, p) => s + Buffer.byteLength(json(p, 2)) + 6, 0);
  const fixed = pool.reduce((s, o) => s + Buffer.byteLength(json(o, 2)) + 6, 0);
  ALLIANCES = Math.max(1, Math.round((targetMb * 1e6 - fixed) / one));
}

await write('{\n  "format": "lianheti-dataset",\n  "version": 1,\n  "jurisdictions": [\n');
await write(`    ${json({ key: 'cast', name: '中国科学技术协会', short_name: '中国科协' }, 2)}\n  ],\n  "organisations": [\n`);
for (let i = 0; i < pool.length; i++) await write(`    ${json(pool[i], 2)}${i + 1 < pool.length ? ',' : ''}\n`);
await write('  ],\n  "people": [\n');
for (let n = FROM; n < FROM + ALLIANCES; n++) {
  const ps = peopleOf(n, memberOrgsOf(n));
  const last = n + 1 === FROM + ALLIANCES;
  await write(ps.map((p, j) => `    ${json(p, 2)}${last && j + 1 === ps.length ? '' : ','}\n`).join(''));
}
await write('  ],\n  "alliances": [\n');
for (let n = FROM; n < FROM + ALLIANCES; n++) {
  await write(`    ${json(alliance(n).record, 2)}${n + 1 < FROM + ALLIANCES ? ',' : ''}\n`);
}
await write('  ]\n}\n');
if (out) {
  stream.end();
  await once(stream, 'finish');
}
process.stderr.write(`gen.mjs: ${ALLIANCES} alliances x ${MEMBERS} members x ${YEARS} years, ${(written / 1e6).toFixed(1)} MB\n`);
