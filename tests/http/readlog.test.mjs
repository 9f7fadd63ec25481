// tests/http/readlog.test.mjs — the audit trail in two files (src/store/readlog.h): a request
// that changed nothing has its record in the read log and leaves the database itself
// untouched (so the other connections' page caches stay warm); a change has its record in
// the database's own audit_log, in the change's transaction; the family's access log reads
// both and merges them by time, page after page, with a keyset per log. The read log's
// household index is filled in batches (src/store/readlog_index.h): a read's record is found
// while it is still in the tail above the watermark, each row once after the batch, also
// across kill -9; the watermark only moves forward; a version 3 read log upgrades in place.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { test, run, startDaemon, Client, sql, eventually, readlogOf, READLOG_HOUSEHOLDS } from './lib.mjs';
import { daemonBinary, freePort, DEMO_PASSWORD, REPO_ROOT } from '../browser/lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const devries = one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional' ORDER BY c.id LIMIT 1`).id;
const household = one(`SELECT household_id AS h FROM casefile WHERE id = ${devries}`).h;
const globalHousehold = household;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const reg = new Client(d.baseUrl);
await reg.login('professional');

/** Records of the household in the change log (0) and the read log (1), in the order the
 * access log shows them: newest first; at the same millisecond the read log's first. */
function householdRecords(db = d.db, household = globalHousehold) {
  return sql(db, `SELECT * FROM (
      SELECT 0 AS log, a.id, a.at, a.action, a.object_type FROM main.audit_household ah JOIN main.audit_log a ON a.id = ah.audit_id WHERE ah.household_id = ${household}
      UNION ALL
      SELECT 1, a.id, a.at, a.action, a.object_type FROM (${READLOG_HOUSEHOLDS}) ah JOIN readlog.audit_log a ON a.id = ah.audit_id WHERE ah.household_id = ${household})
    ORDER BY at DESC, log DESC, id DESC`);
}
const kindLabel = (r) => (['create', 'update'].includes(r.action) ? 'Wijzigen'
  : r.action === 'print' ? 'Afdrukken' : r.action === 'export' ? 'Exporteren' : r.action === 'search' ? 'Zoeken'
    : r.action === 'view' && ['case_list', 'handover_list', 'start_page_panel'].includes(r.object_type) ? 'In een lijst'
      : r.action === 'view' ? 'Lezen' : 'Overig');

/** The kinds of the rows of one access-log page, and its link to the older page. */
function pageRows(html) {
  const rows = [...html.matchAll(/<tr>\s*<td class="nowrap">[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td>[^<]*<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => m[1]);
  const older = /<a href="([^"]*)">Oudere<\/a>/.exec(html);
  return { rows, older: older ? older[1].replaceAll('&#61;', '=').replaceAll('&amp;', '&') : null };
}

test('a read leaves the database untouched; its record is in the read log', async () => {
  assert.equal((await reg.get(`/casussen/${devries}`)).status, 200); // the session's first use is behind us
  await sleep(300);
  const wal = `${d.db}-wal`;
  const before = statSync(wal);
  const changes = one('SELECT count(*) AS n FROM main.audit_log').n;
  const reads = one('SELECT count(*) AS n FROM readlog.audit_log').n;
  for (let i = 0; i < 20; i++) assert.equal((await reg.get(`/casussen/${devries}`)).status, 200);
  await sleep(300);
  const after = statSync(wal);
  assert.equal(after.mtimeMs, before.mtimeMs, 'the database\'s WAL was written by reads');
  assert.equal(after.size, before.size);
  assert.equal(one('SELECT count(*) AS n FROM main.audit_log').n, changes, 'no read record in the change log');
  assert.equal(one('SELECT count(*) AS n FROM readlog.audit_log').n, reads + 20);
  assert.ok(statSync(readlogOf(d.db)).size > 0);
});

test('a change has its record in the change log, in the same transaction', async () => {
  const created = () => one(`SELECT count(*) AS n FROM main.audit_log WHERE username = 'professional' AND action = 'create'
    AND household_id = ${household} AND outcome = 'allowed'`).n;
  const before = created();
  const r = await reg.post(`/casussen/${devries}/journaal`, [['entry_date', '2026-01-05'], ['part', 'journaal'], ['body', 'Gebeld met school.']], { raw: true });
  assert.equal(r.status, 303);
  // written with the change, before the answer: no waiting for a writer thread
  assert.equal(created(), before + 1, 'the change\'s record is in the database itself');
  assert.equal(one("SELECT count(*) AS n FROM journal_entry WHERE body = 'Gebeld met school.'").n, 1);
});

test('the access log merges both logs by time, page after page, each row once', async () => {
  for (let i = 0; i < 30; i++) {
    assert.equal((await reg.get(`/casussen/${devries}`)).status, 200);
    const r = await reg.post(`/casussen/${devries}/journaal`, [['entry_date', '2026-01-05'], ['part', 'journaal'], ['body', `Notitie ${i}`]]);
    assert.ok([200, 303].includes(r.status), `status ${r.status}`);
  }
  const expected = await eventually(() => {
    const rows = householdRecords();
    return rows.length >= 81 && rows.some((x) => x.log === 0) && rows.some((x) => x.log === 1) && rows;
  });
  assert.ok(expected, `records of both logs: ${JSON.stringify(householdRecords().slice(0, 3))} ${householdRecords().length}`);
  let url = `/casussen/${devries}/toegang`;
  const shown = [];
  let sawBothKeys = false;
  for (let page = 0; url && page < 20; page++) {
    const r = await reg.get(url);
    assert.equal(r.status, 200);
    const p = pageRows(r.text);
    assert.ok(p.rows.length <= 50);
    shown.push(...p.rows);
    if (p.older && /voor=\d+/.test(p.older) && /voor_lees=\d+/.test(p.older)) sawBothKeys = true;
    url = p.older;
  }
  assert.ok(sawBothKeys, `the pager carries a keyset per log: ${shown.length} rows`);
  assert.deepEqual(shown, expected.map(kindLabel), 'every record once, in time order');
  assert.ok(shown.filter((k) => k === 'Wijzigen').length >= 31 && shown.filter((k) => k === 'Lezen').length >= 51);
});

test('the read log\'s household index is append-only and names only the newest record', () => {
  const file = readlogOf(d.db);
  for (const q of ['INSERT INTO audit_household (household_id, audit_id) VALUES (999999, 1)',
    'DELETE FROM audit_household', 'UPDATE audit_household SET household_id = 0',
    'DELETE FROM audit_log', "UPDATE audit_log SET detail = 'x'"]) {
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', file, q], { encoding: 'utf8' });
    assert.match(r.stderr, /append-only/, q);
  }
  assert.equal(sql(d.db, 'SELECT count(*) AS n FROM readlog.audit_household WHERE household_id = 999999')[0].n, 0);
});

test('a read log beside another database is refused: a new database does not take an old read log', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-readlog-'));
  try {
    const fresh = path.join(dir, 'fresh.db');
    // the demo database was removed by hand, its read log left behind: a new database there
    // (a consistent copy: the live read log's newest pages may be in its WAL)
    execFileSync('sqlite3', [readlogOf(d.db), `.backup '${readlogOf(fresh)}'`]);
    const r = spawnSync(daemonBinary(), ['migrate', '--db', fresh], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /belongs to another database/);
    // its own read log is fine, and stays its own
    rmSync(readlogOf(fresh));
    const ok = spawnSync(daemonBinary(), ['migrate', '--db', fresh], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const again = spawnSync(daemonBinary(), ['migrate', '--db', fresh], { encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a pager position of the read log is checked like the change log\'s', async () => {
  for (const v of ['-5', 'abc', '99999999999999999999']) {
    assert.equal((await reg.get(`/casussen/${devries}/toegang?voor_lees=${v}`)).status, 400, v);
  }
  assert.equal((await reg.get(`/casussen/${devries}/toegang?voor_lees=1`)).status, 200);
});

// ---- the household index in batches (src/store/readlog_index.h) ----

/** A daemon of our own on db, killable with SIGKILL; a long wait keeps reads in the tail. */
const ownEnv = { ...process.env, KETENREGIE_DEMO_PASSWORD: DEMO_PASSWORD };
async function serve(db, extraEnv = {}) {
  const port = await freePort();
  const child = spawn(daemonBinary(), ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
    { cwd: REPO_ROOT, env: { ...ownEnv, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  const exited = new Promise((r) => child.once('exit', r));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`daemon exited: ${log.slice(-2000)}`);
    try {
      if ((await new Client(baseUrl).get('/healthz')).status === 200) return { child, exited, baseUrl, log: () => log };
    } catch { /* not yet */ }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`daemon did not start: ${log.slice(-2000)}`);
}
const own = mkdtempSync(path.join(os.tmpdir(), 'kr-readlog-index-'));
const ownDb = path.join(own, 't.db');
execFileSync(daemonBinary(), ['migrate', '--db', ownDb], { env: ownEnv, stdio: 'ignore' });
execFileSync(daemonBinary(), ['demo', '--db', ownDb], { env: ownEnv, stdio: 'ignore' });
const odv = sql(ownDb, `SELECT c.id FROM casefile c JOIN app_user u ON u.id = c.director_id
  WHERE u.username = 'professional' ORDER BY c.id LIMIT 1`)[0].id;
const oh = sql(ownDb, `SELECT household_id AS h FROM casefile WHERE id = ${odv}`)[0].h;
/** The kinds the household's access log must show, newest first (index ∪ tail, both logs). */
const ownExpected = () => householdRecords(ownDb, oh).map(kindLabel);
/** Every row of the household's access log, page after page. */
async function reportRows(c) {
  let url = `/casussen/${odv}/toegang`;
  const shown = [];
  for (let page = 0; url && page < 40; page++) {
    const r = await c.get(url);
    assert.equal(r.status, 200);
    const p = pageRows(r.text);
    shown.push(...p.rows);
    url = p.older;
  }
  return shown;
}
const rl = (q) => JSON.parse(execFileSync('sqlite3', ['-json', '-cmd', '.timeout 5000', readlogOf(ownDb), q], { encoding: 'utf8' }).trim() || '[]');
const mark = () => rl('SELECT (SELECT indexed_to FROM audit_index_mark) AS mark, (SELECT max(id) FROM audit_log) AS head')[0];
/** The read log's records of the household: [{id, indexed}] from audit_log itself. */
const readsOf = (h) => rl(`SELECT a.id, (SELECT count(*) FROM audit_household ah WHERE ah.household_id = ${h} AND ah.audit_id = a.id) AS indexed
  FROM audit_log a WHERE a.household_id = ${h} OR instr(' ' || a.households || ' ', ' ${h} ') > 0 ORDER BY a.id`);
const slow = { KETENREGIE_READLOG_INDEX_MS: '3600000' }; // the tail waits for 1,000 records or the stop
const READLOG_INDEX_RECORDS = 1000; // src/store/readlog_index.h

test('a read in the tail is in the household report, the export and the access decision at once', async () => {
  const s = await serve(ownDb, slow);
  try {
    const c = new Client(s.baseUrl);
    await c.login('professional');
    await c.get(`/casussen/${odv}`);
    await c.get(`/casussen/${odv}/toegang`);
    const tail = rl(`SELECT max(id) AS id FROM audit_log WHERE action = 'view' AND object_type = 'case' AND object_id = ${odv}`)[0].id;
    const m = mark();
    assert.ok(tail > m.mark, `the case page's record ${tail} is still in the tail (watermark ${m.mark})`);
    assert.equal(rl(`SELECT count(*) AS n FROM audit_household WHERE audit_id > ${m.mark}`)[0].n, 0, 'nothing indexed above the watermark');
    // the report: every record once, in time order, the tail's among them
    const expected = ownExpected();
    assert.deepEqual(await reportRows(c), expected, 'the report reads the index and the tail');
    // the export names the reads of the tail, in time order, once each
    const exp = await c.get(`/casussen/${odv}/inzage.json`);
    assert.equal(exp.status, 200);
    const reads = readsOf(oh).filter((r) => r.id > m.mark).length;
    assert.ok(reads >= 3, `reads in the tail: ${reads}`);
    const exportText = exp.text;
    assert.match(exportText, /"object_type":\s*"access_log"/, 'the report\'s own record (tail) is exported');
    // the privacy officer's search (a read, in the tail) opens the household at once
    const p = new Client(s.baseUrl);
    await p.login('privacy');
    assert.equal((await p.get(`/privacy/huishoudens/${oh}`)).status, 404);
    const hit = await p.get('/privacy?naam=Linda+de+Vries&geboortedatum=1988-04-17');
    assert.match(hit.text, new RegExp(`/privacy/huishoudens/${oh}`));
    const search = rl("SELECT max(id) AS id FROM audit_log WHERE action = 'search' AND username = 'privacy'")[0].id;
    assert.ok(search > mark().mark, 'the search is still in the tail');
    assert.equal((await p.get(`/privacy/huishoudens/${oh}`)).status, 200, 'the search counts at once');
  } finally {
    s.child.kill('SIGKILL');
    await s.exited;
  }
});

test('kill -9 with an unindexed tail: the next start indexes it, each record once', async () => {
  const before = mark();
  assert.ok(before.head > before.mark, `the last test left a tail: ${JSON.stringify(before)}`);
  const s = await serve(ownDb, slow);
  let mid;
  try {
    assert.equal(mark().mark, before.head, 'the last test\'s kill left a tail: this start indexed it');
    const c = new Client(s.baseUrl);
    await c.login('professional');
    for (let i = 0; i < 5; i++) assert.equal((await c.get(`/casussen/${odv}`)).status, 200);
    mid = mark();
    assert.ok(mid.head >= before.head + 5 && mid.mark === before.head, `the tail grew: ${JSON.stringify(mid)}`);
  } finally {
    s.child.kill('SIGKILL');
    await s.exited;
  }
  const t = await serve(ownDb); // the default rule
  try {
    const after = mark();
    assert.ok(after.mark >= mid.head, `caught up at start: ${JSON.stringify(after)}`);
    const reads = readsOf(oh).filter((r) => r.id <= mid.head);
    assert.ok(reads.length >= 8);
    assert.deepEqual(reads.filter((r) => r.indexed !== 1), [], 'every record of the household indexed once');
    assert.equal(rl(`SELECT count(*) AS n FROM audit_household WHERE audit_id > ${before.mark} AND audit_id <= ${mid.head}`)[0].n,
      rl(`SELECT count(*) AS n FROM (SELECT DISTINCT h, id FROM (SELECT household_id AS h, id FROM audit_log WHERE id > ${before.mark} AND id <= ${mid.head}
        UNION ALL SELECT CAST(j.value AS INTEGER), a.id FROM audit_log a, json_each('[' || replace(a.households, ' ', ',') || ']') j
        WHERE a.id > ${before.mark} AND a.id <= ${mid.head} AND a.households IS NOT NULL) WHERE h > 0)`)[0].n,
      'the index holds exactly the households the records name');
    // the report shows each once: its rows, page after page, against the records
    const c2 = new Client(t.baseUrl);
    await c2.login('professional');
    const expected = ownExpected();
    assert.deepEqual(await reportRows(c2), expected, 'each record once, in time order');
    // after the batch (the default wait), every new read indexed once
    await c2.get(`/casussen/${odv}`);
    const head = mark().head;
    assert.ok(await eventually(() => mark().mark >= head, { timeout: 5000 }), 'indexed after the wait');
    assert.deepEqual(readsOf(oh).filter((r) => r.indexed !== 1), []);
  } finally {
    t.child.kill('SIGTERM');
    await t.exited;
  }
});

// The audit writer steps after its commits once the tail is due (src/auth/audit.c
// index_if_due); whether waiting records ever leave it no gap between steps depends on the
// timing, so that the steps alone hold the bound then is not forced here. 2,100 records: without
// indexing the tail would pass 2,000.
test('under steady load the records rule keeps the tail near 1,000, with no time rule', async () => {
  const s = await serve(ownDb, slow); // the time rule never comes: only the records rule indexes
  try {
    const start = mark();
    const clients = [];
    for (let i = 0; i < 4; i++) {
      const c = new Client(s.baseUrl);
      await c.login('professional');
      clients.push(c);
    }
    let done = false;
    let most = 0;
    const load = Promise.all(clients.map(async (c) => {
      while (!done) assert.equal((await c.get(`/casussen/${odv}`)).status, 200);
    }));
    load.catch(() => {}); // awaited below; a failed request fails the test there
    const deadline = Date.now() + 120_000;
    try {
      while (Date.now() < deadline) {
        const m = mark();
        most = Math.max(most, m.head - m.mark);
        if (m.head >= start.head + 2100) break;
        await sleep(20);
      }
    } finally {
      done = true;
      await load;
    }
    const end = mark();
    assert.ok(end.head >= start.head + 2100, `2,100 records written: ${JSON.stringify({ start, end })}`);
    assert.ok(end.mark > start.mark, `indexed while serving: ${JSON.stringify({ start, end })}`);
    // above 1,000 by at most one group commit (four clients) and the records of one step
    assert.ok(most <= READLOG_INDEX_RECORDS + 100, `the tail stayed near ${READLOG_INDEX_RECORDS}: at most ${most}`);
    assert.ok(end.head - end.mark <= READLOG_INDEX_RECORDS + 100, `the tail at the end: ${end.head - end.mark}`);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
  }
});

test('the watermark only moves forward, and the index grows only above it', () => {
  const m = mark();
  assert.ok(m.mark > 0);
  for (const q of ['UPDATE audit_index_mark SET indexed_to = indexed_to - 1', 'DELETE FROM audit_index_mark',
    'INSERT OR REPLACE INTO audit_index_mark (one, indexed_to) VALUES (1, 0)',
    'UPDATE audit_index_mark SET indexed_to = (SELECT max(id) FROM audit_log) + 1',
    `INSERT INTO audit_household (household_id, audit_id) VALUES (999999, ${m.mark})`,
    `INSERT INTO audit_household (household_id, audit_id) VALUES (999999, ${m.head + 1})`]) {
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', readlogOf(ownDb), q], { encoding: 'utf8' });
    assert.match(r.stderr, /forward|append-only/, q);
  }
  assert.deepEqual(mark(), m);
  // `check` sees an index row above the watermark and a missing guard
  const copy = path.join(own, 'c.db');
  execFileSync('sqlite3', [ownDb, `.backup '${copy}'`]);
  execFileSync('sqlite3', [readlogOf(ownDb), `.backup '${readlogOf(copy)}'`]);
  const check = () => spawnSync(daemonBinary(), ['check', '--db', copy], { encoding: 'utf8' });
  assert.equal(check().status, 0, check().stderr + check().stdout);
  execFileSync('sqlite3', [readlogOf(copy), 'DROP TRIGGER audit_household_above_mark;'
    + 'INSERT INTO audit_household (household_id, audit_id) SELECT 999999, max(id) FROM audit_log;']);
  const bad = check();
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout + bad.stderr, /audit_household_above_mark|above its watermark/);
});

test('a version 3 read log upgrades in place: the watermark at its head, its guards made', async () => {
  // make the read log a version 3 one: no watermark, the old guard, every record indexed
  rl('SELECT 1'); // the daemon stopped cleanly: nothing in the tail
  assert.equal(mark().mark, mark().head);
  execFileSync('sqlite3', [readlogOf(ownDb), 'DROP TRIGGER audit_index_mark_forward; DROP TRIGGER audit_index_mark_no_delete;'
    + ' DROP TRIGGER audit_index_mark_once; DROP TRIGGER audit_household_above_mark; DROP TABLE audit_index_mark;'
    + " CREATE TRIGGER audit_household_newest_only BEFORE INSERT ON audit_household WHEN NEW.audit_id IS NOT (SELECT max(id) FROM audit_log)"
    + " BEGIN SELECT RAISE(ABORT, 'audit_household is append-only and names only the newest audit row'); END;"
    + ' PRAGMA user_version = 3;']);
  const head = rl('SELECT max(id) AS id FROM audit_log')[0].id;
  const s = await serve(ownDb, slow);
  try {
    assert.equal(rl('PRAGMA user_version')[0].user_version, 4);
    assert.deepEqual(mark(), { mark: head, head });
    assert.doesNotMatch(s.log(), /GUARDS RESTORED/, 'the upgrade makes the guards itself');
    assert.equal(rl("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'audit_household_newest_only'")[0].n, 0);
    const c = new Client(s.baseUrl);
    await c.login('professional');
    assert.equal((await c.get(`/casussen/${odv}/toegang`)).status, 200);
    assert.ok(mark().head > head);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
  }
  assert.equal(mark().mark, mark().head, 'a clean stop indexes the tail');
  rmSync(own, { recursive: true, force: true });
});

await run({ after: () => d.stop() });
