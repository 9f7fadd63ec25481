// retention.test.mjs — the 20-year retention term (issue 10, item 7). A case
// closed 21 years ago (the demo clock of the command set 7,700 days on) loses all
// its client data: no row of any table names it any more, its household and
// members are gone, its handover keeps only the process figures (/cijfers is
// unchanged), and none of its text is left in the database file or its WAL
// (secure_delete, merged FTS segments, truncated WAL). A case under a recorded
// legal hold is kept; the dry run deletes nothing; the daemon runs it by itself.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { test, run, nlDay, startDaemon, Client, sql, eventually } from './lib.mjs';

const BIN = process.env.KETENREGIE_BIN || 'build/san/ketenregie';
const AHEAD = String(21 * 365 + 30); // 21 years on
const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const caseOf = (name) => one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = '${name}'`).id;
const devries = caseOf('Familie De Vries (demo)');
const smits = caseOf('Familie Smits (demo)');
const kuipers = caseOf('Familie Kuipers (demo)');
const household = one(`SELECT household_id AS h FROM casefile WHERE id = ${devries}`).h;
// the demo's handover returned without ever becoming a case, and one still waiting for a team
const returned = one(`SELECT id, household_id AS h, reason FROM handover WHERE status = 'teruggelegd' AND case_id IS NULL`);
const waiting = one(`SELECT id, household_name FROM handover WHERE status = 'ingediend' AND case_id IS NULL ORDER BY id LIMIT 1`);
const today = nlDay();
const retention = (args, clock = AHEAD) => spawnSync(BIN, ['retention', ...args, '--db', d.db],
  { encoding: 'utf8', env: { ...process.env, KETENREGIE_DEMO_CLOCK_DAYS: clock } });
// the audit trail and its per-household index stay (ids and actions, never contents)
const tablesWith = (col) => sql(d.db, `SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
  WHERE m.type = 'table' AND p.name = '${col}' AND m.name NOT IN ('audit_log', 'audit_household', 'retention_log')`).map((r) => r.name);
const rowsNaming = (col, id) => tablesWith(col).map((t) => [t, one(`SELECT count(*) AS n FROM ${t} WHERE ${col} = ${id}`).n])
  .filter(([, n]) => n > 0);

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

let figuresBefore;

test('setup: De Vries and Smits are closed today; Smits is put under a legal hold', async () => {
  const tl = await as('teamleider');
  assert.equal((await tl.post(`/casussen/${devries}/afsluiten`, [['closed_on', today], ['reason', 'Doelen gehaald.']])).status, 303);
  assert.equal((await tl.post(`/casussen/${smits}/afsluiten`, [['closed_on', today], ['reason', 'Verhuisd.']])).status, 303);
  const bad = retention(['hold', String(smits), '--who', 'mr. A. Jansen', '--reason', 'x', '--until', 'morgen']);
  assert.equal(bad.status, 2);
  assert.equal(retention(['hold', '999999', '--who', 'mr. A. Jansen', '--reason', 'x', '--until', '2099-01-01']).status, 1);
  const hold = retention(['hold', String(smits), '--who', 'mr. A. Jansen, advocaat', '--reason', 'Lopende civiele procedure', '--until', '2099-01-01']);
  assert.equal(hold.status, 0, hold.stderr);
  assert.deepEqual(one(`SELECT held_by, reason, until_on FROM case_legal_hold WHERE case_id = ${smits}`),
    { held_by: 'mr. A. Jansen, advocaat', reason: 'Lopende civiele procedure', until_on: '2099-01-01' });
  figuresBefore = (await (await as('beleid')).get('/cijfers/export.csv')).text;
  assert.match(figuresBefore, /Wijkteam Venlo-Noord/);
});

test('not yet due today; 21 years on the dry run names the case and the hold, and deletes nothing', async () => {
  const now = retention([], '0');
  assert.equal(now.status, 0, now.stderr);
  assert.match(now.stdout, /0 casus\(sen\) over de termijn/);
  const count = () => one(`SELECT (SELECT count(*) FROM casefile) + (SELECT count(*) FROM journal_entry)
    + (SELECT count(*) FROM person) + (SELECT count(*) FROM handover_member) AS n`).n;
  const before = count();
  const dry = retention([]);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`casus ${devries} \\(gesloten ${today}\\): termijn verstreken, wordt verwijderd met --apply`));
  assert.match(dry.stdout, new RegExp(`casus ${smits} \\(gesloten ${today}\\): bewaard onder juridische bewaarplicht \\d+ tot 2099-01-01 — mr\\. A\\. Jansen, advocaat: Lopende civiele procedure`));
  assert.match(dry.stdout, /proefdraai/);
  assert.match(dry.stdout, new RegExp(`overdracht ${returned.id} \\(teruggelegd, geëindigd \\d{4}-\\d\\d-\\d\\d, zonder casus\\): termijn verstreken`));
  assert.doesNotMatch(dry.stdout, new RegExp(`overdracht ${waiting.id} `), 'a handover still waiting for a team is not due');
  assert.equal(count(), before, 'the dry run deleted nothing');
  assert.equal(one(`SELECT count(*) AS n FROM retention_log`).n, 0);
});

test('--apply deletes the case closed 21 years ago, keeps the one under hold, and the figures stay', async () => {
  const handover = one(`SELECT id, reason FROM handover WHERE case_id = ${devries}`);
  const journal = one(`SELECT body FROM journal_entry WHERE case_id = ${devries} ORDER BY id LIMIT 1`).body;
  const r = retention(['--apply']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`casus ${devries} \\(gesloten ${today}\\): verwijderd \\(1 overdracht\\(en\\) geanonimiseerd, huishouden verwijderd\\)`));
  assert.deepEqual(rowsNaming('case_id', devries), [], 'no table names the case any more');
  assert.deepEqual(rowsNaming('household_id', household), [], 'no table names the household any more');
  assert.equal(one(`SELECT count(*) AS n FROM handover_member WHERE handover_id = ${handover.id}`).n, 0);
  assert.equal(one(`SELECT count(*) AS n FROM handover_condition WHERE handover_id = ${handover.id}`).n, 0);
  const h = one(`SELECT household_name, reason, risk_assessment, status, submitted_at IS NOT NULL AS sub FROM handover WHERE id = ${handover.id}`);
  assert.deepEqual(h, { household_name: 'Verwijderd na de bewaartermijn', reason: '', risk_assessment: '', status: 'geaccepteerd', sub: 1 });
  assert.equal(sql(d.db, `SELECT rowid FROM household_search WHERE household_search MATCH 'vries'`).length, 0);
  assert.equal(sql(d.db, `SELECT rowid FROM case_name_search WHERE case_name_search MATCH 'vries'`).length, 0, 'the case search forgets the case');
  // the one under hold is whole
  assert.equal(one(`SELECT status FROM casefile WHERE id = ${smits}`).status, 'gesloten');
  assert.ok(one(`SELECT count(*) AS n FROM case_involvement WHERE case_id = ${smits}`).n > 0);
  // what was deleted is logged without personal data; the audit log stays and says so
  assert.deepEqual(one(`SELECT case_id, closed_on, household_deleted FROM retention_log WHERE case_id = ${devries}`), { case_id: devries, closed_on: today, household_deleted: 1 });
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'retention' AND action = 'delete' AND object_id = ${devries}`).n > 0);
  assert.ok(one(`SELECT count(*) AS n FROM audit_log WHERE household_id = ${household}`).n > 0, 'earlier audit records stay');
  // the figures count the anonymised handover as before
  assert.equal((await (await as('beleid')).get('/cijfers/export.csv')).text, figuresBefore);
  // the case answers 404; none of its text is left in the file or the WAL
  assert.equal((await (await as('teamleider')).get(`/casussen/${devries}`)).status, 404);
  const bytes = Buffer.concat([readFileSync(d.db), existsSync(`${d.db}-wal`) ? readFileSync(`${d.db}-wal`) : Buffer.alloc(0)]);
  for (const text of [handover.reason.slice(0, 40), journal.slice(0, 40), 'Linda de Vries'])
    assert.equal(bytes.indexOf(Buffer.from(text)), -1, `"${text}" still in the database file`);
  // a second run finds nothing more to do
  const again = retention(['--apply']).stdout;
  assert.match(again, /1 onder bewaarplicht, 0 verwijderd/);
  assert.match(again, /overdrachten zonder casus .*: 0 over de termijn, 0 geleegd/);

});

test('a handover that never became a case is emptied after the term too; its household goes, a waiting one stays', async () => {
  // emptied by the --apply of the test before: the same personal fields as a case's handover
  assert.equal(one(`SELECT count(*) AS n FROM handover_member WHERE handover_id = ${returned.id}`).n, 0);
  assert.equal(one(`SELECT count(*) AS n FROM handover_condition WHERE handover_id = ${returned.id}`).n, 0);
  const h = one(`SELECT household_name, reason, status, return_category IS NOT NULL AS cat, household_id, anonymised_on IS NOT NULL AS done FROM handover WHERE id = ${returned.id}`);
  assert.deepEqual(h, { household_name: 'Verwijderd na de bewaartermijn', reason: '', status: 'teruggelegd', cat: 1, household_id: null, done: 1 });
  assert.deepEqual(rowsNaming('household_id', returned.h), [], 'its household and members are gone');
  assert.deepEqual(one(`SELECT status, household_deleted FROM retention_handover_log WHERE handover_id = ${returned.id}`),
    { status: 'teruggelegd', household_deleted: 1 });
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'retention' AND object_type = 'handover' AND object_id = ${returned.id}`).n > 0);
  const bytes = Buffer.concat([readFileSync(d.db), existsSync(`${d.db}-wal`) ? readFileSync(`${d.db}-wal`) : Buffer.alloc(0)]);
  assert.equal(bytes.indexOf(Buffer.from(returned.reason.slice(0, 40))), -1, 'its text is not in the database file');
  // the one waiting for a team keeps everything
  assert.equal(one(`SELECT household_name FROM handover WHERE id = ${waiting.id}`).household_name, waiting.household_name);
  assert.ok(one(`SELECT count(*) AS n FROM handover_member WHERE handover_id = ${waiting.id}`).n > 0);
  // outside a retention run the guards still refuse
  const upd = spawnSync('sqlite3', [d.db, `UPDATE handover SET reason = 'x' WHERE id = ${waiting.id};`], { encoding: 'utf8' });
  assert.match(upd.stderr, /a submitted handover is final/);
});

test('the history guards still refuse deleting a case\'s rows outside a retention run', () => {
  const del = spawnSync('sqlite3', [d.db, `DELETE FROM case_involvement WHERE case_id = ${smits};`], { encoding: 'utf8' });
  assert.match(del.stderr, /involvement history is kept/);
  const mem = spawnSync('sqlite3', [d.db, `DELETE FROM handover_member WHERE handover_id IN (SELECT id FROM handover WHERE case_id = ${smits});`], { encoding: 'utf8' });
  assert.match(mem.stderr, /a submitted handover is final/);
  const upd = spawnSync('sqlite3', [d.db, `UPDATE handover SET reason = 'x' WHERE case_id = ${smits};`], { encoding: 'utf8' });
  assert.match(upd.stderr, /a submitted handover is final/);
});

test('the daemon runs the retention itself (at start, then daily)', async () => {
  const later = await startDaemon({ env: { KETENREGIE_DEMO_CLOCK_DAYS: AHEAD } });
  try {
    // the demo's Familie Kuipers was closed about a month ago (same demo, same ids)
    assert.ok(await eventually(() => sql(later.db, `SELECT case_id FROM retention_log WHERE case_id = ${kuipers}`).length > 0, { timeout: 10000 }));
    assert.equal(sql(later.db, `SELECT id FROM casefile WHERE id = ${kuipers}`).length, 0);
  } finally {
    await later.stop();
  }
});

await run({ after: () => d.stop() });
