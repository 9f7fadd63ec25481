// home_flat.test.mjs — the boundaries of what keeps the start pages of vt, teamleider and
// professional flat (issue 11, 0026_flat_home.sql):
// - case_evaluation_open ("Evaluatie te laat"): an open case with its next evaluation date,
//   kept by triggers; a case enters when its date passes, leaves when evaluated, closed or
//   moved, follows the norm, and the table equals its definition after every kind of change;
// - handover_broken_tally (the count of "Veiligheidsvoorwaarde niet nageleefd"): equals the
//   count of its defining query after every change of a condition, a case or a handover;
// - handover_case_open ("Termijn overschreden in uw casussen"): an accepted handover of a
//   regisseur's open case is in it while its warm handover or feedback is open.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, sql, loggedInClients } from './lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const write = (s) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: s, encoding: 'utf8' });
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOf = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;
const iso = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

const as = loggedInClients(d.baseUrl);

/** The group "title: count" of the handover panel: its count and its HTML (0 when absent). */
function group(html, title) {
  const head = `<h4 class="utrecht-heading-4">${title}: `;
  const start = html.indexOf(head);
  if (start < 0) return { count: 0, html: '' };
  const end = html.indexOf('<h4', start + head.length);
  const part = html.slice(start, end < 0 ? undefined : end);
  return { count: Number(/: (\d+)<\/h4>/.exec(part)[1]), html: part };
}

// ---- "Evaluatie te laat" ---------------------------------------------------------------

const EVAL_DEFINITION = `SELECT c.id AS case_id, c.team_org_id, c.director_id,
  coalesce(d.due_on, date(c.opened_at, '+' || (7 * coalesce((SELECT CAST(value AS INTEGER) FROM setting
    WHERE key = 'norm_evaluatie_weken' AND CAST(value AS INTEGER) BETWEEN 1 AND 52), 6)) || ' days')) AS due_on
  FROM casefile c LEFT JOIN case_evaluation_due d ON d.case_id = c.id WHERE c.status = 'open' ORDER BY 1`;
const evalKept = (why) => assert.deepEqual(
  q('SELECT case_id, team_org_id, director_id, due_on FROM case_evaluation_open ORDER BY 1'), q(EVAL_DEFINITION), why);

test('"Evaluatie te laat": a case enters when its date passes and leaves when evaluated, closed or moved; the kept dates equal their definition', async () => {
  evalKept('after the migration and the demo');
  const team = orgOf('professional');
  write(`BEGIN;
    INSERT INTO household (name) VALUES ('Familie Evaluatiegrens (test)');
    INSERT INTO casefile (household_id, team_org_id, director_id, opened_at)
      VALUES (last_insert_rowid(), ${team}, ${userId('professional')}, '${iso(-100)} 09:00:00');
    COMMIT;`);
  const id = one('SELECT max(id) AS id FROM casefile').id;
  const mark = 'evaluatie te laat: Familie Evaluatiegrens (test)';
  const shows = async (who) => (await (await as(who)).get('/')).text.includes(mark);
  evalKept('a new case, no evaluation yet: the norm from its opening');
  assert.ok(await shows('professional'), 'the regisseur: the norm passed long ago');
  assert.ok(await shows('teamleider'), 'the team leader of the case team');
  // an evaluation date in the future: it leaves; in the past: it is back; removed: the norm
  write(`INSERT INTO case_evaluation_due (case_id, due_on) VALUES (${id}, '${iso(30)}');`);
  evalKept('an evaluation date set');
  assert.ok(!(await shows('professional')) && !(await shows('teamleider')));
  write(`UPDATE case_evaluation_due SET due_on = '${iso(-2)}' WHERE case_id = ${id};`);
  evalKept('an evaluation date changed');
  assert.ok(await shows('teamleider'));
  write(`DELETE FROM case_evaluation_due WHERE case_id = ${id};`);
  evalKept('an evaluation date removed');
  assert.ok(await shows('teamleider'));
  // closed: gone; reopened: back
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${id};`);
  evalKept('the case closed');
  assert.ok(!(await shows('teamleider')) && !(await shows('professional')));
  write(`UPDATE casefile SET status = 'open', closed_at = NULL WHERE id = ${id};`);
  evalKept('the case reopened');
  assert.ok(await shows('teamleider'));
  // another regisseur, another team, a later opening date
  write(`UPDATE casefile SET director_id = ${userId('professional2')} WHERE id = ${id};`);
  evalKept('another regisseur');
  assert.ok(!(await shows('professional')), 'no longer the regisseur');
  assert.ok(await shows('professional2'), 'the new regisseur');
  write(`UPDATE casefile SET team_org_id = ${orgOf('teamleider.zuid')} WHERE id = ${id};`);
  evalKept('another team');
  assert.ok(!(await shows('teamleider')) && await shows('teamleider.zuid'));
  write(`UPDATE casefile SET opened_at = '${iso(-10)} 09:00:00' WHERE id = ${id};`);
  evalKept('a later opening date');
  assert.ok(!(await shows('teamleider.zuid')));
  // the norm: 1 week puts it back; removed, the default of 6 weeks
  write(`UPDATE setting SET value = '1' WHERE key = 'norm_evaluatie_weken';`);
  evalKept('the norm changed');
  assert.ok(await shows('teamleider.zuid'), 'opened 10 days ago, norm 1 week');
  write(`DELETE FROM setting WHERE key = 'norm_evaluatie_weken';`);
  evalKept('the norm removed: the default');
  assert.ok(!(await shows('teamleider.zuid')));
  write(`INSERT INTO setting (key, value) VALUES ('norm_evaluatie_weken', '6');`);
  evalKept('the norm set again');
  // a case purged (retention) leaves the table
  write(`PRAGMA foreign_keys = OFF; DELETE FROM casefile WHERE id = ${id};`);
  evalKept('the case deleted');
});

// ---- "Veiligheidsvoorwaarde niet nageleefd" --------------------------------------------

const tallyKept = (why) => assert.deepEqual(
  q('SELECT vt_org_id, n FROM handover_broken_tally WHERE n <> 0 ORDER BY 1'),
  q(`SELECT h.vt_org_id, count(DISTINCT b.handover_id) AS n FROM case_condition_broken_open b
    JOIN handover h ON h.id = b.handover_id WHERE h.status = 'geaccepteerd' GROUP BY 1 ORDER BY 1`), why);

test('"Veiligheidsvoorwaarde niet nageleefd": the count kept by triggers equals its definition and the page shows it', async () => {
  tallyKept('after the migration and the demo');
  const vt = await as('vt');
  const prof = await as('professional.zuid');
  const broken = async () => group((await vt.get('/')).text, 'Veiligheidsvoorwaarde niet nageleefd');
  const conds = q('SELECT id, status FROM case_condition WHERE handover_id = 6 ORDER BY position');
  const caseId = one('SELECT case_id FROM handover WHERE id = 6').case_id;
  const set = (cond, was, status) => prof.post(`/casussen/${caseId}/voorwaarden`,
    [['condition', String(cond)], ['was', was], ['status', status], ['note', 'Toets.']]);
  const c0 = (await broken()).count;
  assert.equal((await set(conds[0].id, conds[0].status, 'niet_nageleefd')).status, 303);
  tallyKept('a condition not kept');
  assert.equal((await broken()).count, c0 + 1);
  assert.equal((await set(conds[1].id, conds[1].status, 'niet_nageleefd')).status, 303);
  tallyKept('a second condition of the same handover');
  assert.equal((await broken()).count, c0 + 1, 'a handover counts once');
  // the handover stops being accepted, and is accepted again
  write(`UPDATE handover SET status = 'teruggelegd' WHERE id = 6;`);
  tallyKept('the handover no longer accepted');
  assert.equal((await broken()).count, c0);
  write(`UPDATE handover SET status = 'geaccepteerd' WHERE id = 6;`);
  tallyKept('accepted again');
  assert.equal((await broken()).count, c0 + 1);
  // the case closes and reopens
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${caseId};`);
  tallyKept('the case closed');
  assert.equal((await broken()).count, c0);
  write(`UPDATE casefile SET status = 'open', closed_at = NULL WHERE id = ${caseId};`);
  tallyKept('the case reopened');
  // kept again, one by one: the handover leaves with the last
  assert.equal((await set(conds[0].id, 'niet_nageleefd', 'nageleefd')).status, 303);
  tallyKept('one kept again');
  assert.equal((await broken()).count, c0 + 1);
  assert.equal((await set(conds[1].id, 'niet_nageleefd', 'nageleefd')).status, 303);
  tallyKept('both kept again');
  const g = await broken();
  assert.equal(g.count, c0);
  assert.doesNotMatch(g.html, /Overdracht 6 —/);
  // a member handover deleted (retention): counted off once
  write(`UPDATE case_condition SET status = 'niet_nageleefd' WHERE id = ${conds[0].id};`);
  tallyKept('set in the database');
  write(`PRAGMA foreign_keys = OFF; DELETE FROM handover WHERE id = 6;`);
  tallyKept('the handover deleted');
});

// ---- "Termijn overschreden in uw casussen" ---------------------------------------------

test('"Termijn overschreden in uw casussen": an accepted handover of an open case is in handover_case_open while its warm handover or feedback is open', async () => {
  const membersKept = (why) => assert.deepEqual(
    q(`SELECT id FROM handover INDEXED BY handover_case_open WHERE status = 'geaccepteerd'
      AND (warm_held_date IS NULL OR feedback_first_at IS NULL) ORDER BY id`),
    q(`SELECT id FROM handover NOT INDEXED WHERE status = 'geaccepteerd'
      AND (warm_held_date IS NULL OR feedback_first_at IS NULL) ORDER BY id`), why);
  membersKept('after the migration and the demo');
  const prof = await as('professional');
  const late = async () => group((await prof.get('/')).text, 'Termijn overschreden in uw casussen');
  const h = one(`SELECT h.id FROM handover h JOIN casefile c ON c.id = h.case_id WHERE c.director_id = ${userId('professional')}
    AND c.status = 'open' AND h.status = 'geaccepteerd' AND h.warm_held_date IS NULL ORDER BY h.id LIMIT 1`).id;
  const c0 = (await late()).count;
  write(`UPDATE handover SET decided_at = '${iso(-90)} 10:00:00' WHERE id = ${h};`);
  let g = await late();
  assert.equal(g.count, c0 + 1, 'decided long ago, no warm handover: overdue');
  assert.match(g.html, new RegExp(`Overdracht ${h} —`));
  write(`UPDATE handover SET warm_held_date = '${iso(-80)}' WHERE id = ${h};`);
  membersKept('warm handover held');
  assert.equal((await late()).count, c0 + 1, 'the feedback is still open');
  write(`UPDATE handover SET feedback_first_at = '${iso(-70)} 10:00:00' WHERE id = ${h};`);
  membersKept('feedback given: it leaves');
  g = await late();
  assert.equal(g.count, c0);
  assert.doesNotMatch(g.html, new RegExp(`Overdracht ${h} —`));
  write(`UPDATE handover SET feedback_first_at = NULL WHERE id = ${h};`);
  membersKept('feedback removed: it enters again');
  assert.equal((await late()).count, c0 + 1);
});

await run();
