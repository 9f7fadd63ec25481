// tests/http/handover_flat.test.mjs — the boundaries of the indexes and the tally that keep
// the handover panels and lists flat (migration 0021, issue 11): an item leaves an open list
// exactly when it stops being open, the counts follow, and the list totals kept by triggers
// equal a count of the rows they stand for after every kind of change.
//
// The start page counts overdue and returned handovers with SQL over partial indexes and reads
// only the items it shows; these tests watch the numbers on the page move by one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, nlDay, startDaemon, sql, loggedInClients } from './lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const write = (s) => {
  const out = execFileSync('sqlite3', ['-cmd', '.timeout 60000', '-json', d.db, s], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
};
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgId = (n) => one(`SELECT id FROM organisation WHERE name = '${n}'`).id;
const ZUID = orgId('Wijkteam Venlo-Zuid (demo)');
const NOORD = orgId('Wijkteam Venlo-Noord (demo)');
const VT = one(`SELECT organisation_id AS id FROM app_user WHERE username = 'vt'`).id;

const as = loggedInClients(d.baseUrl);

function handoverFields(over = {}) {
  return {
    receiving_organisation: 'triage', urgency: 'normaal', household_name: 'Familie Grens (test)',
    address: 'Proefstraat 1, Venlo', member_name: ['Gert Grens'], member_birthdate: ['1979-09-09'], member_role: ['ouder'],
    reason: 'Melding.', investigation_outcome: 'Vastgesteld.', risk_assessment: 'Onveilig.',
    safety_condition: ['Geen geweld.'], providers: 'Huisarts.', agreements: 'Ouders werken mee.', family_informed: 'ja',
    contact: 'F. El Amrani', action: 'indienen', ...over,
  };
}

/** The group "title: count" of the start-page panel: its count and its HTML (0 when absent). */
function group(html, title) {
  const head = `<h4 class="utrecht-heading-4">${title}: `;
  const start = html.indexOf(head);
  if (start < 0) return { count: 0, html: '' };
  const end = html.indexOf('<h4', start + head.length);
  const part = html.slice(start, end < 0 ? undefined : end);
  return { count: Number(/: (\d+)<\/h4>/.exec(part)[1]), html: part };
}

/** Copies of accepted handover `id` decided long ago, warm handover and feedback open. */
function agedCopies(id, n) {
  const cols = q('PRAGMA table_info(handover)').map((c) => c.name).filter((c) => c !== 'id' && c !== 'form_key');
  const list = cols.join(', ');
  const values = cols.map((c) => ({
    warm_held_date: 'NULL', feedback_first_at: 'NULL', warm_planned_date: 'NULL',
    decided_at: "datetime('now', '-90 days')", submitted_at: "datetime('now', '-95 days')",
  })[c] || c).join(', ');
  const ids = [];
  for (let i = 0; i < n; i++) {
    const r = write(`INSERT INTO handover (${list}) SELECT ${values} FROM handover WHERE id = ${id} RETURNING id`);
    ids.push(r[0].id);
  }
  return ids;
}

const vtTotal = () => one(`SELECT count(*) AS n FROM handover WHERE vt_org_id = ${VT}`).n;
const decidedTotal = (org) => one(`SELECT count(*) AS n FROM handover WHERE (taken_org_id = ${org}
  AND status IN ('geaccepteerd', 'teruggelegd')) OR (taken_org_id IS NULL AND status = 'teruggelegd'
  AND decided_org_id = ${org})`).n;

test('an accepted handover leaves the overdue groups of team and VT when its feedback arrives; the counts follow', async () => {
  // demo handover 6: accepted by Zuid, warm handover held, feedback overdue
  const h6 = one('SELECT status, taken_org_id, case_id, warm_held_date, feedback_first_at FROM handover WHERE id = 6');
  assert.equal(h6.status, 'geaccepteerd');
  assert.equal(h6.taken_org_id, ZUID);
  assert.ok(h6.warm_held_date && !h6.feedback_first_at);
  const tl = await as('teamleider.zuid');
  const vt = await as('vt');
  let team = group((await tl.get('/')).text, 'Termijn overschreden');
  let vtLate = group((await vt.get('/')).text, 'Termijn overschreden');
  assert.match(team.html, /Overdracht 6 —[\s\S]*?terugkoppeling aan Veilig Thuis ontbreekt/);
  const teamBefore = team.count;
  const vtBefore = vtLate.count;

  // six more, decided 90 days ago: counted by SQL, the oldest five shown, "En nog" for the rest
  const copies = agedCopies(6, 6);
  team = group((await tl.get('/')).text, 'Termijn overschreden');
  assert.equal(team.count, teamBefore + 6);
  assert.equal((team.html.match(/Overdracht \d+ —/g) || []).length, 5, 'five items shown');
  assert.match(team.html, new RegExp(`En nog ${teamBefore + 6 - 5}: alle bekijken`));
  assert.match(team.html, /Overdracht 6 —/, 'in id order: the oldest first');
  assert.doesNotMatch(team.html, new RegExp(`Overdracht ${copies[5]} —`));
  const shown = (html) => (html.match(/Overdracht \d+ —/g) || []).map((m) => Number(/\d+/.exec(m)[0]));
  const shownBefore = shown(team.html);
  vtLate = group((await vt.get('/')).text, 'Termijn overschreden');
  assert.equal(vtLate.count, vtBefore + 6);
  assert.match(vtLate.html, new RegExp(`Overdracht ${copies[5]} —`), 'VT: the newest first');
  // another team sees none of them
  const noord = (await (await as('teamleider')).get('/')).text;
  assert.doesNotMatch(group(noord, 'Termijn overschreden').html, new RegExp(`Overdracht ${copies[0]} —`));

  // the regisseur writes the feedback of handover 6: it leaves both groups
  const prof = await as('professional.zuid');
  const r = await prof.post(`/casussen/${h6.case_id}/terugkoppeling`, {
    handover: '6', agreements: 'Plan gemaakt.', with_family: 'ja', agreed_on: nlDay(),
  });
  assert.equal(r.status, 303);
  assert.ok(one('SELECT feedback_first_at FROM handover WHERE id = 6').feedback_first_at);
  team = group((await tl.get('/')).text, 'Termijn overschreden');
  assert.equal(team.count, teamBefore + 5);
  assert.doesNotMatch(team.html, /Overdracht 6 —/);
  const shownAfter = shown(team.html);
  assert.equal(shownAfter.length, 5);
  const moved = shownAfter.filter((x) => !shownBefore.includes(x));
  assert.equal(moved.length, 1, 'the next one moves up');
  assert.ok(copies.includes(moved[0]) && shownBefore.filter((x) => !shownAfter.includes(x))[0] === 6);
  vtLate = group((await vt.get('/')).text, 'Termijn overschreden');
  assert.equal(vtLate.count, vtBefore + 5);

  // the VT list's overdue count says the same
  assert.match((await vt.get('/overdrachten')).text, new RegExp(`${vtBefore + 5} overdrachten`));

  // a search by period alone reads that period (index handover_period): the copies were
  // submitted 95 days ago; Zuid's team leader finds them among its decisions, Noord's does not
  const day = (n) => new Date(Date.parse(`${nlDay()}T12:00:00Z`) - n * 86400e3).toISOString().slice(0, 10);
  const found = (html) => [...html.matchAll(/<a href="\/overdrachten\/(\d+)">/g)].map((m) => Number(m[1]));
  for (const [client, sees] of [[vt, true], [tl, true], [await as('teamleider'), false]]) {
    const hits = found((await client.get(`/overdrachten?van=${day(100)}&tot=${day(90)}`)).text);
    for (const c of copies) assert.equal(hits.includes(c), sees, `period ${c}`);
    const open = found((await client.get(`/overdrachten?van=${day(100)}`)).text);
    assert.equal(open.includes(copies[5]), sees, 'from a date on, until now');
    const before = found((await client.get(`/overdrachten?tot=${day(100)}`)).text);
    assert.ok(!before.includes(copies[0]), 'until a date before them');
    const other = found((await client.get(`/overdrachten?van=${day(100)}&tot=${day(90)}&status=teruggelegd`)).text);
    assert.ok(!other.includes(copies[0]), 'with the status filter');
  }
});

test('a returned handover leaves the VT\'s "teruggelegd" count when VT closes it; the list totals stay exact', async () => {
  const vt = await as('vt');
  const tl = await as('teamleider');
  const returnedOnHome = async () => Number(/(\d+) teruggelegd<\/a>/.exec((await vt.get('/')).text)?.[1] ?? 0);
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Grens (test)' }));
  assert.equal(r.status, 303);
  const id = Number(/\/overdrachten\/(\d+)$/.exec(r.location)[1]);
  const before = await returnedOnHome();
  // returned from the joint triage by Noord's team leader (not taken): Noord's decided list
  const decidedBefore = decidedTotal(NOORD);
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Geen taak.', reason_category: 'geen_lokale_taak', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(await returnedOnHome(), before + 1);
  assert.equal(decidedTotal(NOORD), decidedBefore + 1);
  const home = group((await vt.get('/')).text, 'Teruggelegd: opnieuw versturen of afsluiten');
  assert.match(home.html, new RegExp(`Overdracht ${id} —`), 'the newest return is listed');
  r = await vt.post(`/overdrachten/${id}/afsluiten`, { reason: 'Zorg loopt via de huisarts.', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.ok(one(`SELECT ended_at FROM handover WHERE id = ${id}`).ended_at);
  assert.equal(await returnedOnHome(), before, 'ended: no longer asks VT to act');
  assert.doesNotMatch(group((await vt.get('/')).text, 'Teruggelegd: opnieuw versturen of afsluiten').html,
    new RegExp(`Overdracht ${id} —`));

  // the totals of the paged lists (a tally kept by triggers) equal the rows after inserts,
  // status changes and decisions, for the whole list and per status
  const page = (await vt.get('/overdrachten')).text;
  assert.match(page, new RegExp(`nieuwste eerst: 1–\\d+ van ${vtTotal()}</caption>`), 'VT total');
  for (const status of ['ingediend', 'geaccepteerd', 'teruggelegd']) {
    const n = one(`SELECT count(*) AS n FROM handover WHERE vt_org_id = ${VT} AND status = '${status}'`).n;
    const text = (await vt.get(`/overdrachten?status=${status}`)).text;
    assert.match(text, new RegExp(`\\(gefilterd\\), nieuwste eerst: \\d+–\\d+ van ${n}</caption>`), status);
  }
  for (const [user, org] of [['teamleider', NOORD], ['teamleider.zuid', ZUID]]) {
    const text = (await (await as(user)).get('/overdrachten')).text;
    assert.match(text, new RegExp(`laatste besluit eerst: \\d+–\\d+ van ${decidedTotal(org)}</caption>`), user);
  }
  // and the tally holds no counts that the rows do not have
  const tally = q("SELECT org_id, status, n FROM handover_tally WHERE list = 'vt' AND n <> 0 ORDER BY org_id, status");
  const rows = q('SELECT vt_org_id AS org_id, status, count(*) AS n FROM handover GROUP BY 1, 2 ORDER BY 1, 2');
  assert.deepEqual(tally, rows);
});

test('team leader\'s inbox on the start page: counted from the waiting handovers (0028); a handover enters "hoog" and "Termijn overschreden" and leaves both when returned', async () => {
  const tl = await as('teamleider');
  const vt = await as('vt');
  // the inbox as the team leader's list reads it (INBOX_WHERE; Noord is a local team)
  const inbox = (extra = '') => one(`SELECT count(*) AS n FROM handover h WHERE h.status IN ('ingediend', 'in_behandeling')
    AND (h.taken_org_id = ${NOORD} OR (h.taken_org_id IS NULL AND (h.receiving_org_id = ${NOORD}
    OR h.receiving_org_id IS NULL))) ${extra}`).n;
  const panel = async () => {
    const html = (await tl.get('/')).text;
    const m = /(\d+) overdracht(?:en)? wacht(?:en)? op een besluit/.exec(html);
    return { waiting: m ? Number(m[1]) : 0, hoog: group(html, 'Nieuw met urgentie hoog'), late: group(html, 'Termijn overschreden') };
  };
  const urgent = "AND h.urgency = 'hoog' AND h.status = 'ingediend'";
  let p = await panel();
  assert.equal(p.waiting, inbox());
  assert.equal(p.hoog.count, inbox(urgent));
  const before = p;

  let r = await vt.post('/overdrachten/nieuw', handoverFields({ urgency: 'hoog', household_name: 'Familie Spoed (test)' }));
  assert.equal(r.status, 303);
  const id = Number(/\/overdrachten\/(\d+)$/.exec(r.location)[1]);
  p = await panel();
  assert.equal(p.waiting, before.waiting + 1);
  assert.equal(p.hoog.count, before.hoog.count + 1);
  assert.equal(p.late.count, before.late.count, 'submitted today: not overdue');
  if (p.hoog.count <= 5) assert.match(p.hoog.html, new RegExp(`Overdracht ${id} —[\\s\\S]*?ingediend op`));

  // submitted a month ago: past the decision norm; "hoog" first, oldest first, so shown first
  write(`UPDATE handover SET submitted_at = datetime('now', '-30 days') WHERE id = ${id}`);
  p = await panel();
  assert.equal(p.late.count, before.late.count + 1);
  assert.match(p.late.html, new RegExp(`Overdracht ${id} —[\\s\\S]*?wacht \\d+ werkdagen op een besluit`));
  assert.match(p.hoog.html, new RegExp(`Overdracht ${id} —`), 'the oldest "hoog" is shown first');

  // returned by the team leader: it leaves every group and the count of waiting handovers
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Geen taak.', reason_category: 'geen_lokale_taak', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  p = await panel();
  assert.equal(p.waiting, before.waiting);
  assert.equal(p.hoog.count, before.hoog.count);
  assert.equal(p.late.count, before.late.count);
  assert.doesNotMatch(p.hoog.html + p.late.html, new RegExp(`Overdracht ${id} —`));
  assert.equal(p.waiting, inbox());
});

test('"Veiligheidsvoorwaarde niet nageleefd": a handover enters with a condition not kept, leaves when its case closes or the condition is kept again', async () => {
  const vt = await as('vt');
  const prof = await as('professional.zuid');
  const broken = async () => group((await vt.get('/')).text, 'Veiligheidsvoorwaarde niet nageleefd');
  const conds = q('SELECT id, status FROM case_condition WHERE handover_id = 6 ORDER BY position');
  assert.ok(conds.length >= 2 && conds.every((k) => k.status !== 'niet_nageleefd'));
  const caseId = one('SELECT case_id FROM handover WHERE id = 6').case_id;
  const set = (cond, was, status) => prof.post(`/casussen/${caseId}/voorwaarden`,
    [['condition', String(cond)], ['was', was], ['status', status], ['note', 'Toets.']]);
  const c0 = (await broken()).count;
  assert.equal((await set(conds[0].id, conds[0].status, 'niet_nageleefd')).status, 303);
  let g = await broken();
  assert.equal(g.count, c0 + 1);
  assert.match(g.html, /Overdracht 6 —/);
  assert.equal((await set(conds[1].id, conds[1].status, 'niet_nageleefd')).status, 303);
  assert.equal((await broken()).count, c0 + 1, 'a handover counts once, however many conditions');
  // the case closes: its handover leaves the group; reopened, it is back
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${caseId}`);
  g = await broken();
  assert.equal(g.count, c0);
  assert.doesNotMatch(g.html, /Overdracht 6 —/);
  write(`UPDATE casefile SET status = 'open', closed_at = NULL WHERE id = ${caseId}`);
  assert.equal((await broken()).count, c0 + 1);
  // kept again, both: it leaves
  assert.equal((await set(conds[0].id, 'niet_nageleefd', 'nageleefd')).status, 303);
  assert.equal((await broken()).count, c0 + 1);
  assert.equal((await set(conds[1].id, 'niet_nageleefd', 'nageleefd')).status, 303);
  g = await broken();
  assert.equal(g.count, c0);
  assert.doesNotMatch(g.html, /Overdracht 6 —/);
  // the kept set equals its definition
  assert.deepEqual(q('SELECT condition_id FROM case_condition_broken_open ORDER BY 1'),
    q(`SELECT k.id AS condition_id FROM case_condition k JOIN handover h ON h.id = k.handover_id
      JOIN casefile c ON c.id = h.case_id WHERE k.status = 'niet_nageleefd' AND c.status = 'open' ORDER BY 1`));
});

await run();
