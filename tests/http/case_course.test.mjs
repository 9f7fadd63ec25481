// case_course.test.mjs — the course of a case (issue 8): closure with the
// toekomstplan (required from phase 4 or 5), a closed case refusing every change
// with 409, reopening with a reason, the hermelding on a new handover for a
// household whose case is open or recently closed, and the five phases (a change
// records date, reason and who; back to phase 1 after an incident stands out).
import assert from 'node:assert/strict';
import { test, run, nlDay, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const caseOf = (name) => one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  WHERE h.name = '${name}'`).id;
const devries = caseOf('Familie De Vries (demo)');
const smits = caseOf('Familie Smits (demo)');
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOf = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;
const today = nlDay();
const status = (id) => one(`SELECT status FROM casefile WHERE id = ${id}`).status;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

test('demo (issue 8): a case in each phase, one escalated, one closed with a toekomstplan, one with two evaluations', async () => {
  const phases = Object.fromEntries(sql(d.db, `SELECT h.name, c.phase, c.status FROM casefile c JOIN household h ON h.id = c.household_id
    WHERE h.name LIKE '%(demo)'`).filter((r) => r.status === 'open').map((r) => [r.name, r.phase]));
  assert.deepEqual([...new Set(Object.values(phases))].sort(), [1, 2, 3, 4, 5], JSON.stringify(phases));
  const wijnen = caseOf('Familie Wijnen (demo)');
  assert.ok(one(`SELECT count(*) AS n FROM case_escalation WHERE case_id = ${wijnen} AND decided_on IS NULL`).n > 0, 'one escalated');
  const kuipers = caseOf('Familie Kuipers (demo)');
  const closure = one(`SELECT from_phase, relapse_signals <> '' AS signals, family_calls <> '' AS calls, watch_org_id IS NOT NULL AS watch
    FROM case_closure WHERE case_id = ${kuipers}`);
  assert.deepEqual(closure, { from_phase: 5, signals: 1, calls: 1, watch: 1 });
  assert.equal(status(kuipers), 'gesloten');
  const page = (await (await as('professional')).get(`/casussen/${kuipers}`)).text;
  assert.match(page, /<h3 class="utrecht-heading-3">Toekomstplan<\/h3>/);
  assert.equal(one(`SELECT count(*) AS n FROM case_evaluation WHERE case_id = ${devries}`).n, 2, 'two evaluations (their chart: family_plan.test.mjs)');
});

test('phases: a change records date, reason and who; the page names the plan of the phase', async () => {
  const reg = await as('professional');
  let page = (await reg.get(`/casussen/${devries}`)).text;
  // the demo case is in phase 2 (one recorded change)
  assert.match(page, /Huidige fase: <strong class="fase">2 Stabiele veiligheid<\/strong>. Het plan bij deze fase: <strong>hulpverleningsplan voor risicogestuurde zorg<\/strong>/);
  const r = await reg.post(`/casussen/${devries}/fase`, [['to_phase', '3'], ['changed_on', today], ['reason', 'Veiligheidsplan werkt al zes weken.']]);
  assert.equal(r.status, 303);
  const row = one(`SELECT from_phase, to_phase, changed_on, reason, incident, changed_by FROM case_phase_change WHERE case_id = ${devries} ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(row, { from_phase: 2, to_phase: 3, changed_on: today, reason: 'Veiligheidsplan werkt al zes weken.', incident: 0, changed_by: userId('professional') });
  page = (await reg.get(`/casussen/${devries}`)).text;
  assert.match(page, /3 Herstel van de ontwikkeling<\/strong>. Het plan bij deze fase: <strong>herstelplannen \(trauma-geïnformeerd\) per gezinslid/);
  assert.match(page, /van 2 Stabiele veiligheid naar 3 Herstel van de ontwikkeling — Veiligheidsplan werkt al zes weken\. <span class="meta">\(Sanne Verhoeven\)/);
});

test('phases: bad input keeps the reason; same phase, incident not to phase 1, future date refused', async () => {
  const reg = await as('professional');
  const r = await reg.post(`/casussen/${devries}/fase`, [['to_phase', '3'], ['changed_on', '2100-01-01'], ['reason', 'Zelfde <fase>']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /De casus is al in fase 3 Herstel van de ontwikkeling/);
  assert.match(r.text, /kan niet in de toekomst liggen/);
  assert.match(r.text, />Zelfde &lt;fase&gt;<\/textarea>/);
  const i = await reg.post(`/casussen/${devries}/fase`, [['to_phase', '2'], ['incident', 'ja'], ['changed_on', today], ['reason', 'x']]);
  assert.equal(i.status, 422);
  assert.match(i.text, /Na een incident of hermelding gaat de casus terug naar fase 1/);
  const e = await reg.post(`/casussen/${devries}/fase`, [['to_phase', '4'], ['changed_on', today], ['reason', '  ']]);
  assert.equal(e.status, 422);
  assert.match(e.text, /Schrijf waarom de casus naar deze fase gaat/);
  assert.equal(one(`SELECT phase FROM casefile WHERE id = ${devries}`).phase, 3);
});

test('phases: back to phase 1 after an incident is always possible and stands out, history kept', async () => {
  const reg = await as('professional');
  assert.equal((await reg.post(`/casussen/${devries}/fase`, [['to_phase', '4'], ['changed_on', today], ['reason', 'Doelen gehaald.']])).status, 303);
  const r = await reg.post(`/casussen/${devries}/fase`, [['to_phase', '1'], ['incident', 'ja'], ['changed_on', today], ['reason', 'Politie-inzet na ruzie.']]);
  assert.equal(r.status, 303);
  const page = (await reg.get(`/casussen/${devries}`)).text;
  assert.match(page, /class="utrecht-alert utrecht-alert--warning terugval" role="note"><p class="utrecht-paragraph"><strong>Terug naar fase 1<\/strong> op [0-9-]+: Politie-inzet na ruzie\./);
  assert.match(page, /<li class="terugval">[^<]*van 4 Stabilisatie naar 1 Directe veiligheid <strong>\(terug naar fase 1 na een incident\)<\/strong>/);
  assert.equal(sql(d.db, `SELECT id FROM case_phase_change WHERE case_id = ${devries}`).length, 4, 'history kept');
  // the team leader may decide a phase too; the school and an uninvolved colleague may not
  assert.equal((await (await as('teamleider')).post(`/casussen/${devries}/fase`, [['to_phase', '4'], ['changed_on', today], ['reason', 'Na evaluatie weer stabiel.']])).status, 303);
  assert.equal((await (await as('partner')).post(`/casussen/${devries}/fase`, [['to_phase', '5'], ['changed_on', today], ['reason', 'x']])).status, 403, 'not a partner role');
  assert.equal((await (await as('professional2')).post(`/casussen/${devries}/fase`, [['to_phase', '5'], ['changed_on', today], ['reason', 'x']])).status, 404);
  // the school does not see the phase (dat, niet wat)
  assert.doesNotMatch((await (await as('partner')).get(`/casussen/${devries}`)).text, /Huidige fase/);
});

test('closure from phase 4 requires the toekomstplan; the input is kept', async () => {
  assert.equal(one(`SELECT phase FROM casefile WHERE id = ${devries}`).phase, 4);
  const reg = await as('professional');
  const r = await reg.post(`/casussen/${devries}/afsluiten`, [['closed_on', today], ['reason', 'Doelen <bereikt>'],
    ['relapse_signals', ''], ['family_calls', ''], ['watch_org', ''], ['watch_until', ''], ['check_on_1', '']]);
  assert.equal(r.status, 422);
  for (const m of [/schrijf de signalen van terugval/, /Schrijf wie het gezin belt/, /Kies welke organisatie een oogje in het zeil houdt/,
    /Vul in tot wanneer/, /ten minste één datum voor een vervolgcontrole/]) assert.match(r.text, m);
  assert.match(r.text, />Doelen &lt;bereikt&gt;<\/textarea>/);
  assert.equal(status(devries), 'open');
  // a check before the closing day and an organisation outside the case are refused
  const bad = await reg.post(`/casussen/${devries}/afsluiten`, [['closed_on', today], ['reason', 'Doelen bereikt'],
    ['relapse_signals', 'Moeder trekt zich terug'], ['family_calls', 'Wijkteam'], ['watch_org', String(orgOf('leertafellid.politie'))],
    ['watch_until', '2000-01-01'], ['check_on_1', '2000-01-01']]);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Kies een organisatie die bij de casus betrokken is/);
  assert.match(bad.text, /Een vervolgcontrole ligt na de datum van afsluiten/);
  assert.match(bad.text, />Moeder trekt zich terug<\/textarea>/);
});

test('closure with the toekomstplan; the school sees the plan it keeps an eye by; hermelding on a new handover', async () => {
  const reg = await as('professional');
  const r = await reg.post(`/casussen/${devries}/afsluiten`, [['closed_on', today], ['reason', 'Veiligheid stabiel, doelen bereikt.'],
    ['relapse_signals', 'Noah wordt weer stil in de klas.'], ['family_calls', 'Moeder belt het wijkteam, \'s avonds Veilig Thuis.'],
    ['watch_org', String(orgOf('partner'))], ['watch_what', 'Aanwezigheid en stemming van Noah'], ['watch_until', '2027-06-30'],
    ['check_on_1', '2027-01-15'], ['check_on_2', '2027-04-15']]);
  assert.equal(r.status, 303);
  assert.equal(status(devries), 'gesloten');
  const k = one(`SELECT from_phase, closed_by, watch_org_id FROM case_closure WHERE case_id = ${devries}`);
  assert.deepEqual(k, { from_phase: 4, closed_by: userId('professional'), watch_org_id: orgOf('partner') });
  const page = (await reg.get(`/casussen/${devries}`)).text;
  assert.match(page, /Afgesloten op [0-9-]+ vanuit fase 4 Stabilisatie door Sanne Verhoeven: Veiligheid stabiel/);
  assert.match(page, /Noah wordt weer stil in de klas\./);
  assert.match(page, /Basisschool De Regenboog \(demo\) tot 30-06-2027: Aanwezigheid en stemming van Noah/);
  assert.match(page, /15-01-2027 15-04-2027/);
  assert.match(page, /Casus heropenen/);
  assert.doesNotMatch(page, /Casus afsluiten|Fase vastleggen/);
  const school = (await (await as('partner')).get(`/casussen/${devries}`)).text;
  assert.match(school, /Toekomstplan/);
  assert.match(school, /Noah wordt weer stil in de klas\./);
  assert.doesNotMatch(school, /Casus heropenen/);
  // a new handover (demo handover 2 holds Noah de Vries) is a hermelding for the team of the closed case
  let h = await (await as('teamleider')).get('/overdrachten/2');
  assert.match(h.text, /Hermelding<\/strong> — de casus van dit gezin bij uw team is recent gesloten: <a href="\/casussen\/1">/);
  h = await (await as('teamleider')).get('/overdrachten');
  assert.match(h.text, /Hermelding<\/strong>: recent gesloten casus 1/);
  assert.doesNotMatch((await (await as('teamleider.zuid')).get('/overdrachten/2')).text, /Hermelding/);
});

test('a closed case refuses every change with 409', async () => {
  const reg = await as('professional');
  const tl = await as('teamleider');
  const attempts = [
    [reg, 'fase', [['to_phase', '5'], ['changed_on', today], ['reason', 'x']]],
    [reg, 'afsluiten', [['closed_on', today], ['reason', 'x']]],
    [reg, 'terugkoppeling', [['handover', '1'], ['agreements', 'x'], ['with_family', 'ja'], ['agreed_on', today]]],
    [tl, 'regisseur', [['director', String(userId('professional'))], ['reason', 'x']]],
  ];
  for (const [c, p, body] of attempts) {
    const r = await c.post(`/casussen/${devries}/${p}`, body);
    assert.equal(r.status, 409, p);
    assert.match(r.text, /href="\/casussen\/1"/);
  }
  assert.equal(sql(d.db, `SELECT id FROM case_phase_change WHERE case_id = ${devries}`).length, 5);
});

test('reopening takes a reason; the closure stays as history; reads and changes audited', async () => {
  const reg = await as('professional');
  const bad = await reg.post(`/casussen/${devries}/heropenen`, [['reason', ' ']]);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Schrijf waarom de casus weer wordt geopend/);
  const r = await reg.post(`/casussen/${devries}/heropenen`, [['reason', 'Hermelding: nieuw incident.']]);
  assert.equal(r.status, 303);
  assert.equal(status(devries), 'open');
  assert.equal((await reg.post(`/casussen/${devries}/heropenen`, [['reason', 'nog eens']])).status, 409);
  const page = (await reg.get(`/casussen/${devries}`)).text;
  assert.match(page, /Afgesloten op/);
  assert.match(page, /Heropend [0-9-]+ [0-9:]+ door Sanne Verhoeven: Hermelding: nieuw incident\./);
  const uid = userId('professional');
  const rows = await eventually(() => {
    const x = sql(d.db, `SELECT action, detail FROM audit_log WHERE user_id = ${uid} AND object_type = 'case' AND object_id = ${devries}
      AND action = 'update' AND outcome = 'allowed'`);
    return x.length >= 5 ? x : null;
  });
  assert.ok(rows.some((x) => x.detail === 'heropend'));
  assert.ok(rows.some((x) => /afgesloten vanuit fase 4/.test(x.detail || '')));
});

test('the team leader closes a phase-1 case without a toekomstplan; an uninvolved colleague gets 404', async () => {
  assert.equal((await (await as('professional2')).post(`/casussen/${smits}/afsluiten`, [['closed_on', today], ['reason', 'x']])).status, 404);
  assert.equal((await (await as('teamleider.zuid')).post(`/casussen/${smits}/afsluiten`, [['closed_on', today], ['reason', 'x']])).status, 404);
  const r = await (await as('teamleider')).post(`/casussen/${smits}/afsluiten`, [['closed_on', today], ['reason', 'Gezin verhuisd naar Roermond.']]);
  assert.equal(r.status, 303);
  assert.equal(status(smits), 'gesloten');
});

await run({ after: () => d.stop() });
