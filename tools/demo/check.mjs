#!/usr/bin/env node
// Checks data/demo.json:
//  1. against shared/spec/dataset.schema.json with ajv, when ajv can be found (it is not a
//     dependency of the project: install it outside the repository, e.g.
//     `npm install --prefix /tmp/ajvcheck ajv ajv-formats`, and point AJV_DIR at that folder);
//  2. the checks dataset.md leaves to the importer (real dates, USCC check characters, unique
//     keys, references, balanced transactions, one presidium / expert committee / secretariat);
//  3. canonical form (member order, two-space indentation, no \u escapes, no nulls);
//  4. the compliance rules of rules.md, evaluated as of a date (default 2026-11-29), compared with
//     the deliberate breaches listed in EXPECTED below (and in README.md).
// Usage: node tools/demo/check.mjs [--as-of YYYY-MM-DD] [--schema PATH] [--print] [FILE]
// (the schema defaults to ../shared/spec/dataset.schema.json beside the repository)
// Exit status 0 when everything matches, 1 otherwise.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  if (i < 0) return def;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const AS_OF = opt('--as-of', '2026-11-29');
// shared/ lies beside the repository (…/shared/spec/dataset.schema.json)
const SCHEMA = opt('--schema', process.env.LIANHETI_SCHEMA ?? join(HERE, '..', '..', '..', 'shared', 'spec', 'dataset.schema.json'));
const PRINT = args.includes('--print') ? (args.splice(args.indexOf('--print'), 1), true) : false;
const FILE = resolve(args[0] ?? join(HERE, '..', '..', 'data', 'demo.json'));

// The deliberate breaches (and the findings they cause) as of 2026-11-29: "alliance rule subject".
const EXPECTED = [
  'bj-smart-mfg A01.initiator-not-national-society bj-automation',
  'bj-smart-mfg A01.initiator-not-national-society bj-electronics',
  'bj-smart-mfg A01.initiator-not-national-society bj-mes',
  'bj-smart-mfg A04.social-org-not-national bj-automation',
  'bj-smart-mfg A04.social-org-not-national bj-electronics',
  'bj-smart-mfg A04.social-org-not-national bj-mes',
  'bj-smart-mfg A05.no-party-organ bj-smart-mfg',
  'bj-smart-mfg A13.minutes-late pm-2024-2',
  'eco-env A15.fund-report-late 2023',
  'eco-env A16.release-not-approved ten-advances-2024/1',
  'info-tech A07.chair-not-president presidium/VC_NOT_PRESIDENT/vice_chair/2022-07-01',
  'info-tech A10.working-committee-not-dissolved wc-icv',
  'info-tech A13.minutes-missing sm-ai-2025',
  'innovation-fusion A10.working-committee-no-lead wc-standards',
  'innovation-fusion A15.fund-report-mismatch 2022',
  'life A17.news-not-reviewed NEWS_NOT_REVIEWED',
];

// GB 32100-2015 check character (an implementation independent of make-demo.mjs)
const UC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function validUscc(s) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...s.slice(0, 17)].reduce((acc, c, i) => acc + UC.indexOf(c) * W[i], 0);
  return UC[(31 - (sum % 31)) % 31] === s[17];
}
if (!validUscc('12100000400000624D') || !validUscc('51100000500002862F')) throw new Error('USCC check is wrong');

const problems = [];
const problem = (ptr, msg) => problems.push(`${ptr}: ${msg}`);
const raw = readFileSync(FILE, 'utf8');
const doc = JSON.parse(raw);

// ---------------------------------------------------------------------------------------------
// 1. JSON Schema
async function schemaCheck() {
  const dirs = [process.env.AJV_DIR, '/tmp/ajvcheck', HERE].filter(Boolean);
  let Ajv2020 = null;
  let addFormats = null;
  for (const d of dirs) {
    try {
      const req = createRequire(pathToFileURL(join(d, 'package.json')));
      Ajv2020 = req('ajv/dist/2020.js');
      Ajv2020 = Ajv2020.default ?? Ajv2020;
      try {
        addFormats = req('ajv-formats');
        addFormats = addFormats.default ?? addFormats;
      } catch {
        addFormats = null;
      }
      break;
    } catch {
      // try the next folder
    }
  }
  if (!Ajv2020) return 'skipped (ajv not found; set AJV_DIR)';
  if (!existsSync(SCHEMA)) return `skipped (no schema at ${SCHEMA})`;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  if (addFormats) addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  if (validate(doc)) return 'valid';
  for (const e of validate.errors.slice(0, 50)) problem(e.instancePath || '/', `schema: ${e.message}`);
  return `INVALID (${validate.errors.length} errors)`;
}

// ---------------------------------------------------------------------------------------------
// 2. Canonical form
const ORDER = {
  top: ['format', 'version', 'jurisdictions', 'organisations', 'people', 'alliances'],
  jurisdiction: ['key', 'name', 'short_name', 'parent', 'params'],
  organisation: ['key', 'name', 'kind', 'uscc', 'president', 'english_name'],
  person: ['key', 'name', 'organisation', 'title', 'email', 'phone'],
  alliance: ['key', 'jurisdiction', 'name', 'status', 'established', 'dissolved', 'rotation', 'charters', 'members', 'bodies', 'meetings', 'plans', 'ledger', 'fund_reports', 'outputs', 'news', 'activities'],
  approval: ['date', 'by', 'ref'],
  rotation: ['chair', 'secretariat'],
  charter: ['version', 'drafted_by', 'submitted_on', 'approved', 'text'],
  member: ['organisation', 'role', 'joined_on', 'join_approved', 'charter_ack', 'left_on', 'leave_approved'],
  ack: ['version', 'date'],
  body: ['key', 'kind', 'name', 'lead', 'participants', 'task', 'task_completed_on', 'dissolved_on', 'posts'],
  post: ['person', 'role', 'from', 'to', 'recommended_by', 'nominated_by', 'appointed_at', 'cast_approved'],
  appointed: ['meeting', 'decision'],
  meeting: ['key', 'kind', 'title', 'date', 'status', 'chaired_by', 'delegated_by', 'agenda', 'invitees', 'attended', 'decisions', 'minutes'],
  agenda: ['proposed_by', 'approved_by', 'approved_on', 'items'],
  item: ['title', 'major'],
  invitee: ['person', 'proposed_by', 'confirmed_by'],
  decision: ['key', 'text', 'major'],
  minutes: ['text', 'signed_by', 'signed_on', 'distributed_to', 'distributed_units', 'distributed_on'],
  plan: ['key', 'kind', 'from_year', 'to_year', 'title', 'reviewed_at', 'filed', 'text'],
  ledger: ['accounts', 'funds', 'transactions'],
  account: ['key', 'name', 'type'],
  fund: ['key', 'name', 'restricted', 'purpose'],
  transaction: ['key', 'date', 'memo', 'voucher', 'postings'],
  posting: ['account', 'fund', 'amount_fen'],
  fund_report: ['year', 'submitted_on', 'raised_fen', 'used_fen', 'by_fund'],
  by_fund: ['fund', 'raised_fen', 'used_fen'],
  output: ['key', 'title', 'kind', 'date', 'releases'],
  release: ['by', 'date', 'kind', 'approved'],
  news: ['key', 'title', 'author', 'status', 'published_on', 'review', 'text'],
  review: ['by', 'approved_on', 'rejected_on'],
  activity: ['key', 'task', 'kind', 'title', 'date', 'participants'],
};
function order(ptr, obj, kind) {
  if (obj === undefined || obj === null) return;
  const want = ORDER[kind];
  const keys = Object.keys(obj);
  let last = -1;
  for (const k of keys) {
    const i = want.indexOf(k);
    if (i < 0) problem(`${ptr}/${k}`, `unknown field for ${kind}`);
    else if (i < last) problem(`${ptr}/${k}`, `out of canonical order in ${kind}`);
    else last = i;
    if (obj[k] === null) problem(`${ptr}/${k}`, 'null (absent values must be left out)');
  }
}
function canonical() {
  if (raw !== JSON.stringify(doc, null, 2) + '\n') problem('/', 'not in canonical layout (two-space indentation, trailing newline)');
  if (/\\u[0-9a-fA-F]{4}/.test(raw)) problem('/', 'contains \\u escapes');
  order('', doc, 'top');
  doc.jurisdictions.forEach((j, i) => order(`/jurisdictions/${i}`, j, 'jurisdiction'));
  doc.organisations.forEach((o, i) => order(`/organisations/${i}`, o, 'organisation'));
  doc.people.forEach((p, i) => order(`/people/${i}`, p, 'person'));
  doc.alliances.forEach((a, ai) => {
    const P = `/alliances/${ai}`;
    order(P, a, 'alliance');
    for (const k of ['established', 'dissolved']) order(`${P}/${k}`, a[k], 'approval');
    order(`${P}/rotation`, a.rotation, 'rotation');
    (a.charters ?? []).forEach((c, i) => { order(`${P}/charters/${i}`, c, 'charter'); order(`${P}/charters/${i}/approved`, c.approved, 'approval'); });
    (a.members ?? []).forEach((m, i) => {
      order(`${P}/members/${i}`, m, 'member');
      for (const k of ['join_approved', 'leave_approved']) order(`${P}/members/${i}/${k}`, m[k], 'approval');
      order(`${P}/members/${i}/charter_ack`, m.charter_ack, 'ack');
    });
    (a.bodies ?? []).forEach((b, i) => {
      order(`${P}/bodies/${i}`, b, 'body');
      (b.posts ?? []).forEach((p, j) => {
        order(`${P}/bodies/${i}/posts/${j}`, p, 'post');
        order(`${P}/bodies/${i}/posts/${j}/appointed_at`, p.appointed_at, 'appointed');
        order(`${P}/bodies/${i}/posts/${j}/cast_approved`, p.cast_approved, 'approval');
      });
    });
    (a.meetings ?? []).forEach((m, i) => {
      const Q = `${P}/meetings/${i}`;
      order(Q, m, 'meeting');
      order(`${Q}/agenda`, m.agenda, 'agenda');
      (m.agenda?.items ?? []).forEach((x, j) => order(`${Q}/agenda/items/${j}`, x, 'item'));
      (m.invitees ?? []).forEach((x, j) => order(`${Q}/invitees/${j}`, x, 'invitee'));
      (m.decisions ?? []).forEach((x, j) => order(`${Q}/decisions/${j}`, x, 'decision'));
      order(`${Q}/minutes`, m.minutes, 'minutes');
    });
    (a.plans ?? []).forEach((p, i) => { order(`${P}/plans/${i}`, p, 'plan'); order(`${P}/plans/${i}/filed`, p.filed, 'approval'); });
    if (a.ledger) {
      order(`${P}/ledger`, a.ledger, 'ledger');
      a.ledger.accounts.forEach((x, i) => order(`${P}/ledger/accounts/${i}`, x, 'account'));
      a.ledger.funds.forEach((x, i) => order(`${P}/ledger/funds/${i}`, x, 'fund'));
      a.ledger.transactions.forEach((t, i) => {
        order(`${P}/ledger/transactions/${i}`, t, 'transaction');
        t.postings.forEach((x, j) => order(`${P}/ledger/transactions/${i}/postings/${j}`, x, 'posting'));
      });
    }
    (a.fund_reports ?? []).forEach((r, i) => { order(`${P}/fund_reports/${i}`, r, 'fund_report'); (r.by_fund ?? []).forEach((x, j) => order(`${P}/fund_reports/${i}/by_fund/${j}`, x, 'by_fund')); });
    (a.outputs ?? []).forEach((o, i) => { order(`${P}/outputs/${i}`, o, 'output'); (o.releases ?? []).forEach((x, j) => { order(`${P}/outputs/${i}/releases/${j}`, x, 'release'); order(`${P}/outputs/${i}/releases/${j}/approved`, x.approved, 'approval'); }); });
    (a.news ?? []).forEach((n, i) => { order(`${P}/news/${i}`, n, 'news'); order(`${P}/news/${i}/review`, n.review, 'review'); });
    (a.activities ?? []).forEach((x, i) => order(`${P}/activities/${i}`, x, 'activity'));
    // arrays in a sensible order
    const sorted = (arr, f) => arr.every((x, i) => i === 0 || f(arr[i - 1]) <= f(x));
    if (!sorted(a.meetings ?? [], (m) => m.date)) problem(`${P}/meetings`, 'not in date order');
    if (a.ledger && !sorted(a.ledger.transactions, (t) => t.date)) problem(`${P}/ledger/transactions`, 'not in date order');
  });
}

// ---------------------------------------------------------------------------------------------
// 3. What the importer checks beyond the schema
const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const isRealDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(s + 'T00:00:00Z').toISOString().slice(0, 10) === s;
const DATE_FIELDS = new Set(['date', 'joined_on', 'left_on', 'from', 'to', 'submitted_on', 'approved_on', 'rejected_on', 'signed_on', 'distributed_on', 'published_on', 'task_completed_on', 'dissolved_on']);
function walkDates(node, ptr) {
  if (Array.isArray(node)) node.forEach((x, i) => walkDates(x, `${ptr}/${i}`));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (DATE_FIELDS.has(k) && typeof v === 'string' && !isRealDate(v)) problem(`${ptr}/${k}`, `not a real date: ${v}`);
      walkDates(v, `${ptr}/${k}`);
    }
  }
}
function importChecks() {
  walkDates(doc, '');
  const uniqueIn = (arr, ptr, what, f = (x) => x.key) => {
    const seen = new Set();
    arr.forEach((x, i) => {
      const k = f(x);
      if (what.endsWith(' key') && typeof k === 'string' && !KEY.test(k)) problem(`${ptr}/${i}`, `bad key ${k}`);
      if (seen.has(k)) problem(`${ptr}/${i}`, `duplicate ${what} ${k}`);
      seen.add(k);
    });
    return seen;
  };
  const J = uniqueIn(doc.jurisdictions, '/jurisdictions', 'jurisdiction key');
  const O = uniqueIn(doc.organisations, '/organisations', 'organisation key');
  const Pp = uniqueIn(doc.people, '/people', 'person key');
  uniqueIn(doc.alliances, '/alliances', 'alliance key');
  uniqueIn(doc.organisations, '/organisations', 'organisation name', (o) => o.name);
  const names = (arr, ptr, field) => arr.forEach((x, i) => {
    const v = x[field];
    if (typeof v === 'string' && (v !== v.trim() || [...v].length < 1 || [...v].length > 200)) problem(`${ptr}/${i}/${field}`, 'name not trimmed or not 1–200 characters');
  });
  names(doc.organisations, '/organisations', 'name');
  names(doc.people, '/people', 'name');
  names(doc.jurisdictions, '/jurisdictions', 'name');
  doc.jurisdictions.forEach((j, i) => { if (j.parent && !J.has(j.parent)) problem(`/jurisdictions/${i}/parent`, `unknown jurisdiction ${j.parent}`); });
  const refP = (k, ptr) => { if (k != null && !Pp.has(k)) problem(ptr, `unknown person key "${k}"`); };
  const refO = (k, ptr) => { if (k != null && !O.has(k)) problem(ptr, `unknown organisation key "${k}"`); };
  doc.organisations.forEach((o, i) => {
    if (o.uscc != null && !validUscc(o.uscc)) problem(`/organisations/${i}/uscc`, `USCC check character fails: ${o.uscc}`);
    refP(o.president, `/organisations/${i}/president`);
  });
  doc.people.forEach((p, i) => refO(p.organisation, `/people/${i}/organisation`));
  doc.alliances.forEach((a, ai) => {
    const P = `/alliances/${ai}`;
    if (!J.has(a.jurisdiction)) problem(`${P}/jurisdiction`, `unknown jurisdiction ${a.jurisdiction}`);
    (a.charters ?? []).forEach((c, i) => (c.drafted_by ?? []).forEach((o, j) => refO(o, `${P}/charters/${i}/drafted_by/${j}`)));
    uniqueIn(a.charters ?? [], `${P}/charters`, 'charter version', (c) => c.version);
    const versions = new Set((a.charters ?? []).map((c) => c.version));
    (a.members ?? []).forEach((m, i) => {
      refO(m.organisation, `${P}/members/${i}/organisation`);
      if (m.charter_ack && !versions.has(m.charter_ack.version)) problem(`${P}/members/${i}/charter_ack`, 'unknown charter version');
      if (m.left_on && m.left_on < m.joined_on) problem(`${P}/members/${i}/left_on`, 'before joined_on');
    });
    uniqueIn(a.bodies ?? [], `${P}/bodies`, 'body key');
    const meetings = a.meetings ?? [];
    const M = uniqueIn(meetings, `${P}/meetings`, 'meeting key');
    for (const kind of ['presidium', 'expert_committee', 'secretariat']) {
      if ((a.bodies ?? []).filter((b) => b.kind === kind).length > 1) problem(`${P}/bodies`, `more than one ${kind}`);
    }
    const ROLES = { presidium: ['chair', 'vice_chair', 'honorary_chair', 'member'], expert_committee: ['director', 'deputy_director', 'member'], secretariat: ['secretary_general', 'deputy_secretary_general', 'staff'], working_committee: ['head', 'deputy_head', 'member'] };
    (a.bodies ?? []).forEach((b, i) => {
      refO(b.lead, `${P}/bodies/${i}/lead`);
      (b.participants ?? []).forEach((o, j) => refO(o, `${P}/bodies/${i}/participants/${j}`));
      (b.posts ?? []).forEach((p, j) => {
        const Q = `${P}/bodies/${i}/posts/${j}`;
        refP(p.person, `${Q}/person`);
        refP(p.nominated_by, `${Q}/nominated_by`);
        refO(p.recommended_by, `${Q}/recommended_by`);
        if (!ROLES[b.kind].includes(p.role)) problem(`${Q}/role`, `role ${p.role} in a ${b.kind}`);
        if (p.to && p.to < p.from) problem(`${Q}/to`, 'before from');
        if (p.appointed_at) {
          const m = meetings.find((x) => x.key === p.appointed_at.meeting);
          if (!m) problem(`${Q}/appointed_at/meeting`, `unknown meeting ${p.appointed_at.meeting}`);
          else if (!(m.decisions ?? []).some((d) => d.key === p.appointed_at.decision)) problem(`${Q}/appointed_at/decision`, `unknown decision ${p.appointed_at.decision}`);
        }
      });
    });
    meetings.forEach((m, i) => {
      const Q = `${P}/meetings/${i}`;
      refP(m.chaired_by, `${Q}/chaired_by`);
      refP(m.delegated_by, `${Q}/delegated_by`);
      if (m.agenda) { refP(m.agenda.proposed_by, `${Q}/agenda/proposed_by`); refP(m.agenda.approved_by, `${Q}/agenda/approved_by`); }
      (m.invitees ?? []).forEach((x, j) => { refP(x.person, `${Q}/invitees/${j}/person`); refP(x.proposed_by, `${Q}/invitees/${j}/proposed_by`); refP(x.confirmed_by, `${Q}/invitees/${j}/confirmed_by`); });
      (m.attended ?? []).forEach((x, j) => refP(x, `${Q}/attended/${j}`));
      uniqueIn(m.decisions ?? [], `${Q}/decisions`, 'decision key');
      if (m.minutes) {
        refP(m.minutes.signed_by, `${Q}/minutes/signed_by`);
        (m.minutes.distributed_to ?? []).forEach((x, j) => refP(x, `${Q}/minutes/distributed_to/${j}`));
        (m.minutes.distributed_units ?? []).forEach((x, j) => refO(x, `${Q}/minutes/distributed_units/${j}`));
      }
    });
    uniqueIn(a.plans ?? [], `${P}/plans`, 'plan key');
    (a.plans ?? []).forEach((p, i) => {
      if (p.reviewed_at && !M.has(p.reviewed_at)) problem(`${P}/plans/${i}/reviewed_at`, `unknown meeting ${p.reviewed_at}`);
      if (p.to_year < p.from_year) problem(`${P}/plans/${i}`, 'to_year before from_year');
    });
    if (a.ledger) {
      const A = uniqueIn(a.ledger.accounts, `${P}/ledger/accounts`, 'account key');
      const F = uniqueIn(a.ledger.funds, `${P}/ledger/funds`, 'fund key');
      uniqueIn(a.ledger.transactions, `${P}/ledger/transactions`, 'transaction key');
      a.ledger.transactions.forEach((t, i) => {
        const Q = `${P}/ledger/transactions/${i}`;
        if (t.postings.length < 2) problem(Q, 'fewer than two postings');
        const sum = t.postings.reduce((s, p) => s + p.amount_fen, 0);
        if (sum !== 0) problem(Q, `unbalanced by ${sum} fen`);
        t.postings.forEach((p, j) => {
          if (!A.has(p.account)) problem(`${Q}/postings/${j}/account`, `unknown account ${p.account}`);
          if (!F.has(p.fund)) problem(`${Q}/postings/${j}/fund`, `unknown fund ${p.fund}`);
          if (!Number.isSafeInteger(p.amount_fen)) problem(`${Q}/postings/${j}/amount_fen`, 'not an integer');
        });
      });
      (a.fund_reports ?? []).forEach((r, i) => (r.by_fund ?? []).forEach((b, j) => { if (!F.has(b.fund)) problem(`${P}/fund_reports/${i}/by_fund/${j}/fund`, `unknown fund ${b.fund}`); }));
    }
    uniqueIn(a.fund_reports ?? [], `${P}/fund_reports`, 'fund report year', (r) => r.year);
    uniqueIn(a.outputs ?? [], `${P}/outputs`, 'output key');
    (a.outputs ?? []).forEach((o, i) => (o.releases ?? []).forEach((r, j) => refO(r.by, `${P}/outputs/${i}/releases/${j}/by`)));
    uniqueIn(a.news ?? [], `${P}/news`, 'news key');
    (a.news ?? []).forEach((n, i) => { refP(n.author, `${P}/news/${i}/author`); refP(n.review?.by, `${P}/news/${i}/review/by`); });
    uniqueIn(a.activities ?? [], `${P}/activities`, 'activity key');
    (a.activities ?? []).forEach((x, i) => (x.participants ?? []).forEach((o, j) => refO(o, `${P}/activities/${i}/participants/${j}`)));
  });
}

// ---------------------------------------------------------------------------------------------
// 4. The compliance rules (rules.md), as of D
const DEFAULTS = { min_initiators: 2, presidium_meetings_min: 1, presidium_meetings_max: 2, minutes_deadline_days: 30, annual_plan_deadline: '03-31', fund_report_deadline: '01-31', lookback_years: 5 };
const addDays = (s, n) => new Date(new Date(s + 'T00:00:00Z').getTime() + n * 86400000).toISOString().slice(0, 10);
const ACC_TYPES = (a) => Object.fromEntries((a.ledger?.accounts ?? []).map((x) => [x.key, x.type]));

function asOf(a0, D) {
  const a = structuredClone(a0);
  const appr = (o, k) => { if (o && o[k] && o[k].date > D) delete o[k]; };
  appr(a, 'established'); appr(a, 'dissolved');
  a.charters = (a.charters ?? []).filter((c) => !c.submitted_on || c.submitted_on <= D);
  a.charters.forEach((c) => appr(c, 'approved'));
  a.members = (a.members ?? []).filter((m) => m.joined_on <= D);
  for (const m of a.members) {
    appr(m, 'join_approved'); appr(m, 'leave_approved');
    if (m.charter_ack && m.charter_ack.date > D) delete m.charter_ack;
    if (m.left_on && m.left_on > D) delete m.left_on;
  }
  a.bodies = a.bodies ?? [];
  for (const b of a.bodies) {
    if (b.task_completed_on > D) delete b.task_completed_on;
    if (b.dissolved_on > D) delete b.dissolved_on;
    b.posts = (b.posts ?? []).filter((p) => p.from <= D);
    for (const p of b.posts) { if (p.to && p.to > D) delete p.to; appr(p, 'cast_approved'); }
  }
  a.meetings = (a.meetings ?? []).filter((m) => m.date <= D);
  for (const m of a.meetings) {
    if (m.agenda && m.agenda.approved_on > D) { delete m.agenda.approved_on; delete m.agenda.approved_by; }
    if (m.minutes && m.minutes.signed_on > D) delete m.minutes;
    if (m.minutes && m.minutes.distributed_on > D) { delete m.minutes.distributed_on; delete m.minutes.distributed_to; delete m.minutes.distributed_units; }
  }
  a.plans = a.plans ?? [];
  a.plans.forEach((p) => appr(p, 'filed'));
  if (a.ledger) a.ledger.transactions = a.ledger.transactions.filter((t) => t.date <= D);
  a.fund_reports = (a.fund_reports ?? []).filter((r) => !r.submitted_on || r.submitted_on <= D);
  a.outputs = a.outputs ?? [];
  for (const o of a.outputs) {
    // keep the original index of each release for the subject key OUTPUT/INDEX
    o.releases = (o.releases ?? []).map((r, i) => ({ ...r, index: i })).filter((r) => r.date <= D);
    o.releases.forEach((r) => appr(r, 'approved'));
  }
  a.news = (a.news ?? []).filter((n) => !n.published_on || n.published_on <= D);
  for (const n of a.news) {
    if (n.review?.approved_on > D) delete n.review.approved_on;
    if (n.review?.rejected_on > D) delete n.review.rejected_on;
  }
  a.activities = (a.activities ?? []).filter((x) => x.date <= D);
  return a;
}

function check(D) {
  const findings = [];
  const orgs = new Map(doc.organisations.map((o) => [o.key, o]));
  for (const a0 of doc.alliances) {
    if (a0.established && a0.established.date > D) continue;
    if (a0.status === 'rejected') continue;
    const a = asOf(a0, D);
    const jur = doc.jurisdictions.find((j) => j.key === a.jurisdiction);
    const prm = { ...DEFAULTS, ...(jur.params ?? {}) };
    const F = (rule, key, year) => findings.push({ alliance: a.key, rule, key: String(key), year });
    const scopeAll = a.status === 'active' || a.status === 'dissolving';
    if (a.status === 'dissolved') {
      if (a.established?.by !== 'standing_committee') F('A21.establishment-not-approved', a.key);
      if (a.dissolved?.by !== 'standing_committee') F('A21.dissolution-not-approved', a.key);
      continue;
    }
    const initiators = a.members.filter((m) => m.role === 'initiator');
    if (initiators.length < prm.min_initiators) F('A01.initiators-too-few', a.key);
    for (const m of initiators) if (orgs.get(m.organisation).kind !== 'national_society') F('A01.initiator-not-national-society', m.organisation);
    if (!a.name.startsWith(jur.short_name)) F('A18.name-prefix', a.key);
    if (!scopeAll) continue;

    const inOffice = (p, d) => p.from <= d && (!p.to || p.to >= d);
    const isMember = (o, d) => a.members.some((m) => m.organisation === o && m.joined_on <= d && (!m.left_on || m.left_on >= d));
    const presidium = a.bodies.find((b) => b.kind === 'presidium');
    const experts = a.bodies.find((b) => b.kind === 'expert_committee');
    const secretariat = a.bodies.find((b) => b.kind === 'secretariat');
    const chairOn = (d) => {
      const c = (presidium?.posts ?? []).filter((p) => p.role === 'chair' && inOffice(p, d));
      return c.length === 1 ? c[0].person : null;
    };
    const vcsOn = (d) => (presidium?.posts ?? []).filter((p) => p.role === 'vice_chair' && inOffice(p, d)).map((p) => p.person);
    const postKey = (b, p) => `${b.key}/${p.person}/${p.role}/${p.from}`;
    const held = a.meetings.filter((m) => m.status === 'held');
    const heldPresidium = held.filter((m) => m.kind === 'presidium');
    const deadline = (y, mmdd) => `${y}-${mmdd}`;

    // full years
    const start = a.established?.date ?? a.members.map((m) => m.joined_on).sort()[0];
    const years = [];
    for (let y = Number(start.slice(0, 4)); y <= Number(D.slice(0, 4)); y++) if (start < `${y}-01-01` && `${y}-12-31` < D) years.push(y);
    const fullYears = years.slice(Math.max(0, years.length - prm.lookback_years));

    // A02
    const approvedCharters = a.charters.filter((c) => c.approved?.by === 'cast');
    if (!approvedCharters.length) F('A02.charter-missing', a.key);
    else {
      const latest = approvedCharters.reduce((x, y) => (y.version > x.version ? y : x));
      if (initiators.some((m) => !(latest.drafted_by ?? []).includes(m.organisation))) F('A02.charter-not-joint', latest.version);
    }
    // A04
    for (const m of a.members) {
      const o = orgs.get(m.organisation);
      const current = m.joined_on <= D && (!m.left_on || m.left_on >= D);
      if (current && !o.uscc) F('A04.member-not-registered', o.key);
      if (current && o.kind === 'social_org' && o.uscc && o.uscc.slice(2, 8) !== '100000') F('A04.social-org-not-national', o.key);
      if (m.role === 'member' && !m.charter_ack) F('A04.charter-not-acknowledged', o.key);
      if (m.role === 'member' && o.kind === 'national_society' && m.join_approved?.by !== 'cast') F('A04.join-not-approved', o.key);
      if (o.kind === 'national_society' && m.left_on && m.left_on <= D && m.leave_approved?.by !== 'cast') F('A04.leave-not-approved', o.key);
    }
    // A05
    if (!a.activities.some((x) => x.kind === 'party_organ')) F('A05.no-party-organ', a.key);
    const lastFull = fullYears[fullYears.length - 1];
    if (lastFull) for (const task of ['think_tank', 'academic', 'innovation', 'talent']) {
      if (!a.activities.some((x) => x.task === task && x.date.startsWith(String(lastFull)))) F('A05.task-idle', task, lastFull);
    }
    // A06
    for (const kind of ['presidium', 'expert_committee', 'secretariat']) if (!a.bodies.some((b) => b.kind === kind)) F('A06.body-missing', kind);
    for (const b of a.bodies) for (const p of b.posts) {
      if (!['chair', 'vice_chair', 'director', 'secretary_general'].includes(p.role) || !inOffice(p, D)) continue;
      if (!p.recommended_by || !isMember(p.recommended_by, p.from)) F('A06.leader-not-recommended', postKey(b, p));
      if (p.cast_approved?.by !== 'cast') F('A06.leader-not-approved', postKey(b, p));
    }
    // A07
    if (presidium) {
      const chairs = presidium.posts.filter((p) => p.role === 'chair' && inOffice(p, D));
      if (chairs.length !== 1) F('A07.chair-count', presidium.key);
      if (!vcsOn(D).length) F('A07.no-vice-chair', presidium.key);
      for (const p of presidium.posts) {
        if (!['chair', 'vice_chair'].includes(p.role) || !inOffice(p, D)) continue;
        const ok = doc.organisations.some((o) => o.president === p.person && isMember(o.key, D));
        if (!ok) F('A07.chair-not-president', postKey(presidium, p));
      }
    }
    for (const m of held) for (const d of m.decisions ?? []) if (d.major && m.kind !== 'presidium') F('A07.major-decision-outside-presidium', `${m.key}/${d.key}`);
    // A08, A09
    const appointedOk = (p) => {
      if (!p.appointed_at) return false;
      const m = heldPresidium.find((x) => x.key === p.appointed_at.meeting);
      return !!m && m.date <= p.from && (m.decisions ?? []).some((d) => d.key === p.appointed_at.decision);
    };
    for (const [body, lead, deputy, art, count] of [[experts, 'director', 'deputy_director', 'A08', 'A08.director-count'], [secretariat, 'secretary_general', 'deputy_secretary_general', 'A09', 'A09.secretary-general-count']]) {
      if (!body) continue;
      if (body.posts.filter((p) => p.role === lead && inOffice(p, D)).length !== 1) F(count, body.key);
      for (const p of body.posts) {
        if (![lead, deputy].includes(p.role) || !inOffice(p, D)) continue;
        if (!p.nominated_by || p.nominated_by !== chairOn(p.from)) F(`${art}.not-nominated-by-chair`, postKey(body, p));
        if (!appointedOk(p)) F(`${art}.not-appointed-by-presidium`, postKey(body, p));
      }
    }
    // A10
    for (const b of a.bodies.filter((x) => x.kind === 'working_committee')) {
      if (!b.dissolved_on && (!b.lead || !isMember(b.lead, D))) F('A10.working-committee-no-lead', b.key);
      if (b.task_completed_on && !b.dissolved_on) F('A10.working-committee-not-dissolved', b.key);
    }
    // A11
    for (const y of fullYears) {
      const n = heldPresidium.filter((m) => m.date.startsWith(String(y))).length;
      if (n < prm.presidium_meetings_min) F('A11.presidium-meetings-too-few', y, y);
      if (n > prm.presidium_meetings_max) F('A11.presidium-meetings-too-many', y, y);
    }
    for (const m of heldPresidium) {
      const chair = chairOn(m.date);
      if (!chair || m.chaired_by !== chair) F('A11.not-chaired-by-chair', m.key);
      if (!m.agenda || !m.agenda.approved_by || m.agenda.approved_by !== chair || !m.agenda.approved_on || m.agenda.approved_on > m.date) F('A11.agenda-not-approved', m.key);
      if (m.agenda && !(secretariat?.posts ?? []).some((p) => p.person === m.agenda.proposed_by && inOffice(p, m.date))) F('A11.agenda-not-from-secretariat', m.key);
      const present = new Set([...(m.invitees ?? []).map((x) => x.person), ...(m.attended ?? [])]);
      if ([chair, ...vcsOn(m.date)].filter(Boolean).some((p) => !present.has(p))) F('A11.leaders-not-invited', m.key);
    }
    // A12
    for (const m of held.filter((x) => x.kind === 'special')) {
      const chair = chairOn(m.date);
      const delegateOk = m.chaired_by !== chair && vcsOn(m.date).includes(m.chaired_by) && m.delegated_by === chair;
      if (!(chair && m.chaired_by === chair) && !delegateOk) F('A12.special-not-chaired-properly', m.key);
      if ((m.invitees ?? []).some((x) => !(x.confirmed_by && (x.confirmed_by === chair || (delegateOk && x.confirmed_by === m.chaired_by))))) F('A12.attendees-not-confirmed', m.key);
    }
    // A13
    for (const m of held) {
      const due = addDays(m.date, prm.minutes_deadline_days);
      const signed = m.minutes && m.minutes.signed_on && m.minutes.signed_by;
      if (!signed) { if (D > due) F('A13.minutes-missing', m.key); continue; }
      if (m.minutes.signed_on > due) F('A13.minutes-late', m.key);
      if (m.minutes.signed_by !== chairOn(m.minutes.signed_on)) F('A13.minutes-not-signed-by-chair', m.key);
      const holders = (presidium?.posts ?? []).filter((p) => inOffice(p, m.minutes.signed_on)).map((p) => p.person);
      if (!m.minutes.distributed_on || holders.some((p) => !(m.minutes.distributed_to ?? []).includes(p))) F('A13.minutes-not-distributed', m.key);
    }
    // A14
    const curYear = Number(D.slice(0, 4));
    const planYears = [...fullYears];
    const curDeadline = deadline(curYear, prm.annual_plan_deadline);
    if (D > curDeadline && start < curDeadline && !planYears.includes(curYear)) planYears.push(curYear);
    for (const y of planYears) if (!a.plans.some((p) => p.kind === 'annual' && p.from_year <= y && y <= p.to_year)) F('A14.annual-plan-missing', y, y);
    for (const p of a.plans) {
      if (p.kind === 'annual' && !planYears.some((y) => p.from_year <= y && y <= p.to_year)) continue;
      const m = heldPresidium.find((x) => x.key === p.reviewed_at);
      if (!m || (p.filed && m.date > p.filed.date)) F('A14.plan-not-reviewed', p.key);
      if (p.filed?.by !== 'cast' && D > deadline(p.from_year, prm.annual_plan_deadline)) F('A14.plan-not-filed', p.key);
    }
    if (!a.plans.some((p) => p.kind === 'development' && p.from_year <= curYear && curYear <= p.to_year)) F('A14.development-plan-missing', a.key);
    // A15
    const types = ACC_TYPES(a);
    const figures = (y) => {
      const by = new Map();
      for (const t of a.ledger?.transactions ?? []) {
        if (!t.date.startsWith(String(y))) continue;
        for (const p of t.postings) {
          const f = by.get(p.fund) ?? { raised: 0, used: 0 };
          if (types[p.account] === 'income') f.raised -= p.amount_fen;
          if (types[p.account] === 'expense') f.used += p.amount_fen;
          by.set(p.fund, f);
        }
      }
      return by;
    };
    for (const y of fullYears) {
      if (deadline(y + 1, prm.fund_report_deadline) < D && !a.fund_reports.some((r) => r.year === y && r.submitted_on)) F('A15.fund-report-missing', y, y);
    }
    for (const r of a.fund_reports.filter((x) => x.submitted_on)) {
      if (r.submitted_on > deadline(r.year + 1, prm.fund_report_deadline)) F('A15.fund-report-late', r.year, r.year);
      const by = figures(r.year);
      let raised = 0;
      let used = 0;
      for (const f of by.values()) { raised += f.raised; used += f.used; }
      let bad = raised !== r.raised_fen || used !== r.used_fen;
      const funds = new Set([...by.keys(), ...(r.by_fund ?? []).map((x) => x.fund)]);
      for (const k of funds) {
        const l = by.get(k) ?? { raised: 0, used: 0 };
        const rep = (r.by_fund ?? []).find((x) => x.fund === k) ?? { raised_fen: 0, used_fen: 0 };
        if (l.raised !== rep.raised_fen || l.used !== rep.used_fen) bad = true;
      }
      if (bad) F('A15.fund-report-mismatch', r.year, r.year);
    }
    if (a.ledger) {
      const restricted = new Set(a.ledger.funds.filter((f) => f.restricted).map((f) => f.key));
      const bal = {};
      const flagged = new Set();
      for (const t of a.ledger.transactions) {
        for (const p of t.postings) {
          if (!restricted.has(p.fund)) continue;
          if (types[p.account] === 'income') bal[p.fund] = (bal[p.fund] ?? 0) - p.amount_fen;
          if (types[p.account] === 'expense') bal[p.fund] = (bal[p.fund] ?? 0) - p.amount_fen;
        }
        for (const f of restricted) if ((bal[f] ?? 0) < 0 && !flagged.has(f)) { flagged.add(f); F('A15.restricted-fund-overspent', t.key); }
      }
    }
    // A16
    for (const o of a.outputs) for (const r of o.releases) if (!r.approved || r.approved.date > r.date) F('A16.release-not-approved', `${o.key}/${r.index}`);
    // A17
    for (const n of a.news) {
      if (n.status === 'published' && n.published_on && (!n.review?.approved_on || n.review.approved_on > n.published_on)) F('A17.news-not-reviewed', n.key);
      if (n.review && n.review.by === n.author) F('A17.self-reviewed', n.key);
    }
    // A21
    if (a.established?.by !== 'standing_committee') F('A21.establishment-not-approved', a.key);
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// 5. Fund reports against the ledger (all years, independent of D)
function fundReportSummary() {
  const out = [];
  for (const a of doc.alliances) {
    const types = ACC_TYPES(a);
    for (const r of a.fund_reports ?? []) {
      let raised = 0;
      let used = 0;
      for (const t of a.ledger.transactions) {
        if (!t.date.startsWith(String(r.year))) continue;
        for (const p of t.postings) {
          if (types[p.account] === 'income') raised -= p.amount_fen;
          if (types[p.account] === 'expense') used += p.amount_fen;
        }
      }
      if (raised !== r.raised_fen || used !== r.used_fen) out.push(`${a.key} ${r.year}: reported ${r.raised_fen}/${r.used_fen}, ledger ${raised}/${used}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
const schemaResult = await schemaCheck();
canonical();
importChecks();
const findings = check(AS_OF);
const got = findings.map((f) => `${f.alliance} ${f.rule} ${f.key}`).sort();
// placeholders in EXPECTED that depend on generated keys
const info = doc.alliances.find((a) => a.key === 'info-tech');
const vc = info?.bodies.find((b) => b.kind === 'presidium').posts.find((p) => p.role === 'vice_chair' && !doc.organisations.some((o) => o.president === p.person));
const life = doc.alliances.find((a) => a.key === 'life');
const nr = life?.news.find((n) => n.status === 'published' && !n.review);
const expected = EXPECTED.map((e) => e.replace('VC_NOT_PRESIDENT', vc?.person).replace('NEWS_NOT_REVIEWED', nr?.key)).sort();
const missing = AS_OF === '2026-11-29' ? expected.filter((e) => !got.includes(e)) : [];
const extra = AS_OF === '2026-11-29' ? got.filter((g) => !expected.includes(g)) : [];

const count = (f) => f.length;
console.log(`file: ${FILE} (${Buffer.byteLength(raw)} bytes)`);
console.log(`schema (${SCHEMA}): ${schemaResult}`);
console.log(`import checks and canonical form: ${problems.length ? `${problems.length} problems` : 'ok'}`);
for (const p of problems.slice(0, 100)) console.log('  ' + p);
console.log(`fund reports differing from the ledger: ${fundReportSummary().join('; ') || 'none'}`);
console.log(`findings as of ${AS_OF}: ${count(findings)}`);
if (PRINT || missing.length || extra.length) for (const g of got) console.log('  ' + g);
if (missing.length) console.log('MISSING expected findings:\n  ' + missing.join('\n  '));
if (extra.length) console.log('UNEXPECTED findings:\n  ' + extra.join('\n  '));
const ok = !problems.length && !missing.length && !extra.length && !/INVALID/.test(schemaResult);
console.log(ok ? 'OK' : 'FAILED');
process.exit(ok ? 0 : 1);
