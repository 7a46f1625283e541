#!/usr/bin/env node
// Generates data/demo.json, the bundled demo dataset (format: /work/shared/spec/dataset.md,
// "lianheti-dataset" version 1). Deterministic: the same script always writes the same bytes.
// No npm dependencies. Run:  node tools/demo/make-demo.mjs
//
// What is real and what is not (see tools/demo/README.md): organisation names of CAST national
// societies and the founding dates / founder lists of the CAST society alliances come from public
// sources (shared/data/README.md); every person, every later event (meetings, posts, plans, money,
// news, activities), every enterprise and research institute except 清华大学, and every USCC except
// the two public examples are fictional. Deliberate breaches of the norms are marked "BREACH".

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, '..', '..', 'data', 'demo.json');

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
function mulberry32(seed) {
  let a = seed >>> 0;
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
  const r = mulberry32(hashSeed(label));
  const f = () => r();
  f.int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  f.pick = (arr) => arr[Math.floor(r() * arr.length)];
  return f;
}

// ---------------------------------------------------------------------------------------------
// Dates
const D_DATA_END = '2026-11-28'; // nothing is dated after this except planned meetings
const toDate = (s) => new Date(s + 'T00:00:00Z');
const fmt = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => fmt(new Date(toDate(s).getTime() + n * 86400000));
const weekday = (s) => toDate(s).getUTCDay(); // 0 Sunday
/** moves a Saturday or Sunday back to the Friday before */
const wd = (s) => (weekday(s) === 6 ? addDays(s, -1) : weekday(s) === 0 ? addDays(s, -2) : s);
/** moves a Saturday or Sunday forward to the Monday after */
const wdf = (s) => (weekday(s) === 6 ? addDays(s, 2) : weekday(s) === 0 ? addDays(s, 1) : s);
const ymd = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const isRealDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && fmt(toDate(s)) === s;
const maxDate = (a, b) => (a > b ? a : b);

// ---------------------------------------------------------------------------------------------
// Unified social credit code, GB 32100-2015, and the organisation code inside it, GB 11714-1997
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function usccCheckChar(first17) {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]);
    if (v < 0) throw new Error(`bad USCC character ${first17[i]}`);
    sum += v * w;
    w = (w * 3) % 31;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}
export function validUscc(s) {
  return (
    typeof s === 'string' &&
    /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s) &&
    usccCheckChar(s.slice(0, 17)) === s[17]
  );
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
// The two public examples of shared/data/README.md must validate, and so must their
// organisation codes.
assert.ok(validUscc('12100000400000624D'), '清华大学 USCC must validate');
assert.ok(validUscc('51100000500002862F'), '中国自动化学会 USCC must validate');
assert.ok(!validUscc('51100000500002862G'));
assert.equal(orgCodeCheckChar('40000062'), '4');
assert.equal(orgCodeCheckChar('50000286'), '2');

const usedUscc = new Set(['12100000400000624D', '51100000500002862F']);
const usccRng = rng('uscc');
/** prefix8: registering authority + category + region, e.g. 51100000; style: which organisation code. */
function makeUscc(prefix8, style) {
  for (;;) {
    let body;
    if (style === 'society') body = '5000' + String(usccRng.int(1000, 9999));
    else if (style === 'institution') body = '4000' + String(usccRng.int(1000, 9999));
    else if (style === 'local-society') body = '5' + String(usccRng.int(1000000, 9999999));
    else {
      // new-style enterprise codes: MA + 6 characters of the USCC alphabet
      const alpha = USCC_CHARS.slice(0, 10) + 'ABCDEFGHJKLMNPQRTUWXY'.replace(/[IOSVZ]/g, '');
      body = 'MA0';
      for (let i = 0; i < 5; i++) body += alpha[usccRng.int(0, alpha.length - 1)];
    }
    const s17 = prefix8 + body + orgCodeCheckChar(body);
    const code = s17 + usccCheckChar(s17);
    if (!usedUscc.has(code)) {
      usedUscc.add(code);
      assert.ok(validUscc(code), code);
      return code;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Output helpers: canonical member order is the order in which properties are assigned here;
// undefined values are dropped (absent optional values are omitted, never null).
function clean(o) {
  const r = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) r[k] = v;
  return r;
}
const approval = (date, by, ref) => clean({ date, by, ref });

const docNo = new Map();
const docRng = rng('docno');
/** a fictional document number in the GB/T 9704 style, e.g. 科协学函〔2023〕41号 */
function ref(issuer, date) {
  const y = date.slice(0, 4);
  const k = issuer + y;
  const n = (docNo.get(k) ?? docRng.int(3, 20)) + docRng.int(1, 9);
  docNo.set(k, n);
  return `${issuer}〔${y}〕${n}号`;
}

// ---------------------------------------------------------------------------------------------
// Jurisdictions
const jurisdictions = [
  { key: 'cast', name: '中国科学技术协会', short_name: '中国科协' },
  {
    key: 'bjast',
    name: '北京市科学技术协会',
    short_name: '北京市科协',
    parent: 'cast',
    params: { minutes_deadline_days: 20 },
  },
];
const ISSUER = { cast: '科协学函', bjast: '京科协函' };

// ---------------------------------------------------------------------------------------------
// Organisations
const organisations = [];
const orgByKey = new Map();
function org(key, name, kind, { uscc, english } = {}) {
  assert.ok(!orgByKey.has(key), key);
  const o = { key, name, kind, uscc, president: undefined, english_name: english };
  organisations.push(o);
  orgByKey.set(key, o);
  return key;
}
// CAST national societies (names from shared/data/national-societies.csv). USCCs are synthetic
// except 中国自动化学会's, which is the public example.
const NS = [
  // 生命科学学会联合体: the 11 founders named in public sources
  ['zoology', '中国动物学会', 'China Zoological Society'],
  ['botany', '中国植物学会', 'Botanical Society of China'],
  ['entomology', '中国昆虫学会'],
  ['biochem', '中国生物化学与分子生物学会'],
  ['cellbio', '中国细胞生物学学会'],
  ['biophysics', '中国生物物理学会', 'Biophysical Society of China'],
  ['genetics', '中国遗传学会', 'Genetics Society of China'],
  ['biotech', '中国生物工程学会'],
  ['physiology', '中国生理学会'],
  ['bme', '中国生物医学工程学会'],
  ['immunology', '中国免疫学会', 'Chinese Society for Immunology'],
  // later members of the life-science alliance: an illustrative choice (the sources give the
  // number, 22 by 2017, not the names)
  ['microbiology', '中国微生物学会'],
  ['plant-physiology', '中国植物生理与植物分子生物学学会'],
  ['neuroscience', '中国神经科学学会'],
  ['lab-animal', '中国实验动物学会'],
  ['mycology', '中国菌物学会'],
  ['anatomy', '中国解剖学会'],
  ['pharmacology', '中国药理学会'],
  ['pathophysiology', '中国病理生理学会'],
  ['ecology', '中国生态学学会'],
  ['crystallography', '中国晶体学会'],
  ['toxicology', '中国毒理学会'],
  // 军民融合 / 创新融合学会联合体: the 8 societies named in public sources
  ['ordnance', '中国兵工学会'],
  ['aeronautics', '中国航空学会', 'Chinese Society of Aeronautics and Astronautics'],
  ['naval-arch', '中国造船工程学会'],
  ['nuclear', '中国核学会', 'Chinese Nuclear Society'],
  ['astronautics', '中国宇航学会', 'Chinese Society of Astronautics'],
  ['electronics', '中国电子学会', 'Chinese Institute of Electronics'],
  ['instruments', '中国仪器仪表学会'],
  ['composites', '中国复合材料学会'],
  ['inertial', '中国惯性技术学会'],
  ['c2', '中国指挥与控制学会'],
  // 信息科技学会联合体: lead 中国电子学会 (above) and the three other named founders
  ['optics', '中国光学学会', 'Chinese Optical Society'],
  ['space-science', '中国空间科学学会'],
  ['automotive', '中国汽车工程学会', 'China Society of Automotive Engineers'],
  ['automation', '中国自动化学会', 'Chinese Association of Automation'],
  ['image-graphics', '中国图象图形学学会'],
  ['gnss', '中国卫星导航定位协会'],
  // 生态环境产学联合体: the two named national societies, then an illustrative choice
  ['env-science', '中国环境科学学会', 'Chinese Society for Environmental Sciences'],
  ['meteorology', '中国气象学会', 'Chinese Meteorological Society'],
  ['hydraulic', '中国水利学会'],
  ['soil', '中国土壤学会'],
  ['forestry', '中国林学会'],
  ['sustainability', '中国可持续发展研究会'],
];
for (const [key, name, english] of NS) {
  const uscc = key === 'automation' ? '51100000500002862F' : makeUscc('51100000', 'society');
  org(key, name, 'national_society', { uscc, english });
}
// Universities and research institutes (12 = 机构编制 / 事业单位). Only 清华大学 is real.
org('tsinghua', '清华大学', 'university', { uscc: '12100000400000624D', english: 'Tsinghua University' });
org('inst-life-east', '华东生命健康研究院', 'research_institute', { uscc: makeUscc('12310000', 'institution') });
org('inst-materials', '西部先进结构材料研究院', 'research_institute', { uscc: makeUscc('12610000', 'institution') });
org('inst-info', '北方信息技术研究院', 'research_institute', { uscc: makeUscc('12210000', 'institution') });
org('inst-eco', '长江生态环境研究院', 'research_institute', { uscc: makeUscc('12420000', 'institution') });
org('inst-bj-im', '北京数智装备研究院', 'research_institute', { uscc: makeUscc('12110000', 'institution') });
// Enterprises (91 = 市场监管, 企业). All fictional.
org('ent-qiyuan-bio', '苏州启元生物技术有限公司', 'enterprise', { uscc: makeUscc('91320594', 'enterprise') });
org('ent-hengan-pharma', '杭州恒安医药科技有限公司', 'enterprise', { uscc: makeUscc('91330108', 'enterprise') });
org('ent-tianheng-composite', '西安天衡复合材料有限公司', 'enterprise', { uscc: makeUscc('91610131', 'enterprise') });
org('ent-haiyi-nav', '青岛海翼导航装备有限公司', 'enterprise', { uscc: makeUscc('91370212', 'enterprise') });
org('ent-xinlian-chip', '上海芯联微电子有限公司', 'enterprise', { uscc: makeUscc('91310115', 'enterprise') });
org('ent-zhiyun-data', '深圳智云数据科技有限公司', 'enterprise', { uscc: makeUscc('91440300', 'enterprise') });
org('ent-lvyuan-env', '南京绿源环境工程有限公司', 'enterprise', { uscc: makeUscc('91320106', 'enterprise') });
org('ent-qingshui-water', '武汉清水水务科技有限公司', 'enterprise', { uscc: makeUscc('91420100', 'enterprise') });
org('ent-tanhui-energy', '成都碳汇新能源科技有限公司', 'enterprise', { uscc: makeUscc('91510100', 'enterprise') });
org('ent-jingchuang-robot', '北京京创智能装备有限公司', 'enterprise', { uscc: makeUscc('91110108', 'enterprise') });
org('ent-yanqi-motion', '北京雁栖精密传动有限公司', 'enterprise', { uscc: makeUscc('91110116', 'enterprise') });
// A national NGO (社会团体 registered with 民政部, 51100000) — fictional
org('ngo-lvye', '中华绿野生态公益促进会', 'social_org', { uscc: makeUscc('51100000', 'society') });
// Beijing municipal societies: social organisations registered locally (51 + 110000).
org('bj-mes', '北京机械工程学会', 'social_org', { uscc: makeUscc('51110000', 'local-society') });
org('bj-automation', '北京自动化学会', 'social_org', { uscc: makeUscc('51110000', 'local-society') });
org('bj-electronics', '北京电子学会', 'social_org', { uscc: makeUscc('51110000', 'local-society') });

// ---------------------------------------------------------------------------------------------
// People: fictional names
const SURNAMES = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
  ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'],
  ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'],
  ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['袁', 'yuan'], ['潘', 'pan'],
  ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'], ['叶', 'ye'], ['程', 'cheng'],
  ['苏', 'su'], ['魏', 'wei'], ['吕', 'lyu'], ['丁', 'ding'], ['任', 'ren'], ['沈', 'shen'],
  ['姚', 'yao'], ['卢', 'lu'], ['钟', 'zhong'], ['谭', 'tan'], ['范', 'fan'], ['金', 'jin'],
  ['石', 'shi'], ['廖', 'liao'], ['贾', 'jia'], ['夏', 'xia'], ['方', 'fang'], ['白', 'bai'],
  ['邹', 'zou'], ['孟', 'meng'], ['熊', 'xiong'], ['秦', 'qin'], ['邱', 'qiu'], ['薛', 'xue'],
  ['段', 'duan'], ['雷', 'lei'], ['侯', 'hou'], ['龙', 'long'], ['陶', 'tao'], ['贺', 'he'],
  ['顾', 'gu'], ['毛', 'mao'], ['龚', 'gong'], ['邵', 'shao'], ['万', 'wan'], ['严', 'yan'],
  ['戴', 'dai'], ['孔', 'kong'], ['欧阳', 'ouyang'], ['尹', 'yin'], ['常', 'chang'], ['乔', 'qiao'],
];
const GIVEN = [
  ['建', 'jian'], ['国', 'guo'], ['明', 'ming'], ['华', 'hua'], ['志', 'zhi'], ['伟', 'wei'],
  ['文', 'wen'], ['德', 'de'], ['立', 'li'], ['新', 'xin'], ['海', 'hai'], ['宏', 'hong'],
  ['永', 'yong'], ['晓', 'xiao'], ['春', 'chun'], ['玉', 'yu'], ['秀', 'xiu'], ['丽', 'li'],
  ['静', 'jing'], ['敏', 'min'], ['慧', 'hui'], ['婷', 'ting'], ['雪', 'xue'], ['芳', 'fang'],
  ['红', 'hong'], ['艳', 'yan'], ['霞', 'xia'], ['燕', 'yan'], ['强', 'qiang'], ['军', 'jun'],
  ['平', 'ping'], ['刚', 'gang'], ['勇', 'yong'], ['涛', 'tao'], ['斌', 'bin'], ['超', 'chao'],
  ['磊', 'lei'], ['鹏', 'peng'], ['浩', 'hao'], ['宇', 'yu'], ['晨', 'chen'], ['博', 'bo'],
  ['卓', 'zhuo'], ['远', 'yuan'], ['帆', 'fan'], ['然', 'ran'], ['清', 'qing'], ['源', 'yuan'],
  ['泽', 'ze'], ['思', 'si'], ['嘉', 'jia'], ['启', 'qi'], ['瑞', 'rui'], ['安', 'an'],
  ['凯', 'kai'], ['毅', 'yi'], ['峰', 'feng'], ['岩', 'yan'], ['松', 'song'], ['楠', 'nan'],
  ['琳', 'lin'], ['蕾', 'lei'], ['婧', 'jing'], ['璐', 'lu'], ['怡', 'yi'], ['悦', 'yue'],
  ['欣', 'xin'], ['舟', 'zhou'], ['骏', 'jun'], ['翔', 'xiang'], ['振', 'zhen'], ['维', 'wei'],
  ['昊', 'hao'], ['睿', 'rui'], ['钧', 'jun'], ['韬', 'tao'], ['澜', 'lan'], ['彦', 'yan'],
  ['荣', 'rong'], ['成', 'cheng'], ['庆', 'qing'], ['兰', 'lan'], ['珊', 'shan'], ['雯', 'wen'],
];
const people = [];
const personByKey = new Map();
const usedNames = new Set();
const nameRng = rng('names');
let phoneSeq = 1200;
/** a fictional person; contact: also give an email address and a phone number */
function person(orgKey, title, { contact = false } = {}) {
  assert.ok(orgByKey.has(orgKey), orgKey);
  let name;
  let pinyin;
  for (;;) {
    const [s, sp] = nameRng.pick(SURNAMES);
    const g1 = nameRng.pick(GIVEN);
    const two = nameRng() < 0.72;
    const g2 = two ? nameRng.pick(GIVEN) : null;
    if (g2 && g2[0] === g1[0]) continue;
    name = s + g1[0] + (g2 ? g2[0] : '');
    pinyin = [sp, g1[1] + (g2 ? g2[1] : '')];
    if (!usedNames.has(name)) break;
  }
  usedNames.add(name);
  let key = pinyin.join('-');
  for (let i = 2; personByKey.has(key); i++) key = `${pinyin.join('-')}-${i}`;
  const p = {
    key,
    name,
    organisation: orgKey,
    title,
    email: contact ? `${pinyin.join('.')}@example.org` : undefined,
    phone: contact ? `138-0000-${String(phoneSeq++).padStart(4, '0')}` : undefined,
  };
  people.push(p);
  personByKey.set(key, p);
  return key;
}
const PRES_TITLES = ['中国科学院院士', '中国工程院院士', '教授', '研究员', '教授', '中国科学院院士'];
const presRng = rng('presidents');
/** the fictional president (理事长) of an organisation */
function president(orgKey, title) {
  const o = orgByKey.get(orgKey);
  if (o.president) return o.president;
  const k = person(orgKey, title ?? presRng.pick(PRES_TITLES));
  o.president = k;
  return k;
}

// ---------------------------------------------------------------------------------------------
// Alliances
const allianceObjs = [];

class Alliance {
  constructor({ key, jurisdiction, name, established, rotation, lead }) {
    Object.assign(this, { key, jurisdiction, name, established, rotation, lead });
    this.issuer = ISSUER[jurisdiction];
    this.r = rng('alliance:' + key);
    this.charters = [];
    this.members = [];
    this.bodies = [];
    this.meetingSpecs = [];
    this.plans = [];
    this.fundReports = [];
    this.outputs = [];
    this.news = [];
    this.activities = [];
    allianceObjs.push(this);
  }
  // approvals by the jurisdiction's association ("cast" in the dataset, see README)
  cast(date, withRef = true) {
    // one document per day and alliance: approvals given together share their reference
    this.refs ??= new Map();
    if (withRef && !this.refs.has(date)) this.refs.set(date, ref(this.issuer, date));
    return approval(date, 'cast', withRef ? this.refs.get(date) : undefined);
  }
  charter(version, draftedBy, submittedOn, approvedOn, text, withRef = true) {
    this.charters.push(
      clean({
        version,
        drafted_by: draftedBy,
        submitted_on: submittedOn,
        approved: approvedOn ? this.cast(approvedOn, withRef) : undefined,
        text,
      }),
    );
  }
  member(orgKey, role, joinedOn, { approvedOn, ack, leftOn, leaveApprovedOn, refs = true } = {}) {
    const o = orgByKey.get(orgKey);
    assert.ok(o, orgKey);
    const needsApproval = role === 'member' && o.kind === 'national_society';
    if (needsApproval && !approvedOn) approvedOn = wd(addDays(joinedOn, -this.r.int(6, 15)));
    this.members.push(
      clean({
        organisation: orgKey,
        role,
        joined_on: joinedOn,
        join_approved: approvedOn ? this.cast(approvedOn, refs) : undefined,
        charter_ack: ack ? { version: ack[0], date: ack[1] } : undefined,
        left_on: leftOn,
        leave_approved: leaveApprovedOn ? this.cast(leaveApprovedOn) : undefined,
      }),
    );
  }
  isMember(orgKey, d) {
    return this.members.some((m) => m.organisation === orgKey && m.joined_on <= d && (!m.left_on || m.left_on >= d));
  }
  memberOrgs(d) {
    return this.members.filter((m) => m.joined_on <= d && (!m.left_on || m.left_on >= d)).map((m) => m.organisation);
  }
  body(key, kind, name, extra = {}) {
    const { lead, participants, task, task_completed_on, dissolved_on, ...rest } = extra;
    assert.deepEqual(rest, {});
    const b = clean({ key, kind, name, lead, participants, task, task_completed_on, dissolved_on });
    b.posts = [];
    this.bodies.push(b);
    return b;
  }
  bodyOf(kind) {
    return this.bodies.find((b) => b.kind === kind);
  }
  /** o: {to, rec, nom, at: {meeting, decision}, approvedOn} */
  post(bodyKey, personKey, role, from, o = {}) {
    const b = this.bodies.find((x) => x.key === bodyKey);
    assert.ok(b, bodyKey);
    assert.ok(personByKey.has(personKey), personKey);
    if (o.rec) assert.ok(this.isMember(o.rec, from), `${this.key}: ${o.rec} recommends on ${from} but is not a member`);
    b.posts.push(
      clean({
        person: personKey,
        role,
        from,
        to: o.to,
        recommended_by: o.rec,
        nominated_by: o.nom,
        appointed_at: o.at ? { meeting: o.at.meeting, decision: o.at.decision } : undefined,
        cast_approved: o.approvedOn ? this.cast(o.approvedOn, o.refs ?? true) : undefined,
      }),
    );
  }
  postsOn(kind, d, roles) {
    const out = [];
    for (const b of this.bodies.filter((x) => x.kind === kind)) {
      for (const p of b.posts) {
        if (p.from <= d && (!p.to || p.to >= d) && (!roles || roles.includes(p.role))) out.push(p);
      }
    }
    return out;
  }
  chairOrNull(d) {
    const c = this.postsOn('presidium', d, ['chair']);
    return c.length === 1 ? c[0].person : null;
  }
  chairOn(d) {
    const c = this.postsOn('presidium', d, ['chair']);
    assert.equal(c.length, 1, `${this.key}: ${c.length} chairs on ${d}`);
    return c[0].person;
  }
  viceChairsOn(d) {
    return this.postsOn('presidium', d, ['vice_chair']).map((p) => p.person);
  }
  presidiumOn(d) {
    const order = { chair: 0, vice_chair: 1, honorary_chair: 2, member: 3 };
    return uniq(
      this.postsOn('presidium', d)
        .slice()
        .sort((a, b) => order[a.role] - order[b.role])
        .map((p) => p.person),
    );
  }
  /** the units represented in the presidium: where minutes go besides the people */
  presidiumUnitsOn(d) {
    return uniq(this.postsOn('presidium', d).map((p) => p.recommended_by)).filter((o) => this.isMember(o, d));
  }
  sgOn(d) {
    return this.postsOn('secretariat', d, ['secretary_general'])[0]?.person;
  }
  directorOn(d) {
    return this.postsOn('expert_committee', d, ['director'])[0]?.person;
  }
  /** whoever in the secretariat drafts agendas and invitation lists on d */
  proposerOn(d) {
    const s = this.postsOn('secretariat', d, ['staff'])[0] ??
      this.postsOn('secretariat', d, ['deputy_secretary_general'])[0] ??
      this.postsOn('secretariat', d, ['secretary_general'])[0];
    assert.ok(s, `${this.key}: no secretariat on ${d}`);
    return s.person;
  }
  /** opts: {status, items: [[title, major]], delegate, special: {vcs, extra}, absent, minutesDelay, unsigned} */
  meeting(key, kind, title, date, opts = {}) {
    assert.ok(isRealDate(date), date);
    const m = { key, kind, title, date, status: opts.status ?? 'held', decisions: [], ...opts };
    this.meetingSpecs.push(m);
    return m;
  }
  decide(meetingKey, decisionKey, text, major) {
    const m = this.meetingSpecs.find((x) => x.key === meetingKey);
    assert.ok(m, meetingKey);
    m.decisions.push({ key: decisionKey, text, major });
    return { meeting: meetingKey, decision: decisionKey };
  }
  plan(key, kind, fromYear, toYear, title, reviewedAt, filedOn, text) {
    this.plans.push(
      clean({
        key,
        kind,
        from_year: fromYear,
        to_year: toYear,
        title,
        reviewed_at: reviewedAt,
        filed: filedOn ? this.cast(filedOn) : undefined,
        text,
      }),
    );
  }
  output(key, title, kind, date, releases) {
    this.outputs.push({
      key,
      title,
      kind,
      date,
      releases: releases.map((r) =>
        clean({ by: r.by, date: r.date, kind: r.kind, approved: r.approved ? approval(r.approved[0], r.approved[1], r.approved[2]) : undefined }),
      ),
    });
  }
  addNews(key, title, author, status, { published, reviewer, approvedOn, rejectedOn, text } = {}) {
    this.news.push(
      clean({
        key,
        title,
        author,
        status,
        published_on: published,
        review: reviewer ? clean({ by: reviewer, approved_on: approvedOn, rejected_on: rejectedOn }) : undefined,
        text,
      }),
    );
  }
  activity(key, task, kind, title, date, participants) {
    this.activities.push({ key, task, kind, title, date, participants: uniq(participants).slice(0, 4) });
  }

  // -- meetings, finalized once every post exists
  finalizeMeeting(m) {
    const out = { key: m.key, kind: m.kind, title: m.title, date: m.date, status: m.status };
    const proposer = this.proposerOn(m.date);
    const items = (m.items ?? []).map(([title, major]) => ({ title, major: !!major }));
    if (m.status !== 'held') {
      const invited = m.kind === 'presidium' ? this.presidiumOn(m.date) : [];
      out.agenda = { proposed_by: proposer, items };
      out.invitees = invited.map((p) => ({ person: p }));
      out.attended = [];
      out.decisions = [];
      return out;
    }
    const chair = this.chairOn(m.date);
    const chairedBy = m.delegate ?? chair;
    if (m.delegate) assert.ok(this.viceChairsOn(m.date).includes(m.delegate), `${m.key}: delegate is no vice-chair`);
    out.chaired_by = chairedBy;
    if (m.delegate) out.delegated_by = chair;
    // the agenda: proposed by the secretariat, approved by the chair (or the delegate) a week ahead
    let approvedOn = wd(addDays(m.date, -this.r.int(3, 8)));
    if (m.kind === 'presidium') {
      while (this.chairOrNull(approvedOn) !== chair) approvedOn = addDays(approvedOn, 1);
    }
    out.agenda = { proposed_by: proposer, approved_by: chairedBy, approved_on: approvedOn, items };
    let invited;
    if (m.kind === 'presidium') {
      invited = uniq([...this.presidiumOn(m.date), this.sgOn(m.date), ...(m.extra ?? [])]);
    } else {
      const vcs = this.viceChairsOn(m.date).filter((p) => p !== chairedBy);
      const someVcs = vcs.slice(0, m.vcs ?? 1);
      invited = uniq([chairedBy, ...someVcs, this.sgOn(m.date), ...(m.extra ?? [])]);
    }
    invited = invited.filter(Boolean);
    // attendees of special meetings are proposed by the secretariat and confirmed by whoever
    // chairs (第十二条); presidium meetings invite the presidium as a matter of course (第十一条)
    out.invitees = invited.map((p) => (m.kind === 'special' ? { person: p, proposed_by: proposer, confirmed_by: chairedBy } : { person: p }));
    // one or two regrets, never the one in the chair
    const absent = new Set(m.absent ?? []);
    if (!m.absent && invited.length > 6) {
      const cand = invited.filter((p) => p !== chairedBy && p !== chair && p !== this.sgOn(m.date));
      absent.add(cand[this.r.int(0, cand.length - 1)]);
    }
    out.attended = invited.filter((p) => !absent.has(p));
    out.decisions = m.decisions.map((d) => ({ key: d.key, text: d.text, major: !!d.major }));
    // minutes: drafted by the secretariat, signed by the chair, distributed to the presidium and units
    const text = this.minutesText(m, out);
    if (m.unsigned) {
      out.minutes = { text: text.replace('纪要\n', '纪要（草稿，未签发）\n'), distributed_to: [], distributed_units: [] };
      return out;
    }
    let signedOn = addDays(m.date, m.minutesDelay ?? this.r.int(4, 12));
    if (!m.minutesDelay) {
      signedOn = wd(signedOn);
      while (this.chairOrNull(signedOn) !== chair) signedOn = addDays(signedOn, -1);
    }
    assert.ok(signedOn > m.date);
    const signer = this.chairOn(signedOn);
    const distributedOn = wdf(addDays(signedOn, this.r.int(1, 3)));
    out.minutes = {
      text,
      signed_by: signer,
      signed_on: signedOn,
      distributed_to: uniq([...this.presidiumOn(signedOn), this.sgOn(signedOn)]),
      distributed_units: this.presidiumUnitsOn(signedOn),
      distributed_on: distributedOn,
    };
    return out;
  }
  minutesText(m, out) {
    const name = (k) => personByKey.get(k).name;
    const lines = [
      `# ${this.name}${m.title}纪要`,
      '',
      `${m.date.slice(0, 4)}年${Number(m.date.slice(5, 7))}月${Number(m.date.slice(8, 10))}日，${this.name}召开${m.title}。会议由${name(out.chaired_by)}主持，${out.attended.length}人出席。`,
      '',
    ];
    lines.push(out.decisions.length ? `会议审议了${out.agenda.items.length}项议题，形成决定${out.decisions.length}项（见决定事项）。` : '会议听取了有关工作情况汇报，并就下一步工作进行了讨论。');
    return lines.join('\n') + '\n';
  }

  toJSON() {
    const meetings = this.meetingSpecs
      .slice()
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((m) => this.finalizeMeeting(m));
    return clean({
      key: this.key,
      jurisdiction: this.jurisdiction,
      name: this.name,
      status: 'active',
      established: this.established,
      rotation: this.rotation,
      charters: this.charters,
      members: this.members,
      bodies: this.bodies,
      meetings,
      plans: this.plans,
      ledger: this.ledger,
      fund_reports: this.fundReports,
      outputs: byDate(this.outputs, (o) => o.date),
      news: byDate(this.news, (n) => n.published_on ?? n.review?.rejected_on ?? n.review?.approved_on ?? '9999'),
      activities: byDate(this.activities, (x) => x.date),
    });
  }
}
/** a stable sort by a date-valued key */
function byDate(arr, f) {
  return arr.slice().sort((x, y) => (f(x) < f(y) ? -1 : f(x) > f(y) ? 1 : 0));
}
function uniq(a) {
  return [...new Set(a.filter(Boolean))];
}

// ---------------------------------------------------------------------------------------------
// Ledger (《民间非营利组织会计制度》: five classes of accounts; debits positive, credits negative)
const ACCOUNTS = [
  ['bank', '银行存款', 'asset'],
  ['receivable', '其他应收款', 'asset'],
  ['payable', '其他应付款', 'liability'],
  ['na-unrestricted', '非限定性净资产', 'net_assets'],
  ['na-restricted', '限定性净资产', 'net_assets'],
  ['income-dues', '会费收入', 'income'],
  ['income-grant', '政府补助收入', 'income'],
  ['income-donation', '捐赠收入', 'income'],
  ['income-service', '提供服务收入', 'income'],
  ['income-other', '其他收入', 'income'],
  ['exp-business', '业务活动成本', 'expense'],
  ['exp-admin', '管理费用', 'expense'],
];
const ACCOUNT_TYPE = Object.fromEntries(ACCOUNTS.map(([k, , t]) => [k, t]));
const yuan = (n) => Math.round(n * 100); // yuan -> fen

/**
 * cfg: {start, opening (yuan, general fund), duesYuan, restricted: [{key, name, purpose, source,
 *       payer, from, yearly: [lo, hi] yuan, spend: [memo...], share: [lo, hi]}], conference: {month, name},
 *       adminYuan: [lo, hi]}
 */
function buildLedger(a, cfg) {
  const r = rng('ledger:' + a.key);
  const ev = [];
  const tx = (date, memo, postings) => {
    assert.ok(date <= D_DATA_END, date);
    if (date < cfg.start) return; // before the alliance existed

    ev.push({ date, memo, postings });
  };
  const G = 'general';
  const startYear = Number(cfg.start.slice(0, 4));
  if (cfg.opening) {
    tx(cfg.start, '上年结转非限定性净资产（期初余额）', [
      ['bank', G, yuan(cfg.opening)],
      ['na-unrestricted', G, -yuan(cfg.opening)],
    ]);
  }
  const restrictedBalance = Object.fromEntries(cfg.restricted.map((f) => [f.key, 0]));
  for (let y = startYear; y <= 2026; y++) {
    const last = y === 2026 ? 11 : 12; // the data ends in November 2026
    // accrued expenses of the year before are paid in January
    if (ev.some((e) => e.accrual === y - 1)) {
      const acc = ev.find((e) => e.accrual === y - 1);
      tx(wd(ymd(y, 1, r.int(8, 20))), `支付${y - 1}年度计提的专家评审劳务费`, [
        ['payable', G, -acc.postings[1][2]],
        ['bank', G, acc.postings[1][2]],
      ]);
    }
    // dues: the member societies' yearly contributions (分摊经费), a few societies per receipt
    const payers = a.memberOrgs(maxDate(ymd(y, 3, 1), cfg.start)).filter((k) => {
      const kind = orgByKey.get(k).kind;
      return kind === 'national_society' || kind === 'social_org';
    });
    const groups = [];
    for (let i = 0; i < payers.length; i += cfg.duesGroup ?? 4) groups.push(payers.slice(i, i + (cfg.duesGroup ?? 4)));
    const duesMonth = y === startYear ? Math.max(3, Number(cfg.start.slice(5, 7)) + 1) : 3;
    groups.forEach((g, i) => {
      const amount = yuan(cfg.duesYuan * g.length);
      const first = orgByKey.get(g[0]).name;
      tx(wd(ymd(y, duesMonth + Math.floor(i / 2), r.int(3, 26))), g.length > 1 ? `收到${first}等${g.length}家成员单位${y}年度分摊经费` : `收到${first}${y}年度分摊经费`, [
        ['bank', G, amount],
        ['income-dues', G, -amount],
      ]);
    });
    // restricted funds: receipt first, then spending in the year (never more than the balance)
    for (const f of cfg.restricted) {
      if (y < f.from || (f.to && y > f.to)) continue;
      const amount = yuan(r.int(f.yearly[0], f.yearly[1]) * 1000);
      const recvMonth = f.month ?? 4;
      tx(wd(ymd(y, recvMonth, r.int(2, 20))), `收到${f.payer}${y}年度${f.name}经费`, [
        ['bank', f.key, amount],
        [f.source, f.key, -amount],
      ]);
      restrictedBalance[f.key] += amount;
      const n = f.spend.length;
      const months = n === 1 ? [10] : n === 2 ? [7, 10] : [6, 8, 10];
      f.spend.forEach((memo, i) => {
        const m = Math.min(months[i] + (recvMonth > 6 ? 1 : 0), last);
        const share = r.int(f.share?.[0] ?? 25, f.share?.[1] ?? 38) / 100;
        let amt = Math.round((restrictedBalance[f.key] * share) / 100) * 100;
        amt = Math.min(amt, restrictedBalance[f.key]);
        if (amt <= 0) return;
        restrictedBalance[f.key] -= amt;
        tx(wd(ymd(y, m, r.int(5, 25))), `${y}年${memo}`, [
          ['exp-business', f.key, amt],
          ['bank', f.key, -amt],
        ]);
      });
    }
    // the annual conference: registration fees in, costs out
    if (cfg.conference && !(y === 2026 && cfg.conference.month > last)) {
      const cm = cfg.conference.month;
      const fees = yuan(r.int(cfg.conference.fees[0], cfg.conference.fees[1]) * 100);
      const cost = yuan(r.int(cfg.conference.cost[0], cfg.conference.cost[1]) * 100);
      if (y === 2024) {
        tx(wd(ymd(y, cm, r.int(3, 12))), `收到${y}年${cfg.conference.name}注册费`, [
          ['bank', G, fees],
          ['income-service', G, -fees],
        ]);
      }
      tx(wd(ymd(y, cm, r.int(18, 27))), `支付${y}年${cfg.conference.name}会务费`, [
        ['exp-business', G, cost],
        ['bank', G, -cost],
      ]);
    }
    // administration of the secretariat, twice a year
    if (y % 2 === 1 || y === 2026) {
      const amt = yuan(r.int(cfg.adminYuan[0], cfg.adminYuan[1]) * 20);
      tx(wd(ymd(y, 11, r.int(20, 27))), y === 2026 || y === startYear ? `秘书处${y}年度办公及差旅费用` : `秘书处${y - 1}—${y}年度办公及差旅费用`, [
        ['exp-admin', G, amt],
        ['bank', G, -amt],
      ]);
    }
    if (y < 2026) {
      // bank interest in odd years; experts' fees accrued in December of even years, paid in January
      if (y === 2025) {
        const interest = r.int(30000, 180000);
        tx(ymd(y, 12, 21), `${y}年度银行存款利息`, [
          ['bank', G, interest],
          ['income-other', G, -interest],
        ]);
      }
    }
    if (y < 2026 && y % 2 === 0) {
      const fee = yuan(r.int(cfg.accrual?.[0] ?? 18, cfg.accrual?.[1] ?? 60) * 1000);
      tx(wd(ymd(y, 12, r.int(24, 30))), `计提${y}年度专家评审劳务费`, [
        ['exp-business', G, fee],
        ['payable', G, -fee],
      ]);
      ev[ev.length - 1].accrual = y;
    }
  }
  // transactions in date order (stable: the order of creation within a day)
  ev.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const seq = {};
  const transactions = ev.map((e) => {
    const y = e.date.slice(0, 4);
    seq[y] = (seq[y] ?? 0) + 1;
    const n = String(seq[y]).padStart(3, '0');
    const postings = e.postings.map(([account, fund, amount_fen]) => ({ account, fund, amount_fen }));
    assert.equal(postings.reduce((s, p) => s + p.amount_fen, 0), 0);
    return { key: `t-${y}-${n}`, date: e.date, memo: e.memo, voucher: `记-${n}`, postings };
  });
  a.ledger = {
    accounts: ACCOUNTS.map(([key, name, type]) => ({ key, name, type })),
    funds: [
      { key: G, name: '非限定性资金', restricted: false, purpose: '联合体日常运行和一般业务活动' },
      ...cfg.restricted.map((f) => ({ key: f.key, name: f.name, restricted: true, purpose: f.purpose })),
    ],
    transactions,
  };
}
/** the ledger's figures for a year: raised = −Σ income postings, used = Σ expense postings */
function ledgerFigures(ledger, year) {
  const byFund = new Map(ledger.funds.map((f) => [f.key, { fund: f.key, raised_fen: 0, used_fen: 0 }]));
  for (const t of ledger.transactions) {
    if (!t.date.startsWith(String(year))) continue;
    for (const p of t.postings) {
      const type = ACCOUNT_TYPE[p.account];
      if (type === 'income') byFund.get(p.fund).raised_fen -= p.amount_fen;
      if (type === 'expense') byFund.get(p.fund).used_fen += p.amount_fen;
    }
  }
  const funds = [...byFund.values()].filter((f) => f.raised_fen || f.used_fen);
  return {
    raised_fen: funds.reduce((s, f) => s + f.raised_fen, 0),
    used_fen: funds.reduce((s, f) => s + f.used_fen, 0),
    by_fund: funds,
  };
}
function fundReports(a, fromYear, toYear, submitted = {}) {
  for (let y = fromYear; y <= toYear; y++) {
    const f = ledgerFigures(a.ledger, y);
    a.fundReports.push({
      year: y,
      submitted_on: submitted[y] ?? wd(ymd(y + 1, 1, a.r.int(8, 27))),
      raised_fen: f.raised_fen,
      used_fen: f.used_fen,
      by_fund: f.by_fund,
    });
  }
}

// Small text helpers ---------------------------------------------------------------------------
const cn = (d) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
function charterText(a, version, extra) {
  return [
    `# ${a.name}章程${version > 1 ? `（${version === 2 ? '修订' : `第${version}次修订`}）` : ''}`,
    '',
    '## 第一章 总则',
    '',
    `第一条 本联合体名称为${a.name}，是在中国科协领导下，由学科相近、联系密切的全国学会自愿发起组成的非法人合作组织。`,
    '',
    '第二条 本联合体坚持“平等、协作、创新、发展、共享”的基本原则。',
    '',
    '## 第二章 组织机构',
    '',
    '第三条 本联合体设主席团、专家委员会和秘书处。主席团设主席1名、副主席若干名。',
    '',
    extra ?? '第四条 专家委员会主任、副主任和秘书长、副秘书长由主席提名，主席团聘任。',
    '',
    '## 第三章 经费管理',
    '',
    '第五条 本联合体经费实行专账管理、专款专用，每年1月底前将上年度资金筹集及使用情况报中国科协。',
    '',
  ].join('\n');
}
function planText(title, points) {
  return [`# ${title}`, '', ...points.map((p, i) => `${i + 1}. ${p}`), ''].join('\n');
}
function newsText(lead) {
  return `${lead}\n\n（演示数据，人物与活动均为虚构。）\n`;
}

// =============================================================================================
// 1. 中国科协生命科学学会联合体 (founded 2015-10-15; the 11 founders are from public sources)
// =============================================================================================
{
  const a = new Alliance({
    key: 'life',
    jurisdiction: 'cast',
    name: '中国科协生命科学学会联合体',
    established: approval('2015-10-15', 'standing_committee'),
    rotation: { chair: true, secretariat: false },
  });
  const FOUNDERS = ['zoology', 'botany', 'entomology', 'biochem', 'cellbio', 'biophysics', 'genetics', 'biotech', 'physiology', 'bme', 'immunology'];
  const F0 = '2015-10-15';
  a.charter(1, FOUNDERS, '2015-09-14', '2015-10-09', charterText(a, 1), false);
  a.charter(2, FOUNDERS, '2020-12-14', '2020-12-24',
    charterText(a, 2, '第四条 主席实行轮值制，轮值主席由主席团在成员学会理事长中推选，任期一年。专家委员会主任、副主任和秘书长、副秘书长由主席提名，主席团聘任。'));
  for (const o of FOUNDERS) a.member(o, 'initiator', F0, { ack: [1, F0] });
  // later members (illustrative: sources give 22 member societies by 2017, not their names)
  const LATER = [
    ['microbiology', '2016-03-21'], ['plant-physiology', '2016-03-21'], ['neuroscience', '2016-06-13'],
    ['lab-animal', '2016-06-13'], ['mycology', '2016-11-07'], ['anatomy', '2016-11-07'],
    ['pharmacology', '2017-04-17'], ['pathophysiology', '2017-04-17'], ['ecology', '2017-04-17'],
    ['crystallography', '2017-09-18'], ['toxicology', '2017-09-18'],
  ];
  for (const [o, d] of LATER) {
    a.member(o, 'member', d, {
      ack: [1, addDays(d, -35)],
      refs: false,
      ...(o === 'crystallography' ? { leftOn: '2024-01-31', leaveApprovedOn: '2024-01-19' } : {}),
    });
  }
  a.member('ent-qiyuan-bio', 'member', '2022-05-16', { ack: [2, '2022-04-11'] });
  a.member('inst-life-east', 'member', '2023-03-20', { ack: [2, '2023-02-13'] });
  a.member('ent-hengan-pharma', 'member', '2025-04-14', { ack: [2, '2025-03-10'] });

  // presidents of the member societies
  const P = Object.fromEntries([...FOUNDERS, ...LATER.map((x) => x[0])].map((o) => [o, president(o)]));
  const honorary = person('biochem', '中国科学院院士'); // chair of the first presidium
  const presidium = a.body('presidium', 'presidium', '主席团');
  const experts = a.body('experts', 'expert_committee', '专家委员会');
  const secretariat = a.body('secretariat', 'secretariat', '秘书处');
  a.body('wc-academic', 'working_committee', '学术交流工作委员会', {
    lead: 'cellbio',
    participants: ['biophysics', 'genetics', 'biotech', 'neuroscience'],
    task: '统筹生命科学前沿论坛和青年科学家论坛的学术组织工作。',
  });
  a.body('wc-advances', 'working_committee', '十大进展遴选工作委员会', {
    lead: 'biochem',
    participants: ['cellbio', 'genetics', 'immunology', 'physiology'],
    task: '组织“中国生命科学领域十大进展”的推荐、初评和终评。',
  });
  a.body('wc-strategy', 'working_committee', '学科发展战略研究工作组', {
    lead: 'genetics',
    participants: ['zoology', 'botany', 'microbiology'],
    task: '完成生命科学“十四五”学科发展战略研究报告。',
    task_completed_on: '2022-06-30',
    dissolved_on: '2022-07-20',
  });

  // meetings: one presidium meeting every December, plus the final review of the ten advances
  const PM = {};
  for (let y = 2020; y <= 2026; y++) {
    const date = wd(ymd(y, 12, 8 + ((y * 3) % 6)));
    const items = [[`审议${y + 1}年度工作计划`, true], [`推选${y + 1}年度轮值主席`, true], [`${y}年度工作总结和经费使用情况`, false]];
    if (y === 2020) items.unshift(['审议章程修订稿', true], ['第二届主席团、专家委员会和秘书处组成方案', true], ['审议“十四五”发展规划', true]);
    if (y === 2025) items.push(['审议“十五五”发展规划', true]);
    PM[y] = a.meeting(`pm-${y}`, 'presidium', `${y}年度主席团会议${y === 2020 ? '（换届会议）' : ''}`, date, {
      items,
      status: y === 2026 ? 'planned' : 'held',
    });
  }
  const SM = {};
  for (let y = 2021; y <= 2025; y++) {
    const date = wd(ymd(y + 1, 1, 10 + (y % 5) * 2));
    SM[y] = a.meeting(`sm-advances-${y}`, 'special', `${y}年度中国生命科学领域十大进展终评会`, date, {
      items: [[`${y}年度十大进展终评`, false]],
      vcs: 2,
    });
  }

  // posts. Term 1 (2015-10-15 to 2020-12-31), then term 2 with a chair rotating every year.
  const T1END = '2020-12-31';
  const ROT = ['biochem', 'cellbio', 'biophysics', 'genetics', 'physiology', 'immunology']; // 2021..2026
  const t1vcs = ['cellbio', 'biophysics', 'genetics', 'physiology', 'immunology', 'zoology'];
  const t1members = ['biochem', 'botany', 'entomology', 'biotech', 'bme'];
  a.post('presidium', honorary, 'chair', F0, { to: T1END, rec: 'biochem', approvedOn: F0, refs: false });
  for (const o of t1vcs) a.post('presidium', P[o], 'vice_chair', F0, { to: T1END, rec: o, approvedOn: F0, refs: false });
  for (const o of t1members) a.post('presidium', P[o], 'member', F0, { to: T1END, rec: o });
  const t1dir = person('genetics', '中国科学院院士');
  a.post('experts', t1dir, 'director', F0, { to: T1END, rec: 'genetics', nom: honorary, approvedOn: F0, refs: false });
  const t1sg = person('biochem', '研究员');
  a.post('secretariat', t1sg, 'secretary_general', F0, { to: T1END, rec: 'biochem', nom: honorary, approvedOn: F0, refs: false });
  const staff1 = person('biochem', '助理研究员', { contact: true });
  const staff2 = person('biochem', '工程师', { contact: true });
  a.post('secretariat', staff1, 'staff', '2018-03-01');

  // term 2
  const T2 = '2021-01-01';
  const pm2020 = 'pm-2020';
  const dT2 = a.decide(pm2020, 'd1', '选举产生第二届主席团，2021年度轮值主席由中国生物化学与分子生物学会理事长担任，报中国科协批准。', true);
  a.decide(pm2020, 'd2', '审议通过《章程（修订稿）》，实行轮值主席制，报中国科协批准。', true);
  const dExp = a.decide(pm2020, 'd3', '根据主席提名，聘任第二届专家委员会主任、副主任。', true);
  const dSec = a.decide(pm2020, 'd4', '根据主席提名，聘任秘书长、副秘书长。', true);
  a.decide(pm2020, 'd5', '审议通过《“十四五”发展规划（2021—2025年）》，报中国科协备案。', true);
  a.decide(pm2020, 'd6', '审议通过《2021年度工作计划》，报中国科协备案。', true);
  const approveT2 = '2020-12-28';
  a.post('presidium', honorary, 'honorary_chair', T2);
  // rotation: person of ROT[i] is chair in 2021+i and vice-chair otherwise
  const chairDecision = { 2021: dT2 };
  for (let y = 2021; y <= 2025; y++) {
    chairDecision[y + 1] = a.decide(`pm-${y}`, 'd1', `推选${orgByKey.get(ROT[y + 1 - 2021]).name}理事长为${y + 1}年度轮值主席，报中国科协批准。`, true);
  }
  const rotApproval = (y) => (y === 2021 ? approveT2 : wd(ymd(y - 1, 12, 26)));
  ROT.forEach((o, i) => {
    const y = 2021 + i;
    const p = P[o];
    if (i > 0) a.post('presidium', p, 'vice_chair', T2, { to: ymd(y - 1, 12, 31), rec: o, at: dT2, approvedOn: approveT2 });
    a.post('presidium', p, 'chair', ymd(y, 1, 1), { to: y === 2026 ? undefined : ymd(y, 12, 31), rec: o, at: chairDecision[y], approvedOn: rotApproval(y) });
    if (y < 2026) a.post('presidium', p, 'vice_chair', ymd(y + 1, 1, 1), { rec: o, at: chairDecision[y + 1], approvedOn: rotApproval(y + 1) });
  });
  a.post('presidium', P.zoology, 'vice_chair', T2, { rec: 'zoology', at: dT2, approvedOn: approveT2 });
  for (const o of ['botany', 'biotech', 'neuroscience']) a.post('presidium', P[o], 'member', T2, { rec: o, at: dT2 });
  const chair2021 = P.biochem;
  const dir = person('cellbio', '中国科学院院士');
  a.post('experts', dir, 'director', T2, { rec: 'cellbio', nom: chair2021, at: dExp, approvedOn: approveT2 });
  const deps = [['immunology', '中国工程院院士'], ['neuroscience', '中国科学院院士'], ['botany', '教授']].map(([o, t]) => [o, person(o, t)]);
  for (const [o, p] of deps) a.post('experts', p, 'deputy_director', T2, { rec: o, nom: chair2021, at: dExp });
  for (const o of ['zoology', 'physiology', 'microbiology']) {
    a.post('experts', person(o, a.r.pick(['教授', '研究员', '中国科学院院士'])), 'member', T2, { rec: o });
  }
  // 2022: an added deputy director, nominated by the 2022 chair and appointed in December 2022
  const dDep = a.decide('pm-2022', 'd2', '根据主席提名，增聘专家委员会副主任1名。', true);
  const dep4 = person('genetics', '研究员');
  a.post('experts', dep4, 'deputy_director', wd(addDays(PM[2022].date, 3)), { rec: 'genetics', nom: P.cellbio, at: dDep });
  const sg = person('biochem', '研究员', { contact: true });
  a.post('secretariat', t1sg, 'deputy_secretary_general', T2, { rec: 'biochem', nom: chair2021, at: dSec });
  a.post('secretariat', sg, 'secretary_general', T2, { rec: 'biochem', nom: chair2021, at: dSec, approvedOn: approveT2 });
  const dsg2 = person('genetics', '副研究员', { contact: true });
  a.post('secretariat', dsg2, 'deputy_secretary_general', T2, { rec: 'genetics', nom: chair2021, at: dSec });
  a.post('secretariat', staff2, 'staff', '2021-03-01');
  // working committee posts
  a.post('wc-academic', P.cellbio, 'head', '2021-03-15');
  a.post('wc-academic', person('biophysics', '研究员'), 'deputy_head', '2021-03-15');
  a.post('wc-advances', sg, 'head', '2021-03-15');
  a.post('wc-advances', person('immunology', '教授'), 'deputy_head', '2021-03-15');
  a.post('wc-strategy', person('genetics', '研究员'), 'head', '2021-03-15', { to: '2022-07-20' });
  // other decisions
  a.decide('pm-2021', 'd2', '审议通过《2022年度工作计划》，报中国科协备案。', true);
  a.decide('pm-2021', 'd3', '听取2021年度工作总结和经费使用情况报告。', false);
  a.decide('pm-2022', 'd3', '审议通过《2023年度工作计划》，报中国科协备案。', true);
  a.decide('pm-2022', 'd4', '同意华东生命健康研究院加入联合体。', false);
  a.decide('pm-2023', 'd2', '审议通过《2024年度工作计划》，报中国科协备案。', true);
  a.decide('pm-2023', 'd3', '同意中国晶体学会退出联合体的申请，报中国科协批准。', true);
  a.decide('pm-2024', 'd2', '审议通过《2025年度工作计划》，报中国科协备案。', true);
  a.decide('pm-2024', 'd3', '同意杭州恒安医药科技有限公司加入联合体。', false);
  a.decide('pm-2025', 'd2', '审议通过《2026年度工作计划》，报中国科协备案。', true);
  a.decide('pm-2025', 'd3', '审议通过《“十五五”发展规划（2026—2030年）》，报中国科协备案。', true);
  for (let y = 2021; y <= 2025; y++) {
    a.decide(`sm-advances-${y}`, 'd1', `确定${y}年度中国生命科学领域十大进展入选项目，经主席审定后发布。`, false);
  }
  SM[2023].delegate = P.zoology; // the 2024 chair delegated a vice-chair (第十二条)

  // plans
  a.plan('dp-2021-2025', 'development', 2021, 2025, '“十四五”发展规划（2021—2025年）', 'pm-2020', '2021-01-15',
    planText('“十四五”发展规划（2021—2025年）', ['打造生命科学领域高端科技创新智库。', '办好生命科学前沿论坛和青年科学家论坛。', '持续发布中国生命科学领域十大进展。']));
  a.plan('dp-2026-2030', 'development', 2026, 2030, '“十五五”发展规划（2026—2030年）', 'pm-2025', '2026-01-16',
    planText('“十五五”发展规划（2026—2030年）', ['服务生物经济和人口健康等国家战略需求。', '建设跨学科交叉研究平台。', '深化成员学会协同改革。']));
  for (let y = 2021; y <= 2026; y++) {
    a.plan(`ap-${y}`, 'annual', y, y, `${y}年度工作计划`, `pm-${y - 1}`, wd(ymd(y, 1, 14 + (y % 4) * 3)),
      planText(`${y}年度工作计划`, [`组织${y - 1}年度中国生命科学领域十大进展评选和发布。`, `举办${y}年生命科学前沿论坛。`, '开展青年人才托举和科技奖励推荐工作。']));
  }
  // outputs: the ten advances every year; a think-tank report
  for (let y = 2021; y <= 2025; y++) {
    const sm = SM[y];
    const rel = wd(addDays(sm.date, 14));
    const releases = [{ by: 'biochem', date: rel, kind: 'publish', approved: [wd(addDays(sm.date, 6)), 'chair', '主席审定'] }];
    if (y % 2 === 0) releases.push({ by: 'cellbio', date: wd(addDays(rel, 40)), kind: 'use', approved: [wd(addDays(rel, 30)), 'chair', '主席审批'] });
    a.output(`ten-advances-${y}`, `${y}年度中国生命科学领域十大进展`, 'evaluation', rel, releases);
  }
  a.output('rpt-synbio-2023', '合成生物学发展态势与对策研究报告', 'report', '2023-09-22', [
    { by: 'biotech', date: '2023-10-16', kind: 'publish', approved: ['2023-10-09', 'chair', '主席审批'] },
  ]);
  a.output('rpt-brain-2025', '脑科学与类脑研究前沿态势研究报告', 'report', '2025-08-29', [
    { by: 'neuroscience', date: '2025-09-19', kind: 'publish', approved: ['2025-09-12', 'chair', '主席审批'] },
  ]);
  // news
  let n = 0;
  const nk = (y) => `n-${y}-${String(++n).padStart(2, '0')}`;
  for (let y = 2021; y <= 2026; y++) {
    const pm = PM[y - 1];
    const sm = SM[y - 1];
    if (sm) {
      const rel = a.outputs.find((o) => o.key === `ten-advances-${y - 1}`).date;
      a.addNews(nk(y), `${y - 1}年度中国生命科学领域十大进展发布`, staff2 && y > 2021 ? staff2 : staff1, 'published', {
        published: rel, reviewer: sg, approvedOn: addDays(rel, -1),
        text: newsText(`${cn(rel)}，${a.name}发布${y - 1}年度中国生命科学领域十大进展。`),
      });
    }
    if (y <= 2025) {
      const fd = wd(ymd(y, 7, 12 + (y % 3)));
      a.addNews(nk(y), `第${y - 2019}届生命科学青年科学家论坛举办`, staff1, 'published', {
        published: fd, reviewer: dsg2, approvedOn: addDays(fd, -1),
        text: newsText(`${cn(fd)}，第${y - 2019}届生命科学青年科学家论坛举办，青年学者围绕前沿问题作报告。`),
      });
      const pmd = PM[y].date;
      const pd = wd(addDays(pmd, 3));
      if (y !== 2025) {
        a.addNews(nk(y), `联合体召开${y}年度主席团会议`, staff1, 'published', {
          published: pd, reviewer: sg, approvedOn: addDays(pd, -1),
          text: newsText(`${cn(pmd)}，${a.name}召开${y}年度主席团会议，审议${y + 1}年度工作计划。`),
        });
      } else {
        // BREACH A17.news-not-reviewed: published on the day of the meeting without review
        a.addNews(nk(y), `联合体召开${y}年度主席团会议`, staff2, 'published', {
          published: pmd,
          text: newsText(`${cn(pmd)}，${a.name}召开${y}年度主席团会议，审议“十五五”发展规划。`),
        });
      }
    }
    void pm;
  }
  a.addNews('n-2026-draft-1', '生命科学前沿论坛征文通知', staff2, 'draft', { text: newsText('征文通知草稿。') });
  a.addNews('n-2026-review-1', '2026年生命科学青年科学家论坛综述', staff1, 'in_review', { reviewer: sg, text: newsText('论坛综述，待审核。') });
  a.addNews('n-2024-rejected-1', '某成员单位新品推介', staff2, 'rejected', { reviewer: sg, rejectedOn: '2024-05-08', text: newsText('商业推介内容，不予发布。') });
  // activities
  const members = (y) => a.memberOrgs(ymd(y, 6, 30));
  a.activity('party-2021', 'reform', 'party_organ', '成立联合体党的工作小组', '2021-04-16', ['biochem', 'cellbio', 'genetics']);
  for (let y = 2021; y <= 2026; y++) {
    const m = members(y);
    a.activity(`tt-${y}`, 'think_tank', 'tech_evaluation', `${y - 1}年度中国生命科学领域十大进展遴选`, SM[y - 1]?.date ?? ymd(y, 1, 20), ['biochem', 'cellbio', 'genetics', 'immunology']);
    if (y <= 2025) {
      a.activity(`ac-${y}`, 'academic', 'conference', `第${y - 2019}届生命科学青年科学家论坛`, wd(ymd(y, 7, 11 + (y % 3))), ['cellbio', 'biophysics', 'neuroscience', 'genetics']);
      if (y === 2024) a.activity(`ac-front-${y}`, 'academic', 'annual_conference', `${y}年生命科学前沿论坛`, wd(ymd(y, 10, 20)), m.slice(0, 8));
    }
    if (y === 2026) a.activity(`ac-${y}`, 'academic', 'conference', `第${y - 2019}届生命科学青年科学家论坛`, wd(ymd(y, 7, 11 + (y % 3))), ['cellbio', 'biophysics', 'neuroscience', 'genetics']);
    a.activity(`tal-${y}`, 'talent', 'young_talent', `${y}年度青年人才托举工程项目推荐`, wd(ymd(y, 4, 18)), ['biochem', 'immunology', 'physiology', 'zoology']);
    if (y === 2023) a.activity(`aw-${y}`, 'talent', 'award_recommendation', `${y}年度国家科学技术奖提名推荐`, wd(ymd(y, 3, 10)), ['genetics', 'botany', 'biophysics']);
    a.activity(`inn-${y}`, 'innovation', y % 2 ? 'innovation_programme' : 'innovation_community',
      y % 2 ? `${y}年创新驱动助力工程生物医药专场对接` : `${y}年生物医药产业协同创新共同体推进会`, wd(ymd(y, 5, 22)), uniq(['biotech', 'bme', 'pharmacology', ...m.filter((k) => orgByKey.get(k).kind !== 'national_society')]));
    if (y % 2 === 1 && y > 2021) a.activity(`party-${y}`, 'reform', 'party_organ', `${y}年度联合体党建工作交流会`, wd(ymd(y, 6, 28)), ['biochem', 'cellbio', 'zoology']);
  }
  a.activity('tt-synbio-2023', 'think_tank', 'research_project', '合成生物学发展态势与对策研究', '2023-03-15', ['biotech', 'biochem', 'microbiology']);

  buildLedger(a, {
    start: '2021-01-01',
    opening: 386520.45,
    duesYuan: 12000,
    duesGroup: 30,
    restricted: [
      { key: 'ten-advances', name: '十大进展遴选专项', purpose: '中国生命科学领域十大进展的推荐、评审和发布，不得用于其他支出', source: 'income-grant', payer: '中国科协', from: 2021, yearly: [280, 360], spend: ['十大进展终评专家咨询费'], share: [82, 94] },
      { key: 'youth-forum', name: '青年科学家论坛专项', purpose: '生命科学青年科学家论坛的举办', source: 'income-donation', payer: '成员单位定向捐赠', from: 2022, yearly: [120, 180], spend: ['青年科学家论坛报告人差旅费'], share: [82, 94], month: 5 },
    ],
    conference: { month: 10, name: '生命科学前沿论坛', fees: [800, 1500], cost: [1200, 2100] },
    adminYuan: [1800, 4200],
  });
  fundReports(a, 2021, 2025);
}

// =============================================================================================
// 2. 中国科协创新融合学会联合体 (founded 2016-06-27 as 军民融合学会联合体; rotating secretariat)
// =============================================================================================
{
  const a = new Alliance({
    key: 'innovation-fusion',
    jurisdiction: 'cast',
    name: '中国科协创新融合学会联合体',
    established: approval('2016-06-27', 'standing_committee'),
    rotation: { chair: false, secretariat: true },
  });
  const INIT = ['ordnance', 'aeronautics', 'naval-arch', 'nuclear', 'astronautics', 'electronics', 'instruments', 'composites'];
  const F0 = '2016-06-27';
  a.charter(1, INIT, '2016-05-30', '2016-06-20', charterText(a, 1).replaceAll(a.name, '中国科协军民融合学会联合体'), false);
  a.charter(2, INIT, '2021-12-20', '2022-01-11',
    charterText(a, 2, '第四条 秘书处实行学会轮值制，轮值学会每年推荐执行秘书长1名，由主席提名，主席团聘任。'));
  for (const o of INIT) a.member(o, 'initiator', F0, { ack: [1, F0] });
  a.member('inertial', 'member', '2021-05-17', { ack: [1, '2021-04-12'] });
  a.member('inst-materials', 'member', '2021-09-13', { ack: [1, '2021-08-16'] });
  a.member('ent-tianheng-composite', 'member', '2022-03-21', { ack: [2, '2022-02-21'] });
  a.member('c2', 'member', '2023-06-19', { ack: [2, '2023-05-15'] });
  a.member('ent-haiyi-nav', 'member', '2024-05-20', { ack: [2, '2024-04-15'] });
  const P = Object.fromEntries([...INIT, 'inertial', 'c2'].map((o) => [o, president(o)]));

  a.body('presidium', 'presidium', '主席团');
  a.body('experts', 'expert_committee', '专家委员会');
  a.body('secretariat', 'secretariat', '秘书处');
  // BREACH A10.working-committee-no-lead: set up without a leading society
  a.body('wc-standards', 'working_committee', '标准化工作委员会', {
    participants: ['instruments', 'composites', 'ent-tianheng-composite', 'inst-materials'],
    task: '研究制定先进复合材料和精密仪器领域团体标准。',
  });
  a.body('wc-think-tank', 'working_committee', '创新融合智库工作委员会', {
    lead: 'electronics',
    participants: ['aeronautics', 'astronautics', 'nuclear'],
    task: '组织创新融合发展重大问题研究，形成年度研究报告。',
  });

  const meetings = [
    ['pm-2021-1', '2021-01-14', '2021年第一次主席团会议', [['审议2021年度工作计划', true], ['审议“十四五”发展规划', true]]],
    ['pm-2021-2', '2021-12-16', '2021年第二次主席团会议（换届会议）', [['第二届主席团组成方案', true], ['审议章程修订稿', true], ['2022年度轮值学会及执行秘书长', true], ['审议2022年度工作计划', true]]],
    ['pm-2022-1', '2022-07-14', '2022年主席团会议', [['上半年工作总结', false], ['同意中国指挥与控制学会加入', true]]],
    ['pm-2023-1', '2023-01-12', '2023年第一次主席团会议', [['2023年度轮值学会及执行秘书长', true], ['审议2023年度工作计划', true]]],
    ['pm-2023-2', '2023-12-14', '2023年第二次主席团会议', [['2024年度轮值学会及执行秘书长', true], ['审议2024年度工作计划', true]]],
    ['pm-2024-1', '2024-07-11', '2024年主席团会议', [['上半年工作总结', false]]],
    ['pm-2025-1', '2025-01-09', '2025年第一次主席团会议', [['2025年度轮值学会及执行秘书长', true], ['审议2025年度工作计划', true]]],
    ['pm-2025-2', '2025-12-11', '2025年第二次主席团会议', [['2026年度轮值学会及执行秘书长', true], ['审议2026年度工作计划', true], ['审议“十五五”发展规划', true]]],
    ['pm-2026-1', '2026-07-09', '2026年主席团会议', [['上半年工作总结', false], ['创新融合发展论坛筹备', false]]],
  ];
  for (const [k, d, t, items] of meetings) a.meeting(k, 'presidium', t, d, { items });
  a.meeting('pm-2026-2', 'presidium', '2026年第二次主席团会议', '2026-12-10', { status: 'planned', items: [['2027年度轮值学会及执行秘书长', true], ['审议2027年度工作计划', true]] });
  a.meeting('sm-standards-2023', 'special', '先进复合材料团体标准研讨专题会议', '2023-06-08', { items: [['标准立项建议', false]], vcs: 1 });
  a.meeting('sm-forum-2024', 'special', '创新融合发展高峰论坛筹备专题会议', '2024-04-18', { items: [['论坛方案', false]] });
  a.meeting('sm-think-tank-2025', 'special', '年度研究报告审稿专题会议', '2025-09-18', { items: [['研究报告审稿', false]] });

  // term 1 (2016-06-27 to 2021-12-31)
  const T1END = '2021-12-31';
  const t1chair = P.ordnance;
  a.post('presidium', t1chair, 'chair', F0, { to: T1END, rec: 'ordnance', approvedOn: F0, refs: false });
  for (const o of INIT.filter((x) => x !== 'ordnance')) a.post('presidium', P[o], 'vice_chair', F0, { to: T1END, rec: o, approvedOn: F0, refs: false });
  const t1dir = person('astronautics', '中国工程院院士');
  a.post('experts', t1dir, 'director', F0, { to: T1END, rec: 'astronautics', nom: t1chair, approvedOn: F0, refs: false });
  const t1sg = person('ordnance', '研究员');
  a.post('secretariat', t1sg, 'secretary_general', F0, { to: T1END, rec: 'ordnance', nom: t1chair, approvedOn: F0, refs: false });
  const staff1 = person('ordnance', '工程师', { contact: true });
  a.post('secretariat', staff1, 'staff', '2019-07-01');
  // term 2 from 2022-01-01
  const T2 = '2022-01-01';
  const appT2 = '2021-12-28';
  const dT2 = a.decide('pm-2021-2', 'd1', '选举产生第二届主席团，中国航空学会理事长任主席，报中国科协批准。', true);
  a.decide('pm-2021-2', 'd2', '审议通过《章程（修订稿）》，秘书处实行学会轮值制，报中国科协批准。', true);
  const dExp = a.decide('pm-2021-2', 'd3', '根据主席提名，聘任第二届专家委员会主任、副主任。', true);
  const chair = P.aeronautics;
  a.post('presidium', chair, 'chair', T2, { rec: 'aeronautics', at: dT2, approvedOn: appT2 });
  for (const o of INIT.filter((x) => x !== 'aeronautics')) a.post('presidium', P[o], 'vice_chair', T2, { rec: o, at: dT2, approvedOn: appT2 });
  a.post('presidium', P.inertial, 'member', T2, { rec: 'inertial', at: dT2 });
  const dC2 = a.decide('pm-2022-1', 'd1', '同意中国指挥与控制学会加入联合体，报中国科协批准。', true);
  a.decide('pm-2022-1', 'd2', '听取上半年工作总结。', false);
  a.post('presidium', P.c2, 'member', '2023-07-01', { rec: 'c2', at: dC2 });
  const dir = person('aeronautics', '中国工程院院士');
  a.post('experts', dir, 'director', T2, { rec: 'aeronautics', nom: chair, at: dExp, approvedOn: appT2 });
  for (const [o, t] of [['nuclear', '中国科学院院士'], ['naval-arch', '中国工程院院士']]) a.post('experts', person(o, t), 'deputy_director', T2, { rec: o, nom: chair, at: dExp });
  for (const o of ['electronics', 'composites']) a.post('experts', person(o, a.r.pick(['研究员', '教授', '中国工程院院士'])), 'member', T2, { rec: o });
  // the rotating executive secretary-general: 2022 电子学会, 2023 仪器仪表学会, 2024 复合材料学会
  // (public sources); 2025 兵工学会 and 2026 航空学会 are fictional continuations
  const rotation = [
    [2022, 'electronics', 'pm-2021-2', T2, appT2],
    [2023, 'instruments', 'pm-2023-1', '2023-02-01', '2023-01-30'],
    [2024, 'composites', 'pm-2023-2', '2024-01-01', '2023-12-27'],
    [2025, 'ordnance', 'pm-2025-1', '2025-02-01', '2025-01-24'],
    [2026, 'aeronautics', 'pm-2025-2', '2026-01-01', '2025-12-26'],
  ];
  rotation.forEach(([y, o, mk, from, app], i) => {
    const d = a.decide(mk, 'd-sg', `确定${orgByKey.get(o).name}为${y}年度轮值学会，根据主席提名聘任其推荐人选为执行秘书长，报中国科协批准。`, true);
    const next = rotation[i + 1];
    const sgp = person(o, a.r.pick(['研究员', '高级工程师', '正高级工程师']), { contact: true });
    a.post('secretariat', sgp, 'secretary_general', from, { to: next ? addDays(next[3], -1) : undefined, rec: o, nom: chair, at: d, approvedOn: app });
  });
  const dsg = person('aeronautics', '研究员', { contact: true });
  const dDsg = a.decide('pm-2021-2', 'd-dsg', '根据主席提名，聘任常务副秘书长。', true);
  a.post('secretariat', dsg, 'deputy_secretary_general', T2, { rec: 'aeronautics', nom: chair, at: dDsg });
  const staff2 = person('aeronautics', '助理研究员', { contact: true });
  a.post('secretariat', staff2, 'staff', '2022-03-01');
  a.post('wc-standards', person('composites', '研究员'), 'head', '2023-07-03');
  a.post('wc-standards', person('ent-tianheng-composite', '正高级工程师'), 'member', '2023-07-03');
  a.post('wc-think-tank', person('electronics', '研究员'), 'head', '2022-03-15');
  a.post('wc-think-tank', person('astronautics', '研究员'), 'deputy_head', '2022-03-15');
  // other decisions
  const plansAt = { 2021: 'pm-2021-1', 2022: 'pm-2021-2', 2023: 'pm-2023-1', 2024: 'pm-2023-2', 2025: 'pm-2025-1', 2026: 'pm-2025-2' };
  for (const [y, mk] of Object.entries(plansAt)) a.decide(mk, `d-plan-${y}`, `审议通过《${y}年度工作计划》，报中国科协备案。`, true);
  a.decide('pm-2021-1', 'd-dp', '审议通过《“十四五”发展规划（2021—2025年）》，报中国科协备案。', true);
  a.decide('pm-2025-2', 'd-dp', '审议通过《“十五五”发展规划（2026—2030年）》，报中国科协备案。', true);
  a.decide('pm-2024-1', 'd1', '听取上半年工作总结，部署创新融合发展高峰论坛筹备工作。', false);
  a.decide('pm-2026-1', 'd1', '听取上半年工作总结，同意创新融合发展高峰论坛方案。', false);
  a.decide('sm-standards-2023', 'd1', '提出3项团体标准立项建议，由标准化工作委员会组织起草。', false);
  a.decide('sm-forum-2024', 'd1', '形成2024年创新融合发展高峰论坛方案。', false);
  a.decide('sm-think-tank-2025', 'd1', '研究报告修改后报主席审定。', false);
  a.meetingSpecs.find((m) => m.key === 'sm-forum-2024').delegate = P.astronautics;
  a.meetingSpecs.find((m) => m.key === 'sm-standards-2023').extra = [P.composites, P.instruments];

  a.plan('dp-2021-2025', 'development', 2021, 2025, '“十四五”发展规划（2021—2025年）', 'pm-2021-1', '2021-02-05',
    planText('“十四五”发展规划（2021—2025年）', ['建设创新融合领域高端智库。', '打造创新融合发展高峰论坛品牌。', '推动先进材料和精密仪器团体标准。']));
  a.plan('dp-2026-2030', 'development', 2026, 2030, '“十五五”发展规划（2026—2030年）', 'pm-2025-2', '2026-01-09',
    planText('“十五五”发展规划（2026—2030年）', ['服务科技自立自强。', '深化产学研协同创新。']));
  for (const [y, mk] of Object.entries(plansAt)) {
    const md = a.meetingSpecs.find((m) => m.key === mk).date;
    a.plan(`ap-${y}`, 'annual', Number(y), Number(y), `${y}年度工作计划`, mk, wd(maxDate(addDays(md, 20), ymd(y, 1, 10))),
      planText(`${y}年度工作计划`, ['召开创新融合发展高峰论坛。', '完成年度创新融合发展研究报告。', '推进团体标准制定。']));
  }
  for (let y = 2021; y <= 2025; y++) {
    const d = wd(ymd(y, 11, 20));
    a.output(`report-${y}`, `${y}年度创新融合发展研究报告`, 'report', d, [
      { by: 'electronics', date: wd(ymd(y, 12, 10)), kind: 'publish', approved: [wd(ymd(y, 12, 3)), 'chair', '主席审定'] },
    ]);
  }
  a.output('std-composite-ndt', '复合材料结构件无损检测技术规范（团体标准草案）', 'standard', '2024-09-27', [
    { by: 'composites', date: '2024-11-15', kind: 'publish', approved: ['2024-11-06', 'presidium', '主席团审议同意'] },
    { by: 'ent-tianheng-composite', date: '2025-03-17', kind: 'use', approved: ['2025-03-06', 'chair', '主席审批'] },
  ]);
  const newsItems = [
    ['2021-01-18', '联合体召开2021年第一次主席团会议', staff1, t1sg],
    ['2021-12-20', '联合体完成换届，第二届主席团产生', staff1, t1sg],
    ['2022-06-24', '2022年创新融合发展高峰论坛举办', staff2, dsg],
    ['2023-06-13', '先进复合材料团体标准研讨会召开', staff2, dsg],
    ['2024-06-21', '2024年创新融合发展高峰论坛举办', staff2, dsg],
    ['2024-11-18', '《复合材料结构件无损检测技术规范》团体标准草案发布', staff1, dsg],
    ['2025-12-16', '联合体召开2025年第二次主席团会议', staff2, dsg],
    ['2026-06-19', '2026年创新融合发展高峰论坛举办', staff2, dsg],
  ];
  newsItems.forEach(([d, t, au, rv], i) => a.addNews(`n-${d.slice(0, 4)}-${i + 1}`, t, au, 'published', { published: d, reviewer: rv, approvedOn: wd(addDays(d, -2)), text: newsText(`${cn(d)}，${t}。`) }));
  a.addNews('n-2026-draft', '2026年度研究报告征集选题通知', staff2, 'draft', { text: newsText('选题通知草稿。') });

  a.activity('party-2022', 'reform', 'party_organ', '联合体党的工作小组成立', '2022-03-24', ['aeronautics', 'ordnance', 'electronics']);
  for (let y = 2021; y <= 2026; y++) {
    const m = a.memberOrgs(ymd(y, 6, 30));
    a.activity(`tt-${y}`, 'think_tank', y % 2 ? 'research_project' : 'research_institute', y % 2 ? `${y}年度创新融合发展重大问题研究` : `${y}年度创新融合研究所学术委员会会议`, wd(ymd(y, 3, 18)), ['electronics', 'aeronautics', 'astronautics']);
    a.activity(`ac-${y}`, 'academic', 'conference', `${y}年创新融合发展高峰论坛`, wd(ymd(y, 6, 17 + (y % 3))), m.slice(0, 9));
    a.activity(`inn-${y}`, 'innovation', y % 2 ? 'innovation_programme' : 'standard', y % 2 ? `${y}年创新驱动助力工程装备制造专场` : `${y}年度团体标准立项与评审`, wd(ymd(y, 9, 15)), ['instruments', 'composites', 'inst-materials', ...m.filter((k) => orgByKey.get(k).kind === 'enterprise')]);
    a.activity(`tal-${y}`, 'talent', y % 2 ? 'talent_recommendation' : 'intl_post_recommendation', y % 2 ? `${y}年度高层次人才举荐` : `${y}年度国际科技组织任职推荐`, wd(ymd(y, 5, 12)), ['aeronautics', 'nuclear', 'naval-arch']);
    if (y === 2024) a.activity(`party-${y}-study`, 'reform', 'party_organ', `${y}年度联合体党建联学活动`, wd(ymd(y, 7, 1)), ['aeronautics', 'ordnance', 'composites']);
  }
  buildLedger(a, {
    start: '2021-01-01',
    opening: 512300.0,
    duesYuan: 30000,
    duesGroup: 30,
    restricted: [
      { key: 'think-tank', name: '智库研究专项', purpose: '创新融合发展重大问题研究和年度研究报告，专款专用', source: 'income-grant', payer: '中国科协', from: 2021, yearly: [300, 420], spend: ['智库课题研究费'], share: [82, 94] },
      { key: 'standards', name: '团体标准专项', purpose: '团体标准的起草、验证和评审', source: 'income-donation', payer: '西安天衡复合材料有限公司定向捐赠', from: 2022, yearly: [80, 150], spend: ['团体标准评审会议费'], share: [82, 94], month: 5 },
    ],
    conference: { month: 6, name: '创新融合发展高峰论坛', fees: [1500, 2600], cost: [1400, 2200] },
    adminYuan: [2200, 5200],
  });
  fundReports(a, 2021, 2025);
  // BREACH A15.fund-report-mismatch: the 2022 report leaves out the experts' fees accrued on
  // the last days of December 2022
  const r22 = a.fundReports.find((f) => f.year === 2022);
  const accrual = a.ledger.transactions.find((t) => t.date.startsWith('2022-12') && t.memo.startsWith('计提'));
  const omitted = accrual.postings[0].amount_fen;
  r22.used_fen -= omitted;
  r22.by_fund.find((f) => f.fund === 'general').used_fen -= omitted;
}

// =============================================================================================
// 3. 中国科协信息科技学会联合体 (founded 2016-07-13, led by 中国电子学会; 15 founders of which 4 named)
// =============================================================================================
{
  const a = new Alliance({
    key: 'info-tech',
    jurisdiction: 'cast',
    name: '中国科协信息科技学会联合体',
    established: approval('2016-07-13', 'standing_committee'),
  });
  const INIT = ['electronics', 'optics', 'space-science', 'automotive'];
  const F0 = '2016-07-13';
  a.charter(1, INIT, '2016-06-20', '2016-07-08', charterText(a, 1), false);
  for (const o of INIT) a.member(o, 'initiator', F0, { ack: [1, F0] });
  a.member('automation', 'member', '2021-04-19', { ack: [1, '2021-03-15'] });
  a.member('tsinghua', 'member', '2021-06-21', { ack: [1, '2021-05-17'] });
  a.member('image-graphics', 'member', '2021-11-22', { ack: [1, '2021-10-18'] });
  a.member('inst-info', 'member', '2022-04-18', { ack: [1, '2022-03-14'] });
  a.member('ent-xinlian-chip', 'member', '2022-09-19', { ack: [1, '2022-08-15'] });
  a.member('gnss', 'member', '2023-05-22', { ack: [1, '2023-04-17'] });
  a.member('ent-zhiyun-data', 'member', '2024-03-18', { ack: [1, '2024-02-19'] });
  const P = Object.fromEntries([...INIT, 'automation', 'image-graphics', 'gnss'].map((o) => [o, president(o)]));

  a.body('presidium', 'presidium', '主席团');
  a.body('experts', 'expert_committee', '专家委员会');
  a.body('secretariat', 'secretariat', '秘书处');
  a.body('wc-conference', 'working_committee', '信息科技前沿大会组织工作委员会', {
    lead: 'electronics', participants: ['optics', 'automation', 'image-graphics', 'tsinghua'], task: '组织信息科技前沿大会。',
  });
  // finished its task in June 2025 but has not been dissolved (A10.working-committee-not-dissolved, info)
  a.body('wc-icv', 'working_committee', '智能网联汽车协同创新工作委员会', {
    lead: 'automotive', participants: ['electronics', 'gnss', 'ent-zhiyun-data'],
    task: '完成智能网联汽车关键技术路线图研究。', task_completed_on: '2025-06-30',
  });

  const meetings = [
    ['pm-2021', '2021-01-21', '2021年度主席团会议', [['审议2021年度工作计划', true], ['审议“十四五”发展规划', true]]],
    ['pm-2022-1', '2022-01-20', '2022年第一次主席团会议', [['审议2022年度工作计划', true]]],
    ['pm-2022-2', '2022-06-16', '2022年第二次主席团会议（换届会议）', [['第二届主席团组成方案', true], ['聘任专家委员会和秘书处负责人', true]]],
    ['pm-2023', '2023-01-12', '2023年度主席团会议', [['审议2023年度工作计划', true]]],
    ['pm-2024', '2024-01-18', '2024年度主席团会议', [['审议2024年度工作计划', true]]],
    ['pm-2025', '2025-01-16', '2025年度主席团会议', [['审议2025年度工作计划', true]]],
    ['pm-2026', '2026-01-15', '2026年度主席团会议', [['审议2026年度工作计划', true], ['审议“十五五”发展规划', true]]],
  ];
  for (const [k, d, t, items] of meetings) a.meeting(k, 'presidium', t, d, { items });
  a.meeting('sm-summit-2023', 'special', '信息科技前沿大会筹备专题会议', '2023-08-17', { items: [['大会方案', false]] });
  a.meeting('sm-chips-2024', 'special', '集成电路产教融合专题研讨会议', '2024-05-16', { items: [['产教融合合作', false]] });
  // BREACH A13.minutes-missing: held in May 2025, minutes still an unsigned draft
  a.meeting('sm-ai-2025', 'special', '人工智能赋能信息科技专题会议', '2025-05-22', { items: [['人工智能重大问题研讨', false]], unsigned: true });
  a.meeting('sm-summit-2026', 'special', '信息科技前沿大会筹备专题会议', '2026-06-11', { items: [['大会方案', false]] });

  const T1END = '2022-06-30';
  const t1chair = person('electronics', '中国工程院院士');
  a.post('presidium', t1chair, 'chair', F0, { to: T1END, rec: 'electronics', approvedOn: F0, refs: false });
  for (const o of ['optics', 'space-science', 'automotive']) a.post('presidium', P[o], 'vice_chair', F0, { to: T1END, rec: o, approvedOn: F0, refs: false });
  a.post('presidium', P.electronics, 'member', F0, { to: T1END, rec: 'electronics' });
  const t1dir = person('optics', '中国科学院院士');
  a.post('experts', t1dir, 'director', F0, { to: T1END, rec: 'optics', nom: t1chair, approvedOn: F0, refs: false });
  const sg = person('electronics', '研究员', { contact: true });
  a.post('secretariat', sg, 'secretary_general', F0, { to: T1END, rec: 'electronics', nom: t1chair, approvedOn: F0, refs: false });
  const staff1 = person('electronics', '工程师', { contact: true });
  a.post('secretariat', staff1, 'staff', '2020-09-01');
  // term 2 from 2022-07-01
  const T2 = '2022-07-01';
  const appT2 = '2022-06-28';
  const dT2 = a.decide('pm-2022-2', 'd1', '选举产生第二届主席团，中国电子学会理事长任主席，报中国科协批准。', true);
  const dExp = a.decide('pm-2022-2', 'd2', '根据主席提名，聘任第二届专家委员会主任、副主任。', true);
  const dSec = a.decide('pm-2022-2', 'd3', '根据主席提名，续聘秘书长，聘任副秘书长。', true);
  const chair = P.electronics;
  a.post('presidium', t1chair, 'honorary_chair', T2, { rec: 'electronics', at: dT2 });
  a.post('presidium', chair, 'chair', T2, { rec: 'electronics', at: dT2, approvedOn: appT2 });
  for (const o of ['optics', 'space-science', 'automotive', 'automation']) a.post('presidium', P[o], 'vice_chair', T2, { rec: o, at: dT2, approvedOn: appT2 });
  // BREACH A07.chair-not-president (warning): 中国图象图形学学会 sent a vice-president, not its president
  const vcNotPresident = person('image-graphics', '教授');
  a.post('presidium', vcNotPresident, 'vice_chair', T2, { rec: 'image-graphics', at: dT2, approvedOn: appT2 });
  const dGnss = a.decide('pm-2024', 'd2', '增补中国卫星导航定位协会理事长为主席团成员。', false);
  a.post('presidium', P.gnss, 'member', '2024-01-18', { rec: 'gnss', at: dGnss });
  const dir = person('tsinghua', '中国科学院院士');
  a.post('experts', t1dir, 'member', T2, { rec: 'optics' });
  a.post('experts', dir, 'director', T2, { rec: 'automation', nom: chair, at: dExp, approvedOn: appT2 });
  for (const [o, t] of [['space-science', '中国科学院院士'], ['automotive', '中国工程院院士'], ['electronics', '中国工程院院士']]) a.post('experts', person(o, t), 'deputy_director', T2, { rec: o, nom: chair, at: dExp });
  for (const o of ['image-graphics', 'tsinghua']) a.post('experts', person(o, a.r.pick(['教授', '研究员', '中国科学院院士'])), 'member', T2, { rec: o === 'inst-info' || o === 'tsinghua' ? 'electronics' : o });
  a.post('secretariat', sg, 'secretary_general', T2, { rec: 'electronics', nom: chair, at: dSec, approvedOn: appT2 });
  const dsg = person('automation', '副研究员', { contact: true });
  a.post('secretariat', dsg, 'deputy_secretary_general', T2, { rec: 'automation', nom: chair, at: dSec });
  const staff2 = person('electronics', '助理工程师', { contact: true });
  a.post('secretariat', staff2, 'staff', '2022-09-01');
  a.post('wc-conference', person('electronics', '研究员'), 'head', '2021-03-01');
  a.post('wc-conference', person('tsinghua', '教授'), 'deputy_head', '2021-03-01');
  a.post('wc-icv', person('automotive', '正高级工程师'), 'head', '2023-02-01');

  const plansAt = { 2021: 'pm-2021', 2022: 'pm-2022-1', 2023: 'pm-2023', 2024: 'pm-2024', 2025: 'pm-2025', 2026: 'pm-2026' };
  for (const [y, mk] of Object.entries(plansAt)) a.decide(mk, `d-plan-${y}`, `审议通过《${y}年度工作计划》，报中国科协备案。`, true);
  a.decide('pm-2021', 'd-dp', '审议通过《“十四五”发展规划（2021—2025年）》，报中国科协备案。', true);
  a.decide('pm-2026', 'd-dp', '审议通过《“十五五”发展规划（2026—2030年）》，报中国科协备案。', true);
  a.decide('pm-2023', 'd-icv', '设立智能网联汽车协同创新工作委员会，由中国汽车工程学会牵头。', false);
  a.decide('sm-summit-2023', 'd1', '确定2023年信息科技前沿大会方案。', false);
  a.decide('sm-chips-2024', 'd1', '推动成员单位开展集成电路产教融合合作。', false);
  a.decide('sm-ai-2025', 'd1', '组织开展人工智能赋能信息科技重大问题研究。', false);
  a.decide('sm-summit-2026', 'd1', '确定2026年信息科技前沿大会方案。', false);
  a.meetingSpecs.find((m) => m.key === 'sm-chips-2024').delegate = P.automation;
  a.meetingSpecs.find((m) => m.key === 'sm-chips-2024').extra = ['tsinghua', 'ent-xinlian-chip'].map((o) => person(o, o === 'tsinghua' ? '教授' : '高级工程师'));

  a.plan('dp-2021-2025', 'development', 2021, 2025, '“十四五”发展规划（2021—2025年）', 'pm-2021', '2021-02-26',
    planText('“十四五”发展规划（2021—2025年）', ['打造信息科技前沿大会品牌。', '开展信息领域重大问题和重大科技评估研究。']));
  a.plan('dp-2026-2030', 'development', 2026, 2030, '“十五五”发展规划（2026—2030年）', 'pm-2026', '2026-02-13',
    planText('“十五五”发展规划（2026—2030年）', ['服务数字中国建设。', '推动人工智能与信息科技交叉融合。']));
  for (const [y, mk] of Object.entries(plansAt)) {
    const md = a.meetingSpecs.find((m) => m.key === mk).date;
    a.plan(`ap-${y}`, 'annual', Number(y), Number(y), `${y}年度工作计划`, mk, wd(addDays(md, 21)),
      planText(`${y}年度工作计划`, ['举办信息科技前沿大会。', '开展年度重大科学问题和工程技术难题征集。', '推进产学研协同创新。']));
  }
  for (let y = 2021; y <= 2025; y++) {
    const d = wd(ymd(y, 11, 6));
    a.output(`frontiers-${y}`, `${y}年信息科技前沿发展研究报告`, 'report', d, [
      { by: 'electronics', date: wd(ymd(y, 12, 1)), kind: 'publish', approved: [wd(ymd(y, 11, 24)), 'chair', '主席审定'] },
    ]);
  }
  a.output('icv-roadmap', '智能网联汽车关键技术路线图研究报告', 'report', '2025-06-20', [
    { by: 'automotive', date: '2025-07-10', kind: 'publish', approved: ['2025-07-02', 'presidium', '主席团通讯审议同意'] },
  ]);
  const newsItems = [
    ['2021-01-25', '联合体召开2021年度主席团会议', staff1, sg],
    ['2021-09-17', '2021信息科技前沿大会开幕', staff1, sg],
    ['2022-06-20', '联合体完成换届', staff1, sg],
    ['2022-09-23', '2022信息科技前沿大会举办', staff2, dsg],
    ['2023-09-22', '2023信息科技前沿大会举办', staff2, dsg],
    ['2024-05-21', '集成电路产教融合专题研讨会召开', staff2, dsg],
    ['2024-09-20', '2024信息科技前沿大会举办', staff1, dsg],
    ['2025-07-14', '《智能网联汽车关键技术路线图研究报告》发布', staff2, sg],
    ['2025-09-19', '2025信息科技前沿大会举办', staff1, dsg],
    ['2026-09-18', '2026信息科技前沿大会举办', staff2, sg],
  ];
  newsItems.forEach(([d, t, au, rv], i) => a.addNews(`n-${d.slice(0, 4)}-${i + 1}`, t, au, 'published', { published: d, reviewer: rv, approvedOn: wd(addDays(d, -1)), text: newsText(`${cn(d)}，${t}。`) }));
  a.addNews('n-2026-review', '2026年度重大科学问题征集结果', staff1, 'in_review', { reviewer: sg, text: newsText('征集结果，待审核。') });

  a.activity('party-2021', 'reform', 'party_organ', '联合体党的工作小组成立', '2021-06-25', ['electronics', 'optics', 'automotive']);
  for (let y = 2021; y <= 2026; y++) {
    const m = a.memberOrgs(ymd(y, 6, 30));
    a.activity(`tt-${y}`, 'think_tank', y % 2 ? 'tech_evaluation' : 'research_project', y % 2 ? `${y}年度信息领域重大科学问题和工程技术难题征集` : `${y}年度信息科技发展战略研究`, wd(ymd(y, 4, 15)), ['electronics', 'optics', 'automation']);
    a.activity(`ac-${y}`, 'academic', 'annual_conference', `${y}信息科技前沿大会`, wd(ymd(y, 9, 16 + (y % 4))), m);
    a.activity(`inn-${y}`, 'innovation', y % 2 ? 'innovation_community' : 'standard', y % 2 ? `${y}年集成电路产业协同创新共同体活动` : `${y}年度信息技术团体标准研制`, wd(ymd(y, 6, 9)), ['electronics', ...m.filter((k) => ['enterprise', 'research_institute', 'university'].includes(orgByKey.get(k).kind))]);
    a.activity(`tal-${y}`, 'talent', y % 2 ? 'young_talent' : 'award_recommendation', y % 2 ? `${y}年度青年人才托举工程项目推荐` : `${y}年度国家科学技术奖提名推荐`, wd(ymd(y, 3, 19)), ['electronics', 'automation', 'optics']);
    if (y === 2025) a.activity(`intl-${y}`, 'academic', 'journal', `${y}年度英文期刊联合编委会`, wd(ymd(y, 11, 12)), ['electronics', 'image-graphics']);
  }
  buildLedger(a, {
    start: '2021-01-01',
    opening: 298640.2,
    duesYuan: 50000,
    duesGroup: 30,
    restricted: [
      { key: 'major-problems', name: '重大问题征集专项', purpose: '信息领域重大科学问题和工程技术难题的征集、评审和发布', source: 'income-grant', payer: '中国科协', from: 2021, yearly: [150, 240], spend: ['重大问题征集专家评审费'], share: [82, 94] },
      { key: 'icv-roadmap', name: '智能网联汽车路线图研究专项', purpose: '智能网联汽车关键技术路线图研究，研究完成后结余按捐赠协议处理', source: 'income-donation', payer: '深圳智云数据科技有限公司定向捐赠', from: 2024, to: 2025, yearly: [200, 260], spend: ['路线图课题研究费'], share: [82, 94], month: 3 },
    ],
    conference: { month: 9, name: '信息科技前沿大会', fees: [1200, 1800], cost: [1500, 2300] },
    adminYuan: [2600, 4800],
  });
  fundReports(a, 2021, 2025);
}

// =============================================================================================
// 4. 中国科协生态环境产学联合体 (founded 2018-09-26; 2 of its 11 societies named in sources)
// =============================================================================================
{
  const a = new Alliance({
    key: 'eco-env',
    jurisdiction: 'cast',
    name: '中国科协生态环境产学联合体',
    established: approval('2018-09-26', 'standing_committee'),
  });
  const INIT = ['env-science', 'meteorology', 'ecology', 'hydraulic', 'soil', 'forestry'];
  const F0 = '2018-09-26';
  a.charter(1, INIT, '2018-08-27', '2018-09-19', charterText(a, 1), false);
  a.charter(2, INIT, '2023-09-18', '2023-10-17', charterText(a, 2, '第四条 企业、科研机构和社会组织可申请成为成员单位。专家委员会主任、副主任和秘书长、副秘书长由主席提名，主席团聘任。'));
  for (const o of INIT) a.member(o, 'initiator', F0, { ack: [1, F0] });
  for (const o of ['inst-eco', 'ent-lvyuan-env', 'ngo-lvye']) a.member(o, 'member', F0, { ack: [1, F0] });
  a.member('ent-qingshui-water', 'member', '2021-05-24', { ack: [1, '2021-04-19'] });
  a.member('ent-tanhui-energy', 'member', '2022-10-24', { ack: [1, '2022-09-19'] });
  a.member('sustainability', 'member', '2024-04-22', { ack: [2, '2024-03-18'] });
  const P = Object.fromEntries([...INIT, 'sustainability'].map((o) => [o, president(o)]));
  president('ngo-lvye', '研究员');

  a.body('presidium', 'presidium', '主席团');
  a.body('experts', 'expert_committee', '专家委员会');
  a.body('secretariat', 'secretariat', '秘书处');
  a.body('wc-carbon', 'working_committee', '碳达峰碳中和工作委员会', {
    lead: 'meteorology', participants: ['env-science', 'forestry', 'ent-tanhui-energy'], task: '组织碳达峰碳中和科技路径研究和科普。',
  });
  a.body('wc-industry', 'working_committee', '产学研合作工作委员会', {
    lead: 'env-science', participants: ['ent-lvyuan-env', 'ent-qingshui-water', 'inst-eco'], task: '推动生态环境技术成果转化和企业技术需求对接。',
  });

  const meetings = [
    ['pm-2021', '2021-02-25', '2021年度主席团会议', [['审议2021年度工作计划', true], ['审议“十四五”发展规划', true]]],
    ['pm-2022', '2022-02-24', '2022年度主席团会议', [['审议2022年度工作计划', true]]],
    ['pm-2023-1', '2023-02-23', '2023年第一次主席团会议', [['审议2023年度工作计划', true]]],
    ['pm-2023-2', '2023-09-14', '2023年第二次主席团会议（换届会议）', [['第二届主席团组成方案', true], ['审议章程修订稿', true]]],
    ['pm-2024', '2024-02-22', '2024年度主席团会议', [['审议2024年度工作计划', true], ['同意中国可持续发展研究会加入', true]]],
    ['pm-2025', '2025-02-20', '2025年度主席团会议', [['审议2025年度工作计划', true]]],
    ['pm-2026', '2026-02-26', '2026年度主席团会议', [['审议2026年度工作计划', true], ['审议“十五五”发展规划', true]]],
  ];
  for (const [k, d, t, items] of meetings) a.meeting(k, 'presidium', t, d, { items });
  const advDate = (y) => wd(ymd(y + 1, 1, 13 + (y % 3) * 2)); // final review of year y's advances
  for (let y = 2023; y <= 2025; y++) {
    a.meeting(`sm-advances-${y}`, 'special', `${y}年度中国生态环境十大科技进展终评会`, advDate(y), { items: [['终评', false]], vcs: 2 });
  }
  a.meeting('sm-carbon-2022', 'special', '碳中和科技路径研讨专题会议', '2022-06-09', { items: [['研究方案', false]] });

  const T1END = '2023-09-30';
  const chair = P['env-science'];
  a.post('presidium', chair, 'chair', F0, { to: T1END, rec: 'env-science', approvedOn: F0, refs: false });
  for (const o of ['meteorology', 'ecology', 'hydraulic']) a.post('presidium', P[o], 'vice_chair', F0, { to: T1END, rec: o, approvedOn: F0, refs: false });
  for (const o of ['soil', 'forestry']) a.post('presidium', P[o], 'member', F0, { to: T1END, rec: o });
  const t1dir = person('ecology', '中国科学院院士');
  a.post('experts', t1dir, 'director', F0, { to: T1END, rec: 'ecology', nom: chair, approvedOn: F0, refs: false });
  const sg = person('env-science', '研究员', { contact: true });
  a.post('secretariat', sg, 'secretary_general', F0, { to: T1END, rec: 'env-science', nom: chair, approvedOn: F0, refs: false });
  const staff1 = person('env-science', '工程师', { contact: true });
  a.post('secretariat', staff1, 'staff', '2019-03-01');
  // term 2 from 2023-10-01
  const T2 = '2023-10-01';
  const appT2 = '2023-09-27';
  const dT2 = a.decide('pm-2023-2', 'd1', '选举产生第二届主席团，中国环境科学学会理事长连任主席，报中国科协批准。', true);
  a.decide('pm-2023-2', 'd2', '审议通过《章程（修订稿）》，报中国科协批准。', true);
  const dExp = a.decide('pm-2023-2', 'd3', '根据主席提名，聘任第二届专家委员会主任、副主任。', true);
  const dSec = a.decide('pm-2023-2', 'd4', '根据主席提名，续聘秘书长，聘任副秘书长。', true);
  a.post('presidium', chair, 'chair', T2, { rec: 'env-science', at: dT2, approvedOn: appT2 });
  for (const o of ['meteorology', 'ecology', 'soil', 'forestry']) a.post('presidium', P[o], 'vice_chair', T2, { rec: o, at: dT2, approvedOn: appT2 });
  a.post('presidium', P.hydraulic, 'member', T2, { rec: 'hydraulic', at: dT2 });
  a.post('presidium', orgByKey.get('ngo-lvye').president, 'member', T2, { rec: 'ngo-lvye', at: dT2 });
  const dSus = a.decide('pm-2024', 'd2', '同意中国可持续发展研究会加入联合体，报中国科协批准；其理事长增补为主席团成员。', true);
  a.post('presidium', P.sustainability, 'member', '2024-04-22', { rec: 'sustainability', at: dSus });
  const dir = person('inst-eco', '中国工程院院士');
  a.post('experts', t1dir, 'member', T2, { rec: 'ecology' });
  a.post('experts', dir, 'director', T2, { rec: 'env-science', nom: chair, at: dExp, approvedOn: appT2 });
  for (const [o, t] of [['meteorology', '中国科学院院士'], ['soil', '研究员']]) a.post('experts', person(o, t), 'deputy_director', T2, { rec: o, nom: chair, at: dExp });
  for (const o of ['hydraulic', 'ent-lvyuan-env']) a.post('experts', person(o, a.r.pick(['研究员', '教授', '正高级工程师'])), 'member', T2, { rec: o.startsWith('ent') || o.startsWith('inst') ? 'env-science' : o });
  a.post('secretariat', sg, 'secretary_general', T2, { rec: 'env-science', nom: chair, at: dSec, approvedOn: appT2 });
  const dsg = person('meteorology', '高级工程师', { contact: true });
  a.post('secretariat', dsg, 'deputy_secretary_general', T2, { rec: 'meteorology', nom: chair, at: dSec });
  a.post('secretariat', person('ent-lvyuan-env', '高级工程师'), 'deputy_secretary_general', T2, { rec: 'env-science', nom: chair, at: dSec });
  a.post('wc-carbon', person('meteorology', '研究员'), 'head', '2021-09-01');
  a.post('wc-carbon', person('ent-tanhui-energy', '高级工程师'), 'member', '2022-11-01');
  a.post('wc-industry', person('env-science', '研究员'), 'head', '2021-03-15');

  const plansAt = { 2021: 'pm-2021', 2022: 'pm-2022', 2023: 'pm-2023-1', 2024: 'pm-2024', 2025: 'pm-2025', 2026: 'pm-2026' };
  for (const [y, mk] of Object.entries(plansAt)) a.decide(mk, `d-plan-${y}`, `审议通过《${y}年度工作计划》，报中国科协备案。`, true);
  a.decide('pm-2021', 'd-dp', '审议通过《“十四五”发展规划（2021—2025年）》，报中国科协备案。', true);
  a.decide('pm-2026', 'd-dp', '审议通过《“十五五”发展规划（2026—2030年）》，报中国科协备案。', true);
  a.decide('pm-2022', 'd-wc', '听取碳达峰碳中和工作委员会工作汇报。', false);
  for (let y = 2023; y <= 2025; y++) a.decide(`sm-advances-${y}`, 'd1', `确定${y}年度中国生态环境十大科技进展入选项目，经主席审定后发布。`, false);
  a.decide('sm-carbon-2022', 'd1', '确定碳中和科技路径研究方案。', false);
  a.meetingSpecs.find((m) => m.key === 'sm-advances-2023').delegate = P.meteorology;

  a.plan('dp-2021-2025', 'development', 2021, 2025, '“十四五”发展规划（2021—2025年）', 'pm-2021', '2021-03-19',
    planText('“十四五”发展规划（2021—2025年）', ['打造生态环境领域产学研合作平台。', '持续发布中国生态环境十大科技进展。']));
  a.plan('dp-2026-2030', 'development', 2026, 2030, '“十五五”发展规划（2026—2030年）', 'pm-2026', '2026-03-20',
    planText('“十五五”发展规划（2026—2030年）', ['服务美丽中国建设和“双碳”目标。']));
  for (const [y, mk] of Object.entries(plansAt)) {
    const md = a.meetingSpecs.find((m) => m.key === mk).date;
    a.plan(`ap-${y}`, 'annual', Number(y), Number(y), `${y}年度工作计划`, mk, wd(addDays(md, 14)),
      planText(`${y}年度工作计划`, [`组织${y - 1}年度中国生态环境十大科技进展评选。`, '召开生态环境产学研合作论坛。']));
  }
  for (let y = 2021; y <= 2025; y++) {
    const rel = wd(addDays(advDate(y), 18));
    const releases = [{ by: 'env-science', date: rel, kind: 'publish', approved: [wd(addDays(advDate(y), 8)), 'chair', '主席审定'] }];
    if (y === 2024) {
      // BREACH A16.release-not-approved: a member enterprise used the results in its own
      // promotion without asking the alliance
      releases.push({ by: 'ent-lvyuan-env', date: '2025-04-08', kind: 'use' });
    }
    if (y === 2022) releases.push({ by: 'meteorology', date: wd(addDays(rel, 45)), kind: 'use', approved: [wd(addDays(rel, 35)), 'chair', '主席审批'] });
    a.output(`ten-advances-${y}`, `${y}年度中国生态环境十大科技进展`, 'evaluation', rel, releases);
  }
  a.output('carbon-paths-2023', '碳中和科技路径研究报告', 'report', '2023-06-30', [
    { by: 'meteorology', date: '2023-07-20', kind: 'publish', approved: ['2023-07-12', 'chair', '主席审批'] },
  ]);
  let i = 0;
  for (const o of a.outputs.filter((x) => x.key.startsWith('ten-advances'))) {
    const d = o.releases[0].date;
    a.addNews(`n-${d.slice(0, 4)}-${++i}`, `${o.title}发布`, staff1, 'published', { published: d, reviewer: sg, approvedOn: wd(addDays(d, -1)), text: newsText(`${cn(d)}，${o.title}发布。`) });
  }
  for (const [d, t] of [['2021-11-12', '2021生态环境产学研合作论坛举办'], ['2022-11-18', '2022生态环境产学研合作论坛举办'], ['2023-09-19', '联合体完成换届'], ['2023-11-17', '2023生态环境产学研合作论坛举办'], ['2024-11-15', '2024生态环境产学研合作论坛举办'], ['2025-11-14', '2025生态环境产学研合作论坛举办'], ['2026-11-13', '2026生态环境产学研合作论坛举办']]) {
    a.addNews(`n-${d.slice(0, 4)}-${++i}`, t, staff1, 'published', { published: d, reviewer: d >= T2 ? dsg : sg, approvedOn: wd(addDays(d, -1)), text: newsText(`${cn(d)}，${t}。`) });
  }
  a.addNews('n-2026-rejected', '成员企业产品宣传稿', staff1, 'rejected', { reviewer: dsg, rejectedOn: '2026-05-12', text: newsText('含商业宣传内容，退回修改。') });

  a.activity('party-2021', 'reform', 'party_organ', '联合体党的工作小组成立', '2021-07-09', ['env-science', 'meteorology', 'ecology']);
  for (let y = 2021; y <= 2026; y++) {
    const m = a.memberOrgs(ymd(y, 6, 30));
    a.activity(`tt-${y}`, 'think_tank', 'tech_evaluation', `${y - 1}年度中国生态环境十大科技进展遴选`, y > 2021 ? advDate(y - 1) : wd(ymd(y, 1, 20)), ['env-science', 'ecology', 'meteorology', 'inst-eco']);
    a.activity(`ac-${y}`, 'academic', 'conference', `${y}生态环境产学研合作论坛`, wd(ymd(y, 11, 12 + (y % 3))), m);
    a.activity(`inn-${y}`, 'innovation', y % 2 ? 'innovation_community' : 'innovation_programme', y % 2 ? `${y}年生态环境产业协同创新共同体对接会` : `${y}年创新驱动助力工程生态环境专场`, wd(ymd(y, 6, 18)), ['env-science', ...m.filter((k) => orgByKey.get(k).kind === 'enterprise')]);
    a.activity(`tal-${y}`, 'talent', y % 2 ? 'young_talent' : 'talent_recommendation', y % 2 ? `${y}年度青年人才托举工程项目推荐` : `${y}年度高层次人才举荐`, wd(ymd(y, 4, 22)), ['env-science', 'soil', 'forestry']);
  }
  a.activity('reform-ngo-2024', 'reform', 'other', '社会组织参与生态环境治理经验交流', '2024-08-22', ['ngo-lvye', 'env-science', 'sustainability']);
  buildLedger(a, {
    start: '2021-01-01',
    opening: 241075.6,
    duesYuan: 40000,
    duesGroup: 30,
    restricted: [
      { key: 'ten-advances', name: '十大科技进展评选专项', purpose: '中国生态环境十大科技进展的征集、评审和发布', source: 'income-grant', payer: '中国科协', from: 2021, yearly: [160, 220], spend: ['十大科技进展终评专家咨询费'], share: [82, 94] },
      { key: 'carbon-study', name: '碳中和科技路径研究专项', purpose: '碳中和科技路径研究，由成员企业定向捐赠', source: 'income-donation', payer: '成都碳汇新能源科技有限公司定向捐赠', from: 2022, to: 2023, yearly: [150, 210], spend: ['碳中和路径课题研究费'], share: [82, 94], month: 3 },
    ],
    conference: { month: 11, name: '生态环境产学研合作论坛', fees: [700, 1100], cost: [1200, 1800] },
    adminYuan: [2000, 4200],
  });
  // BREACH A15.fund-report-late: the 2023 report reached CAST on 26 February 2024
  fundReports(a, 2021, 2025, { 2023: '2024-02-26' });
}

// =============================================================================================
// 5. 北京市科协智能制造学会联合体 (FICTIONAL, under the local jurisdiction bjast)
// =============================================================================================
{
  const a = new Alliance({
    key: 'bj-smart-mfg',
    jurisdiction: 'bjast',
    name: '北京市科协智能制造学会联合体',
    established: approval('2021-06-18', 'standing_committee', '京科协发〔2021〕58号'),
  });
  const INIT = ['bj-mes', 'bj-automation', 'bj-electronics'];
  const F0 = '2021-06-18';
  a.charter(1, INIT, '2021-05-24', '2021-06-10', charterText(a, 1).replace('第五条 本联合体经费实行专账管理、专款专用，每年1月底前将上年度资金筹集及使用情况报中国科协。', '第五条 本联合体经费实行专账管理、专款专用，每年1月底前将上年度资金筹集及使用情况报北京市科协。'));
  for (const o of INIT) a.member(o, 'initiator', F0, { ack: [1, F0] });
  a.member('tsinghua', 'member', F0, { ack: [1, '2021-06-10'] });
  a.member('ent-jingchuang-robot', 'member', F0, { ack: [1, '2021-06-10'] });
  a.member('inst-bj-im', 'member', '2022-03-21', { ack: [1, '2022-02-21'] });
  a.member('ent-yanqi-motion', 'member', '2023-04-17', { ack: [1, '2023-03-20'] });
  const P = Object.fromEntries(INIT.map((o) => [o, president(o, a.r.pick(['教授', '研究员', '正高级工程师']))]));

  a.body('presidium', 'presidium', '主席团');
  a.body('experts', 'expert_committee', '专家委员会');
  a.body('secretariat', 'secretariat', '秘书处');
  a.body('wc-digital-factory', 'working_committee', '数字化车间推进工作委员会', {
    lead: 'bj-mes', participants: ['ent-jingchuang-robot', 'ent-yanqi-motion', 'inst-bj-im'], task: '推动中小企业数字化车间建设和诊断服务。',
  });
  const meetings = [
    ['pm-2021-1', F0, '成立大会暨第一届主席团第一次会议', [['通过章程', true], ['选举主席团，聘任专家委员会和秘书处负责人', true], ['审议发展规划', true]]],
    ['pm-2021-2', '2021-12-09', '第一届主席团第二次会议', [['审议2022年度工作计划', true]]],
    ['pm-2022', '2022-12-08', '第一届主席团第三次会议', [['审议2023年度工作计划', true]]],
    ['pm-2023', '2023-12-07', '第一届主席团第四次会议', [['审议2024年度工作计划', true]]],
    ['pm-2024-1', '2024-06-13', '第一届主席团第五次会议', [['中期工作评估', false]]],
    ['pm-2024-2', '2024-12-12', '第一届主席团第六次会议', [['审议2025年度工作计划', true]]],
    ['pm-2025', '2025-12-11', '第一届主席团第七次会议', [['审议2026年度工作计划', true], ['审议2026—2030年发展规划', true]]],
  ];
  for (const [k, d, t, items] of meetings) a.meeting(k, 'presidium', t, d, { items });
  a.meeting('pm-2026', 'presidium', '第二届主席团第一次会议（换届会议）', '2026-12-10', { status: 'planned', items: [['换届选举', true], ['审议2027年度工作计划', true]] });
  a.meeting('sm-diagnosis-2023', 'special', '中小企业智能制造诊断服务专题会议', '2023-05-11', { items: [['诊断服务方案', false]] });
  a.meeting('sm-talent-2025', 'special', '智能制造工程师培养专题会议', '2025-04-17', { items: [['培养方案', false]] });
  // BREACH A13.minutes-late (warning), visible only through bjast's minutes_deadline_days = 20:
  // signed 25 days after the meeting
  a.meetingSpecs.find((m) => m.key === 'pm-2024-2').minutesDelay = 25;

  const dT1 = a.decide('pm-2021-1', 'd1', '通过《北京市科协智能制造学会联合体章程》。', true);
  const dLead = a.decide('pm-2021-1', 'd2', '选举北京机械工程学会理事长为主席，北京自动化学会、北京电子学会理事长为副主席。', true);
  const dExp = a.decide('pm-2021-1', 'd3', '根据主席提名，聘任专家委员会主任、副主任和秘书长、副秘书长。', true);
  a.decide('pm-2021-1', 'd4', '审议通过《2021—2025年发展规划》，报北京市科协备案。', true);
  void dT1;
  const appLeaders = '2021-06-10'; // approved by 北京市科协 with the establishment
  const chair = P['bj-mes'];
  a.post('presidium', chair, 'chair', F0, { rec: 'bj-mes', at: dLead, approvedOn: appLeaders });
  for (const o of ['bj-automation', 'bj-electronics']) a.post('presidium', P[o], 'vice_chair', F0, { rec: o, at: dLead, approvedOn: appLeaders });
  a.post('presidium', person('tsinghua', '教授'), 'member', F0, { rec: 'bj-mes', at: dLead });
  const dir = person('tsinghua', '中国工程院院士');
  a.post('experts', dir, 'director', F0, { rec: 'bj-automation', nom: chair, at: dExp, approvedOn: appLeaders });
  a.post('experts', person('inst-bj-im', '研究员'), 'deputy_director', '2022-12-09', { rec: 'bj-electronics', nom: chair, at: a.decide('pm-2022', 'd-exp', '根据主席提名，增聘专家委员会副主任1名。', true) });
  a.post('experts', person('bj-mes', '教授'), 'deputy_director', F0, { rec: 'bj-mes', nom: chair, at: dExp });
  for (const o of ['bj-automation', 'bj-electronics', 'ent-jingchuang-robot']) a.post('experts', person(o, a.r.pick(['教授', '正高级工程师', '研究员'])), 'member', F0, { rec: o.startsWith('ent') ? 'bj-mes' : o });
  const sg = person('bj-mes', '高级工程师', { contact: true });
  a.post('secretariat', sg, 'secretary_general', F0, { rec: 'bj-mes', nom: chair, at: dExp, approvedOn: appLeaders });
  const dsg = person('bj-automation', '副研究员', { contact: true });
  a.post('secretariat', dsg, 'deputy_secretary_general', F0, { rec: 'bj-automation', nom: chair, at: dExp });
  const staff = person('bj-mes', '工程师', { contact: true });
  a.post('secretariat', staff, 'staff', F0);
  a.post('wc-digital-factory', person('bj-mes', '正高级工程师'), 'head', '2022-01-10');
  a.post('wc-digital-factory', person('ent-yanqi-motion', '高级工程师'), 'member', '2023-05-15');

  const plansAt = { 2022: 'pm-2021-2', 2023: 'pm-2022', 2024: 'pm-2023', 2025: 'pm-2024-2', 2026: 'pm-2025' };
  for (const [y, mk] of Object.entries(plansAt)) a.decide(mk, `d-plan-${y}`, `审议通过《${y}年度工作计划》，报北京市科协备案。`, true);
  a.decide('pm-2025', 'd-dp', '审议通过《2026—2030年发展规划》，报北京市科协备案。', true);
  a.decide('pm-2024-1', 'd1', '听取中期工作评估报告，调整数字化车间推进工作重点。', false);
  a.decide('sm-diagnosis-2023', 'd1', '确定2023年中小企业智能制造诊断服务方案。', false);
  a.decide('sm-talent-2025', 'd1', '联合高校和企业开展智能制造工程师培养。', false);
  a.meetingSpecs.find((m) => m.key === 'sm-talent-2025').delegate = P['bj-automation'];

  a.plan('dp-2021-2025', 'development', 2021, 2025, '2021—2025年发展规划', 'pm-2021-1', '2021-07-09',
    planText('2021—2025年发展规划', ['服务北京智能制造产业发展。', '建设中小企业智能制造诊断服务平台。']));
  a.plan('dp-2026-2030', 'development', 2026, 2030, '2026—2030年发展规划', 'pm-2025', '2026-01-09',
    planText('2026—2030年发展规划', ['推动人工智能赋能制造业。']));
  for (const [y, mk] of Object.entries(plansAt)) {
    const md = a.meetingSpecs.find((m) => m.key === mk).date;
    a.plan(`ap-${y}`, 'annual', Number(y), Number(y), `${y}年度工作计划`, mk, wd(ymd(Number(y), 1, 12)),
      planText(`${y}年度工作计划`, ['开展中小企业智能制造诊断服务。', '举办北京智能制造学术年会。']));
    void md;
  }
  for (let y = 2022; y <= 2025; y++) {
    a.output(`diagnosis-${y}`, `${y}年北京市中小企业智能制造诊断报告`, 'report', wd(ymd(y, 11, 18)), [
      { by: 'bj-mes', date: wd(ymd(y, 12, 2)), kind: 'publish', approved: [wd(ymd(y, 11, 26)), 'chair', '主席审批'] },
    ]);
  }
  const newsItems = [
    ['2021-06-21', '北京市科协智能制造学会联合体成立', staff, sg],
    ['2022-10-21', '2022北京智能制造学术年会举办', staff, sg],
    ['2023-05-16', '中小企业智能制造诊断服务启动', staff, dsg],
    ['2023-10-20', '2023北京智能制造学术年会举办', staff, sg],
    ['2024-10-18', '2024北京智能制造学术年会举办', staff, dsg],
    ['2025-10-24', '2025北京智能制造学术年会举办', staff, sg],
    ['2026-10-23', '2026北京智能制造学术年会举办', staff, dsg],
  ];
  newsItems.forEach(([d, t, au, rv], i) => a.addNews(`n-${d.slice(0, 4)}-${i + 1}`, t, au, 'published', { published: d, reviewer: rv, approvedOn: wd(addDays(d, -1)), text: newsText(`${cn(d)}，${t}。`) }));
  // no party_organ activity: A05.no-party-organ (info)
  for (let y = 2021; y <= 2026; y++) {
    const m = a.memberOrgs(ymd(y, 6, 30));
    if (y >= 2022) {
      a.activity(`tt-${y}`, 'think_tank', 'tech_evaluation', `${y}年北京市中小企业智能制造诊断评估`, wd(ymd(y, 5, 14)), ['bj-mes', 'inst-bj-im', 'bj-automation']);
      a.activity(`tal-${y}`, 'talent', y % 2 ? 'young_talent' : 'award_recommendation', y % 2 ? `${y}年度北京青年人才托举工程推荐` : `${y}年度北京市科学技术奖提名`, wd(ymd(y, 3, 24)), ['bj-mes', 'bj-automation', 'tsinghua']);
    }
    a.activity(`ac-${y}`, 'academic', 'annual_conference', `${y}北京智能制造学术年会`, wd(ymd(y, 10, 20 + (y % 3))), m);
    a.activity(`inn-${y}`, 'innovation', y % 2 ? 'innovation_community' : 'standard', y % 2 ? `${y}年京津冀智能制造协同创新共同体活动` : `${y}年度智能制造团体标准研制`, wd(ymd(y, 9, 10)), ['bj-mes', 'bj-electronics', ...m.filter((k) => orgByKey.get(k).kind === 'enterprise')]);
  }
  buildLedger(a, {
    start: '2021-06-18',
    duesYuan: 50000,
    accrual: [8, 20],
    restricted: [
      { key: 'diagnosis', name: '诊断服务专项', purpose: '北京市中小企业智能制造诊断服务', source: 'income-grant', payer: '北京市科协', from: 2022, yearly: [120, 180], spend: ['诊断服务专家费'], share: [82, 94] },
    ],
    conference: { month: 10, name: '北京智能制造学术年会', fees: [300, 600], cost: [500, 900] },
    adminYuan: [900, 2200],
  });
  fundReports(a, 2021, 2025);
}

// ---------------------------------------------------------------------------------------------
// Assemble, order and write
const doc = {
  format: 'lianheti-dataset',
  version: 1,
  jurisdictions: jurisdictions.map((j) => clean(j)),
  organisations: organisations.map((o) => clean(o)),
  people: people.map((p) => clean(p)),
  alliances: allianceObjs.map((a) => a.toJSON()),
};
// The canonical form (docs/dataset.md) leaves out empty optional arrays and objects; only the
// four top-level arrays are always written. So `lianheti export` gives this file back byte for byte.
function dropEmpty(value) {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const w = dropEmpty(v);
      if (Array.isArray(w) && w.length === 0) continue;
      if (w && typeof w === 'object' && !Array.isArray(w) && Object.keys(w).length === 0 && k !== 'ledger') continue;
      out[k] = w;
    }
    return out;
  }
  return value;
}
const top = dropEmpty(doc);
for (const k of ['jurisdictions', 'organisations', 'people', 'alliances']) top[k] = top[k] ?? [];
const text = JSON.stringify({ format: top.format, version: top.version, jurisdictions: top.jurisdictions, organisations: top.organisations, people: top.people, alliances: top.alliances }, null, 2) + '\n';
assert.ok(!/\\u[0-9a-fA-F]{4}/.test(text), 'no \\u escapes');
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(`wrote ${OUT}: ${Buffer.byteLength(text)} bytes, ${organisations.length} organisations, ${people.length} people, ${allianceObjs.length} alliances`);
