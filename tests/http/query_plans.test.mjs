// tests/http/query_plans.test.mjs — flatness cannot regress silently (issue 11): no statement
// of the program SCANs a table that grows with history.
//
// The registry of queries is the code itself: every statement reaches SQLite through
// db_stmt("literal") (tools/lint.sh enforces it), so this test runs the C preprocessor over
// every source file that calls db_stmt, takes each db_stmt(...) argument — the concatenated
// literals after macro expansion — and asks SQLite for its plan (EXPLAIN QUERY PLAN, sqlite3
// CLI) on a database migrated by the daemon under test and holding the demo region, without
// statistics: that is what a production database has (the daemon never runs ANALYZE), so
// these are the plans it runs. A new query is checked the day it is written. (Plans after
// ANALYZE of a small database are no guide: the planner then scans whatever is small today.)
//
// "Grows with history": every table except the small reference tables named below. A plan
// line "SCAN <table or its alias>" on such a table fails the test, unless the statement is
// one of the few in ALLOWED_SCANS, each with the reason why it may read all history. A
// planted statement with a missing index must be caught, so every run shows the test can fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const bin = path.resolve(root, process.env.KETENREGIE_BIN || 'build/san/ketenregie');

// Tables whose size follows the organisation, not the years: a scan of them stays flat.
// Sessions, waiting second-factor logins and login attempts are pruned; the leertafel (the region's learning table) adds
// a few meetings and some dozens of actions a year, not client data.
const REFERENCE_TABLES = new Set([
  'organisation', 'app_user', 'user_role', 'setting', 'role_org_kind', 'session', 'login_attempt',
  'password_reset', 'login_pending', 'lt_actielijn', 'lt_werkgroep', 'lt_meeting', 'lt_attendance', 'lt_plan', 'lt_action',
  'lt_action_org', 'lt_action_status', 'lt_action_change', 'lt_escalation',
]);

// Partial indexes that hold the present, not the past: a scan of one stays flat.
const FLAT_INDEXES = new Map([
  ['casefile_open', 'the open cases: the current caseload (0019)'],
  ['case_condition_broken_open_handover', 'conditions not kept of open cases, kept by triggers (0021)'],
  ['handover_inbox', 'handovers waiting for a decision: the region\'s current intake (0028)'],
]);

// Statements that may read all history, each with its reason: `file` (and `sql`, a substring).
const ALLOWED_SCANS = [
  { file: /^src\/demo\//, why: 'the demo loader runs once, on the demo region only' },
  { file: /^src\/store\/handover_search\.c$/, sql: 'INDEXED BY handover_search_facts WHERE ?4 = \'\'',
    why: 'handover search by a name without a word: walks the covering index newest first and stops at LIMIT'
      + ' (the 100 shown, the count\'s 1,001); the walk order is checked in "…walk an index in their order"' },
];

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.c') && readFileSync(p, 'utf8').includes('db_stmt(')) out.push(p);
  }
  return out.sort();
}

function unescapeC(lit) {
  return lit.replace(/\\(n|t|"|\\|')/g, (m, c) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\', "'": "'" })[c]);
}

/** Every db_stmt argument of the program: [{file, sql}]. */
function registry() {
  const statements = [];
  const seen = new Set();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const pre = execFileSync('cc', ['-E', '-P', '-D_GNU_SOURCE', '-I', path.join(root, 'src'), file],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
    const re = /\bdb_stmt\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)/g;
    let m;
    while ((m = re.exec(pre))) {
      const sql = [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => unescapeC(x[1])).join('');
      if (seen.has(sql)) continue;
      seen.add(sql);
      statements.push({ file: path.relative(root, file), sql });
    }
  }
  return statements;
}

/** alias or name → table, for every FROM/JOIN/UPDATE/INTO of a statement. */
function aliases(sql, tables) {
  const map = new Map();
  const re = /\b(?:FROM|JOIN|UPDATE|INTO)\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*))?/gi;
  const keywords = /^(WHERE|ON|JOIN|LEFT|INNER|CROSS|GROUP|ORDER|LIMIT|SET|VALUES|SELECT|USING|UNION|AND|OR|NOT|WHEN|AS|INDEXED|EXCEPT|INTERSECT|HAVING|WINDOW|DEFAULT|RETURNING)$/i;
  let m;
  while ((m = re.exec(sql))) {
    const table = m[1];
    if (!tables.has(table)) continue;
    const list = (k) => { if (!map.has(k)) map.set(k, new Set()); map.get(k).add(table); };
    list(table);
    if (m[2] && !keywords.test(m[2])) list(m[2]);
  }
  return map;
}

/** EXPLAIN QUERY PLAN of every statement on db: [{i, lines, error}] */
function plans(db, statements, { attach = true } = {}) {
  const script = statements.map((s, i) =>
    `.print @@${i}\nEXPLAIN QUERY PLAN ${s.sql.trim().replace(/;\s*$/, '')};\n`).join('');
  const scriptFile = path.join(path.dirname(db), 'plans.sql');
  writeFileSync(scriptFile, script);
  let out;
  try {
    // the read log (src/store/readlog.h), attached as the daemon attaches it
    const readlog = attach ? ['-cmd', `ATTACH '${db}.readlog' AS readlog`] : [];
    out = execFileSync('sqlite3', ['-cmd', '.timeout 60000', ...readlog, db, `.read ${scriptFile}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    out = e.stdout; // an error in one statement does not stop the others
  }
  const result = statements.map(() => ({ lines: [] }));
  let cur = -1;
  for (const line of out.split('\n')) {
    const mark = /^@@(\d+)$/.exec(line);
    if (mark) cur = Number(mark[1]);
    else if (cur >= 0) result[cur].lines.push(line);
  }
  return result;
}

function growingTables(db) {
  const rows = execFileSync('sqlite3', [db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"],
  { encoding: 'utf8' }).trim().split('\n');
  return new Set(rows.filter((t) => !REFERENCE_TABLES.has(t)));
}

/** The statements whose plan scans a growing table: [{file, sql, scans}] */
function scansOf(db, statements) {
  const growing = growingTables(db);
  const all = growingTables(db);
  for (const t of REFERENCE_TABLES) all.add(t);
  const found = [];
  plans(db, statements).forEach((p, i) => {
    const map = aliases(statements[i].sql, all);
    const scans = [];
    for (const line of p.lines) {
      const m = /\bSCAN (\w+)(?! VIRTUAL TABLE)/.exec(line);
      if (!m) continue;
      const index = /USING (?:COVERING )?INDEX (\w+)/.exec(line);
      if (index && FLAT_INDEXES.has(index[1])) continue;
      const tables = map.get(m[1]) || (all.has(m[1]) ? new Set([m[1]]) : new Set());
      for (const t of tables) if (growing.has(t)) scans.push(`${line.replace(/^[|`\- ]+/, '')} (${t})`);
    }
    if (scans.length) found.push({ ...statements[i], scans });
  });
  return found;
}

function unexpected(found) {
  return found.filter((f) => !ALLOWED_SCANS.some((a) => a.file.test(f.file) && (!a.sql || f.sql.includes(a.sql))));
}

function describe(found) {
  return found.map((f) => `${f.file}: ${f.sql.replace(/\s+/g, ' ').slice(0, 300)}\n    ${f.scans.join('\n    ')}`).join('\n');
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-plans-'));
const db = path.join(dir, 'p.db');
execFileSync(bin, ['migrate', '--db', db], { stdio: 'ignore' });
execFileSync(bin, ['demo', '--db', db], { stdio: 'ignore' });
const statements = registry();

test('the registry holds the program\'s statements', () => {
  assert.ok(statements.length > 200, `only ${statements.length} statements found`);
  assert.ok(statements.some((s) => s.file === 'src/store/case_search.c' && /case_name_search MATCH/.test(s.sql)));
});

// A SEARCH can read all history too: on an index whose prefix matches every row a user or
// team ever had. The case lists, the household search and the case panels of the start
// pages must walk an index in the list's own order and stop at LIMIT (no complete sort of
// what they read, no materialised list of every case), or start from an index of what is
// open now. Each entry: the statement (file and a piece of its SQL), plan lines it must
// have, plan lines it must not have.
const NO_FULL_SORT = /USE TEMP B-TREE FOR ORDER BY/;
const WALKS = [
  // the read log's household index is filled in batches (src/store/readlog_index.h): each
  // reader reads the index and the tail above its watermark, the tail by id only
  { what: 'access log of a household, read log: its own index entries and the tail by id, merged newest first',
    file: 'src/store/access_log.c', sql: 'FROM readlog.audit_household ah JOIN readlog.audit_log a',
    must: [/MERGE \(UNION ALL\)/, /SEARCH ah USING PRIMARY KEY \(household_id=\? AND audit_id<\?\)/, /SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      /SEARCH a USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/, /SEARCH readlog.audit_index_mark USING INTEGER PRIMARY KEY \(rowid=\?\)/],
    mustNot: [NO_FULL_SORT, /SCAN/, /audit_log_user/] },
  { what: 'access decision (a search of the household by the user): the read log\'s tail by id, then the index',
    file: 'src/store/access_log.c', sql: 'SELECT 1 FROM readlog.audit_log a NOT INDEXED WHERE',
    must: [/SEARCH a USING INTEGER PRIMARY KEY \(rowid>\?\)[\s\S]*SEARCH readlog.audit_index_mark USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      /SEARCH ah USING PRIMARY KEY \(household_id=\? AND audit_id=\?\)/],
    mustNot: [/SCAN/] },
  { what: 'household export: the read log\'s tail by id', file: 'src/store/household_export.c', sql: 'readlog.audit_log a NOT INDEXED',
    must: [/SEARCH a USING INTEGER PRIMARY KEY \(rowid>\?\)/, /SEARCH readlog.audit_index_mark USING INTEGER PRIMARY KEY \(rowid=\?\)/,
      /SEARCH ah USING PRIMARY KEY \(household_id=\?\)/],
    mustNot: [/SCAN (?!x\b)/] },
  { what: 'access log of a user, read log: the user index, newest first', file: 'src/store/access_log.c',
    sql: 'FROM readlog.audit_log a WHERE a.user_id = ?1',
    must: [/SEARCH a USING INDEX audit_log_user \(user_id=\? AND at>\? AND at<\?\)/],
    mustNot: [NO_FULL_SORT, /SCAN a/] },
  // UNION ALL (0027): a UNION merge sorts each arm beyond the id ("USE TEMP B-TREE FOR
  // RIGHT PART OF ORDER BY"); the involvements from their covering index alone
  { what: 'case list: team and own involvements, merged newest first', file: 'src/store/case_search.c',
    sql: 'casefile_team_case', not: 'case_name_search',
    must: [/MERGE \(UNION ALL\)/, /SEARCH c USING INDEX casefile_team_case \(team_org_id=\? AND id<\?\)/,
      /SEARCH i USING COVERING INDEX case_involvement_current \(user_id=\? AND case_id<\?\)/],
    mustNot: [/USE TEMP B-TREE/, /LIST SUBQUERY/, /case_involvement_user/] },
  { what: 'case list filtered on a regisseur', file: 'src/store/case_search.c', sql: 'casefile_director_case',
    must: [/MERGE \(UNION ALL\)/, /SEARCH c USING INDEX casefile_director_case \(director_id=\? AND id<\?\)/],
    mustNot: [/USE TEMP B-TREE/, /LIST SUBQUERY/] },
  { what: 'household search of a team leader: matching cases newest first', file: 'src/store/case_search.c',
    sql: 'FROM case_name_search s CROSS JOIN',
    must: [/SCAN s VIRTUAL TABLE/], mustNot: [NO_FULL_SORT, /LIST SUBQUERY/, /casefile_team/] },
  { what: 'household search of anyone else: own involvements, one seek per case', file: 'src/store/case_search.c',
    sql: 'AND EXISTS (SELECT 1 FROM case_name_search',
    must: [/MERGE \(UNION ALL\)/, /SEARCH i USING COVERING INDEX case_involvement_current/],
    mustNot: [/USE TEMP B-TREE/, /LIST SUBQUERY/] },
  { what: 'start page: open cases I am involved in', file: 'src/store/case_search.c', sql: "role = 'betrokken'",
    must: [/SEARCH i USING INDEX case_involvement_open \(user_id=\? AND case_id<\?\)/],
    mustNot: [/case_involvement_user/, /USE TEMP B-TREE/, /LIST SUBQUERY/] },
  { what: 'start page: unread safety plans', file: 'src/store/safety_plan.c', sql: 'NOT EXISTS (SELECT 1 FROM safety_plan_read r',
    // both arms walk an index in the merge's order and stop at the page (0030): inside the
    // merge only ties are sorted ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"), never a whole
    // arm (a nested "…FOR ORDER BY" line); the one at the top sorts the page's rows
    must: [/SEARCH i USING INDEX case_involvement_plan \(user_id=\? AND org_id=\? AND case_plan_agreed_on>\?/,
      /MERGE \(UNION\)/, /SEARCH c USING INDEX casefile_team_plan/, /COVERING INDEX safety_plan_version_latest/,
      // the access facts of each row read with it (case_parts_of_listed), one seek per row shown
      /SEARCH fi USING (COVERING )?INDEX case_involvement_active \(case_id=\? AND user_id=\?/],
    mustNot: [/casefile_closed/, /casefile_team \(/, /case_involvement_open/, /\|[ |]*[|`]--USE TEMP B-TREE FOR ORDER BY/] },
  { what: 'start page: escalations of the team', file: 'src/store/case_escalation.c', sql: 'AND c.team_org_id = ?1 AND c.status',
    must: [/SEARCH e USING INDEX case_escalation_pending/], mustNot: [NO_FULL_SORT] },
  { what: 'start page: escalations of a regisseur', file: 'src/store/case_escalation.c', sql: "e.level IN ('zvh'",
    must: [/SEARCH e USING INDEX case_escalation_pending/], mustNot: [NO_FULL_SORT] },
  { what: 'start page: open agreements, from the open agreements', file: 'src/store/case_meeting.c',
    sql: 'WHERE g.id IN (SELECT id FROM case_agreement WHERE who_user_id', must: [/case_agreement_user/, /case_agreement_org/], mustNot: [/casefile_closed/] },
  { what: 'caseload per regisseur, from the tally (0024): one row per regisseur', file: 'src/store/case_search.c',
    sql: 'FROM case_caseload_tally k', must: [/SEARCH k USING PRIMARY KEY \(team_org_id=\?\)/],
    mustNot: [/casefile/] },
  { what: 'case list and search: the access facts of each row in the same statement, by index', file: 'src/store/case_search.c',
    sql: 'group_concat(fi.parts)', must: [/SEARCH fi USING COVERING INDEX case_involvement_active \(case_id=\? AND user_id=\? AND org_id=\?\)/],
    mustNot: [NO_FULL_SORT] },
  { what: 'start page: hermeldingen of a team, recent or undecided', file: 'src/store/re_report.c', sql: 'r.team_org_id = ?1 AND r.reported_at >= ?3',
    must: [/case_re_report_team \(team_org_id=\? AND reported_at>\?/, /SEARCH h USING INDEX handover_status/, /SEARCH r USING PRIMARY KEY \(handover_id=\?\)/] },
  { what: 'start page: hermeldingen of a regisseur, recent or undecided', file: 'src/store/re_report.c', sql: 'c.director_id = ?2 AND ?1 = 0',
    must: [/case_re_report_at \(reported_at>\?/, /SEARCH h USING INDEX handover_status/, /SEARCH r USING PRIMARY KEY \(handover_id=\?\)/],
    mustNot: [/casefile_director/, /case_re_report_case/] },
  { what: 'start page: overdue evaluations, earliest first from the dates kept per open case (0026)', file: 'src/store/family_plan.c',
    sql: 'FROM case_evaluation_open q',
    must: [/MERGE \(UNION\)/, /SEARCH q USING COVERING INDEX case_evaluation_open_director \(director_id=\? AND due_on>\? AND due_on<\?\)/,
      /SEARCH q USING COVERING INDEX case_evaluation_open_team \(team_org_id=\? AND due_on>\? AND due_on<\?\)/],
    mustNot: [NO_FULL_SORT, /casefile_team|casefile_director/] },
  { what: 'handover search by a name without a word: newest first down the covering index, stopped at LIMIT (0029)',
    file: 'src/store/handover_search.c', sql: 'INDEXED BY handover_search_facts WHERE ?4',
    must: [/SCAN h USING COVERING INDEX handover_search_facts/],
    mustNot: [/USE TEMP B-TREE/, /MULTI-INDEX OR/, /handover_vt|handover_inbox|handover_team_decided_page/] },
  { what: 'twin check: recent submissions by date', file: 'src/store/handover_twin.c', sql: 'household_name FROM handover h',
    must: [/handover_vt_submitted \(vt_org_id=\? AND submitted_at>\?\)/] },
  // the case page: its lists in their index's order, no sort per view (0025)
  { what: 'case page: the case\'s handovers, oldest submission first', file: 'src/store/handover_list.c',
    sql: 'WHERE h.case_id = ?1 ORDER BY h.submitted_at, h.id',
    must: [/SEARCH h USING INDEX handover_case_submitted \(case_id=\?\)/], mustNot: [/USE TEMP B-TREE/] },
  { what: 'case page: the case\'s hermeldingen, newest first', file: 'src/store/re_report.c',
    sql: 'WHERE r.case_id = ?1 ORDER BY r.reported_at DESC',
    must: [/SEARCH r USING COVERING INDEX case_re_report_by_case \(case_id=\?\)/], mustNot: [/USE TEMP B-TREE/] },
  { what: 'case page: the conditions with their history in one statement, per condition oldest first',
    file: 'src/store/safety_plan_conditions.c', sql: 'ORDER BY k.position, k.id, x.id',
    must: [/SEARCH k USING INDEX case_condition_case \(case_id=\?\)/,
      /SEARCH x USING INDEX case_condition_change_condition \(condition_id=\?\) LEFT-JOIN/,
      /SEARCH xu USING INTEGER PRIMARY KEY \(rowid=\?\) LEFT-JOIN/], mustNot: [/USE TEMP B-TREE/, /SCAN/] },
  { what: 'case page: invite candidates from the reference tables only (who is involved: the page\'s own involvement rows)',
    file: 'src/store/involvement.c', sql: 'FROM user_role r CROSS JOIN app_user u CROSS JOIN organisation o',
    must: [/SCAN r/, /SEARCH u USING INTEGER PRIMARY KEY/], mustNot: [/case_involvement/, /SUBQUERY/, /USE TEMP B-TREE/] },
  { what: 'case page: the case team, in the index\'s order (sorted in C: no temporary b-tree per request)',
    file: 'src/store/involvement.c', sql: 'LEFT JOIN app_user eb ON eb.id = i.ended_by WHERE i.case_id = ?1', not: 'i.id = ?2',
    must: [/SEARCH i USING INDEX case_involvement_case \(case_id=\?\)/], mustNot: [/USE TEMP B-TREE/] },
];

test('case lists, the household search and the case panels walk an index in their order', () => {
  const chosen = WALKS.map((w) => {
    const s = statements.filter((x) => x.file === w.file && x.sql.includes(w.sql) && !(w.not && x.sql.includes(w.not)));
    assert.ok(s.length >= 1, `no statement for: ${w.what}`);
    return s;
  });
  const flat = chosen.flat();
  const planOf = new Map(plans(db, flat).map((p, i) => [flat[i], p.lines.join('\n')]));
  WALKS.forEach((w, k) => {
    for (const s of chosen[k]) {
      const plan = planOf.get(s);
      for (const re of w.must) assert.match(plan, re, `${w.what}: ${s.sql.slice(0, 200)}\n${plan}`);
      for (const re of w.mustNot || []) assert.doesNotMatch(plan, re, `${w.what}: ${s.sql.slice(0, 200)}\n${plan}`);
    }
  });
});

// The read log's own statements (src/store/readlog_index.c) run on its own connection: the
// batch and the tail's size read audit_log by id above the watermark, never history.
test('the read log\'s batch reads only the records above its watermark, by id', () => {
  const own = statements.filter((s) => s.file === 'src/store/readlog_index.c');
  assert.ok(own.length >= 4, `statements of readlog_index.c: ${own.length}`);
  const batch = own.filter((s) => s.sql.startsWith('INSERT INTO audit_household'));
  assert.equal(batch.length, 1);
  const p = plans(`${db}.readlog`, own, { attach: false });
  own.forEach((s, i) => {
    const text = p[i].lines.join('\n');
    assert.ok(text.includes('QUERY PLAN'), `no plan: ${s.sql}\n${text}`);
    assert.doesNotMatch(text, /\bSCAN (?!j\b|CONSTANT ROW|\(subquery)/, `${s.sql}\n${text}`);
  });
  const text = p[own.indexOf(batch[0])].lines.join('\n');
  assert.equal(text.match(/SEARCH a USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/g)?.length, 2, text);
});

test('the check catches a query without its index (it can fail)', () => {
  const planted = [{ file: 'planted', sql: 'SELECT id, entry_date FROM journal_entry WHERE body = ?1 ORDER BY id DESC LIMIT 20' },
    { file: 'planted', sql: 'SELECT j.id FROM casefile c JOIN journal_entry j ON j.author_id = ?1 WHERE c.id = j.case_id' }];
  const found = scansOf(db, planted);
  assert.equal(found.length, 2, describe(found));
  assert.match(found[0].scans[0], /SCAN journal_entry/);
});

// Statements whose plan must name the index that keeps them flat (0021): a SEARCH on an
// index whose prefix matches all of history (handover_vt (vt_org_id=?)) is no SCAN, so the
// check above cannot see it; these name the partial or covering index instead, and `not`
// is what the plan must not do. `sql` is a substring that picks the statement(s).
const FLAT_PLANS = [
  { sql: 'SELECT count(*) FROM handover WHERE vt_org_id = ?1 AND (status IN', plan: /COVERING INDEX handover_vt_open\b/,
    why: 'VT overdue count: the open handovers only' },
  { sql: 'WHERE h.id IN (SELECT id FROM handover WHERE vt_org_id = ?1 AND (status IN', plan: /COVERING INDEX handover_vt_open\b/,
    not: /TEMP B-TREE/, why: 'VT overdue items: the newest five, walking the index in id order' },
  { sql: 'INDEXED BY handover_vt_returned_open WHERE vt_org_id = ?1 AND status', plan: /COVERING INDEX handover_vt_returned_open/,
    why: 'VT returned and not ended: count and list' },
  { sql: 'FROM handover INDEXED BY handover_team_open', plan: /COVERING INDEX handover_team_open/,
    not: /TEMP B-TREE/, why: 'team overdue: count and the oldest five' },
  { sql: 'FROM case_condition_broken_open b', plan: /SCAN b USING COVERING INDEX case_condition_broken_open_handover[\s\S]*SEARCH h USING COVERING INDEX handover_accepted_vt/,
    why: 'conditions not kept of open cases: the kept set, no handover row read' },
  { sql: 'FROM handover_broken_tally WHERE vt_org_id', plan: /SEARCH handover_broken_tally USING INTEGER PRIMARY KEY/,
    not: /case_condition_broken_open/, why: 'conditions not kept: the count from the tally (0026), not a walk of the set' },
  { sql: 'INDEXED BY handover_case_open', plan: /SEARCH h2 USING COVERING INDEX handover_case_open \(case_id=\?\)/,
    why: "regisseur's overdue handovers: open ones of open cases, no handover row read (0026)" },
  { sql: "FROM handover_tally WHERE list = 'vt'", plan: /SEARCH handover_tally USING PRIMARY KEY/,
    not: /USING (?:COVERING )?INDEX handover_vt \(vt_org_id=\?\)$/m, why: 'VT list total from the tally' },
  { sql: "FROM handover_tally WHERE list = 'vt' AND org_id = ?1 AND ?2 = ?2",
    plan: /SEARCH handover USING COVERING INDEX handover_vt \(vt_org_id=\? AND status=\? AND rowid>\?\)/,
    why: 'VT list position: the index entries newer than the page, never the table rows' },
  { sql: "FROM handover_tally WHERE list = 'decided'", plan: /SEARCH handover_tally USING PRIMARY KEY/,
    not: /handover_team_decided_page \(taken_org_id=\?\)$/m, why: 'team decided total from the tally' },
  { sql: 'FROM handover_name_fts CROSS JOIN handover h ON h.id', plan: /SCAN handover_name_fts VIRTUAL TABLE[\s\S]*SEARCH h USING INTEGER PRIMARY KEY/,
    not: /INDEX handover_vt \(vt_org_id=\?\)|USE TEMP B-TREE/, why: 'VT\'s name search: from the FTS matches, newest first' },
  { sql: 'FROM handover_name_fts CROSS JOIN handover h INDEXED BY handover_search_facts',
    plan: /SCAN handover_name_fts VIRTUAL TABLE[\s\S]*SEARCH h USING COVERING INDEX handover_search_facts \(id=\?\)/,
    not: /INDEX handover_vt \(vt_org_id=\?\)|USE TEMP B-TREE/,
    why: 'team leader\'s name search: from the FTS matches, each match\'s filters from the covering index (0029)' },
  { sql: 'INDEXED BY handover_member_match', plan: /(SCAN|SEARCH) h USING COVERING INDEX handover_inbox\b[\s\S]*SEARCH hm USING COVERING INDEX handover_member_match[\s\S]*SEARCH p USING COVERING INDEX person_match_household[\s\S]*SEARCH c USING COVERING INDEX casefile_household_team/,
    why: 'inbox "already known": the inbox from handover_inbox (0028), members, persons and cases from covering indexes (0024), no row of theirs read' },
  { sql: 'JOIN case_re_report r ON r.handover_id = h.id AND r.team_org_id <> ?1',
    plan: /(SCAN|SEARCH) h USING COVERING INDEX handover_inbox\b[\s\S]*SEARCH r USING PRIMARY KEY \(handover_id=\?\)/,
    not: /case_re_report_team|SCAN r/, why: 'inbox hermeldingen of other teams: one statement, by handover, no handover row read (0028)' },
  { sql: 'FROM handover p INDEXED BY handover_period', plan: /SEARCH p USING INDEX handover_period \(<expr>>\? AND <expr><\?\)/,
    not: /MULTI-INDEX OR|INDEX handover_vt \(vt_org_id=\?\)/, why: 'period search: the handovers of the period' },
  { sql: 'SELECT count(*) FROM handover h INDEXED BY handover_inbox', plan: /SEARCH h USING COVERING INDEX handover_inbox \(status=\?\)/,
    not: /SEARCH h USING INTEGER PRIMARY KEY|handover_status/,
    why: "team leader's start page: the inbox's counts from the waiting handovers' covering index, no handover row read (0028)" },
  { sql: 'SELECT h.id FROM handover h INDEXED BY handover_inbox', plan: /LIST SUBQUERY[\s\S]*SEARCH h USING COVERING INDEX handover_inbox \(status=\?\)/,
    not: /handover_status/, why: "team leader's start page: only the shown inbox items are read from the table (0028)" },
  { sql: "FROM audit_log WHERE user_id = ?1 AND action = 'login'", plan: /SEARCH audit_log USING INDEX audit_log_login \(user_id=\?\)/,
    not: /TEMP B-TREE/, why: 'previous login: the user\'s logins only, newest first (0023)' },
  { sql: "FROM audit_log WHERE user_id = ?1 AND action = 'password_set'", plan: /SEARCH audit_log USING INDEX audit_log_password_set \(user_id=\?\)/,
    not: /TEMP B-TREE/, why: 'last password change: the user\'s password changes only (0023)' },
];

function flatFailures(entries, stmts) {
  const failures = [];
  for (const f of entries) {
    const picked = stmts.filter((s) => s.sql.includes(f.sql));
    if (!picked.length) { failures.push(`no statement contains: ${f.sql}`); continue; }
    plans(db, picked).forEach((p, i) => {
      const text = p.lines.join('\n');
      if (!f.plan.test(text) || (f.not && f.not.test(text)))
        failures.push(`${f.why}: ${picked[i].sql.replace(/\s+/g, ' ').slice(0, 200)}\n${text}`);
    });
  }
  return failures;
}

test('the handover panels and lists use the indexes that keep them flat', () => {
  const failures = flatFailures(FLAT_PLANS, statements);
  assert.equal(failures.length, 0, failures.join('\n\n'));
  // and it can fail: the overdue count reading one column the covering index lacks
  // walks handover_vt_open but reads every open handover's row
  const planted = [{ file: 'planted', sql: "SELECT count(*), max(reason) FROM handover WHERE vt_org_id = ?1 AND (status IN"
    + " ('ingediend', 'in_behandeling') OR (status = 'geaccepteerd' AND (warm_held_date IS NULL OR feedback_first_at IS NULL)))" }];
  assert.equal(flatFailures([FLAT_PLANS[0]], planted).length, 1);
});

// The handover search counts its matches up to 1,001 ("meer dan 1.000", issue 11): every
// count of handover_search.c is a count of a subquery stopped at LIMIT ?7, and the page
// binds ?7 to 1,001 (tests/http/handover_search_flat.test.mjs shows the boundary). A plan
// does not show a LIMIT: the statement text does.
test('the handover search\'s counts stop at a LIMIT', () => {
  const counts = statements.filter((s) => s.file === 'src/store/handover_search.c' && /count\(\*\)/.test(s.sql));
  assert.ok(counts.length >= 6, `only ${counts.length} counts found (name, period, no word; VT and team)`);
  for (const s of counts) assert.match(s.sql, /^SELECT count\(\*\) FROM \(SELECT 1 [\s\S]* LIMIT \?7\)$/, s.sql);
});

// Every audit record is an insert into each index of audit_log, twenty years long: a full
// index there costs every request. Besides the user's index (the user's access-log report),
// only partial indexes over a few kinds of rows (0023).
test('audit_log has no full index but the user\'s', () => {
  const rows = execFileSync('sqlite3', [db,
    "SELECT name || '|' || coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log'"],
  { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  const full = rows.filter((r) => !/ WHERE /i.test(r) && !r.startsWith('audit_log_user|') && !r.startsWith('sqlite_autoindex'));
  assert.deepEqual(full, [], `full indexes on audit_log: ${full.join('; ')}`);
  assert.ok(rows.some((r) => r.startsWith('audit_log_user|')), 'the user\'s index is there');
});

test('no statement scans a growing table', () => {
  const bad = unexpected(scansOf(db, statements));
  assert.equal(bad.length, 0, `statements that scan history:\n${describe(bad)}`);
});

await run({ after: () => rmSync(dir, { recursive: true, force: true }) });
