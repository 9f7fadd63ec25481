// tests/http/readlog.test.mjs — the audit trail in two files (src/store/readlog.h): a request
// that changed nothing has its record in the read log and leaves the database itself
// untouched (so the other connections' page caches stay warm); a change has its record in
// the database's own audit_log, in the change's transaction; the family's access log reads
// both and merges them by time, page after page, with a keyset per log.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, eventually, readlogOf } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const devries = one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional' ORDER BY c.id LIMIT 1`).id;
const household = one(`SELECT household_id AS h FROM casefile WHERE id = ${devries}`).h;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const reg = new Client(d.baseUrl);
await reg.login('professional');

/** Records of the household in the change log (0) and the read log (1), in the order the
 * access log shows them: newest first; at the same millisecond the read log's first. */
function householdRecords() {
  return sql(d.db, `SELECT * FROM (
      SELECT 0 AS log, a.id, a.at, a.action, a.object_type FROM main.audit_household ah JOIN main.audit_log a ON a.id = ah.audit_id WHERE ah.household_id = ${household}
      UNION ALL
      SELECT 1, a.id, a.at, a.action, a.object_type FROM readlog.audit_household ah JOIN readlog.audit_log a ON a.id = ah.audit_id WHERE ah.household_id = ${household})
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

await run({ after: () => d.stop() });
