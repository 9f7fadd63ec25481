// case_escalation.test.mjs — op- en afschalen (issue 8, seed 003): the regisseur
// escalates with level, reason and what is asked of whom; the open escalation
// stands on the start page of whoever decides (the team leader for the levels
// inside the organisation, the regisseur for the answer from outside); the
// decision records date and who; afschalen takes a reason. A case without journal
// entry, meeting, phase change or evaluation for the norm's weeks is flagged as
// stagnating — tested with the demo clock set 30 days ahead.
import assert from 'node:assert/strict';
import { test, run, nlDay, startDaemon, Client, sql, eventually } from './lib.mjs';

const AHEAD = 30;
const d = await startDaemon({ env: { KETENREGIE_DEMO_CLOCK_DAYS: String(AHEAD) } });
const one = (q) => sql(d.db, q)[0];
const caseOf = (name) => one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  WHERE h.name = '${name}'`).id;
const devries = caseOf('Familie De Vries (demo)');
const smits = caseOf('Familie Smits (demo)');
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
// "today" as the daemon sees it (Dutch date, AHEAD days on)
const shifted = nlDay(AHEAD);

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

test('escalating: bad input is refused at the field with the text kept; a partner may not escalate', async () => {
  const reg = await as('professional');
  const r = await reg.post(`/casussen/${devries}/opschalen`, [['level', 'teamleider'], ['reason', 'Moeder <komt> niet'], ['asked', ''], ['escalated_on', '2100-01-01']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf wat u van wie vraagt/);
  assert.match(r.text, /De datum van opschalen kan niet in de toekomst liggen/);
  assert.match(r.text, />Moeder &lt;komt&gt; niet<\/textarea>/);
  const bad = await reg.post(`/casussen/${devries}/opschalen`, [['level', 'burgemeester'], ['reason', 'x'], ['asked', 'y'], ['escalated_on', shifted]]);
  assert.equal(bad.status, 422);
  assert.equal((await (await as('partner')).post(`/casussen/${devries}/opschalen`, [['level', 'teamleider'], ['reason', 'x'], ['asked', 'y'], ['escalated_on', shifted]])).status, 403);
  assert.equal((await (await as('professional2')).post(`/casussen/${devries}/opschalen`, [['level', 'teamleider'], ['reason', 'x'], ['asked', 'y'], ['escalated_on', shifted]])).status, 404);
  assert.equal(sql(d.db, `SELECT id FROM case_escalation WHERE case_id = ${devries}`).length, 0);
});

test('to the team leader: it stands on his start page, he decides (date, who); then it is gone from there', async () => {
  const reg = await as('professional');
  const r = await reg.post(`/casussen/${devries}/opschalen`, [['level', 'teamleider'], ['reason', 'Samenwerking met vader stagneert.'],
    ['asked', 'Teamleider: gesprek met de leidinggevende van de GGZ over inzet voor vader.'], ['escalated_on', shifted]]);
  assert.equal(r.status, 303);
  const id = one(`SELECT id FROM case_escalation WHERE case_id = ${devries}`).id;
  const tl = await as('teamleider');
  let home = (await tl.get('/')).text;
  assert.match(home, /Opschalingen die op een besluit wachten/);
  assert.match(home, /Familie De Vries \(demo\)<\/a>: opgeschaald naar Teamleider op [0-9-]+ door Sanne Verhoeven/);
  assert.doesNotMatch((await (await as('teamleider.zuid')).get('/')).text, /Familie De Vries/);
  // the regisseur cannot decide an escalation to his/her own team leader; another team leader cannot either
  assert.equal((await reg.post(`/casussen/${devries}/opschalingen/${id}/besluit`, [['decision', 'x'], ['decided_on', shifted]])).status, 404);
  assert.equal((await (await as('teamleider.zuid')).post(`/casussen/${devries}/opschalingen/${id}/besluit`, [['decision', 'x'], ['decided_on', shifted]])).status, 404);
  let page = (await tl.get(`/casussen/${devries}`)).text;
  assert.match(page, /wacht op besluit/);
  assert.match(page, /action="\/casussen\/1\/opschalingen\/\d+\/besluit"/);
  const empty = await tl.post(`/casussen/${devries}/opschalingen/${id}/besluit`, [['decision', ''], ['decided_on', shifted]]);
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Schrijf het besluit/);
  const ok = await tl.post(`/casussen/${devries}/opschalingen/${id}/besluit`, [['decision', 'Ik bel de GGZ deze week; inzet voor vader per 1 maart.'], ['decided_on', shifted]]);
  assert.equal(ok.status, 303);
  const row = one(`SELECT decided_on, decided_by FROM case_escalation WHERE id = ${id}`);
  assert.deepEqual(row, { decided_on: shifted, decided_by: userId('teamleider') });
  page = (await reg.get(`/casussen/${devries}`)).text;
  assert.match(page, /Besluit [0-9-]+ \(Joost Peeters\): Ik bel de GGZ deze week/);
  home = (await tl.get('/')).text;
  assert.doesNotMatch(home, /Familie De Vries \(demo\)<\/a>: opgeschaald naar Teamleider/);
  assert.match(home, /Familie Wijnen \(demo\)<\/a>: opgeschaald naar Teamleider/, 'the demo escalation still waits');
  // a second decision is too late
  assert.equal((await tl.post(`/casussen/${devries}/opschalingen/${id}/besluit`, [['decision', 'nog eens'], ['decided_on', shifted]])).status, 409);
});

test('outward (Zorg- en Veiligheidshuis): the regisseur records the answer; afschalen takes a reason', async () => {
  const reg = await as('professional');
  assert.equal((await reg.post(`/casussen/${devries}/opschalen`, [['level', 'zvh'], ['reason', 'Veiligheid blijft onvoldoende.'],
    ['asked', 'MDA++: bespreking in het casusoverleg.'], ['escalated_on', shifted]])).status, 303);
  const id = one(`SELECT max(id) AS id FROM case_escalation WHERE case_id = ${devries}`).id;
  let home = (await reg.get('/')).text;
  assert.match(home, /Opschalingen naar buiten: leg het antwoord vast/);
  assert.match(home, /opgeschaald naar Zorg- en Veiligheidshuis \(MDA\+\+\)/);
  assert.equal((await reg.post(`/casussen/${devries}/opschalingen/${id}/besluit`, [['decision', 'Opgenomen in MDA++.'], ['decided_on', shifted]])).status, 303);
  const none = await reg.post(`/casussen/${devries}/opschalingen/${id}/afschalen`, [['reason', ' '], ['deescalated_on', shifted]]);
  assert.equal(none.status, 422);
  assert.match(none.text, /Schrijf waarom u afschaalt/);
  assert.equal((await reg.post(`/casussen/${devries}/opschalingen/${id}/afschalen`, [['reason', 'Veiligheid weer voldoende; terug naar het wijkteam.'], ['deescalated_on', shifted]])).status, 303);
  const page = (await reg.get(`/casussen/${devries}`)).text;
  assert.match(page, /Afgeschaald [0-9-]+ \(Sanne Verhoeven\): Veiligheid weer voldoende/);
  assert.equal((await reg.post(`/casussen/${devries}/opschalingen/${id}/afschalen`, [['reason', 'nog eens'], ['deescalated_on', shifted]])).status, 409);
  assert.equal((await reg.post(`/casussen/${devries}/opschalingen/999999/afschalen`, [['reason', 'x'], ['deescalated_on', shifted]])).status, 404);
  assert.doesNotMatch((await (await as('partner')).get(`/casussen/${devries}`)).text, /Op- en afschalen|MDA\+\+/, 'the school does not see escalations');
});

test('stagnation: flagged after the configured weeks (clock 30 days on), cleared by a journal entry', async () => {
  const reg = await as('professional');
  const tl = await as('teamleider');
  // with the default norm of 6 weeks nothing stagnates 30 days on
  assert.doesNotMatch((await reg.get(`/casussen/${smits}`)).text, /Stagneert/);
  assert.doesNotMatch((await tl.get('/')).text, /Familie Smits \(demo\)<\/a> — regisseur/);
  assert.match((await tl.get('/')).text, /Casussen van het team die stagneren[\s\S]*Familie Wijnen \(demo\)<\/a> — regisseur/, 'the demo case stagnates');
  const adm = await as('beheerder');
  const bad = await adm.post('/beheer/normen', { decision: '5', warm: '10', feedback: '15', known: '12', stagnation: '0' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Vul een geheel getal van 1 tot en met 104 in/);
  assert.equal((await adm.post('/beheer/normen', { decision: '5', warm: '10', feedback: '15', known: '12', stagnation: '4' })).status, 303, 'saved: POST-redirect-GET');
  assert.match((await adm.get('/beheer/normen')).text, /id="stagnation" name="stagnation" type="number" min="1" max="104" value="4"/);
  const page = (await reg.get(`/casussen/${smits}`)).text;
  assert.match(page, /<strong>Stagneert<\/strong>: geen journaalaantekening, overleg, fasewijziging of evaluatie sinds [0-9-]+ \(norm: 4 weken\)/);
  assert.match((await tl.get('/')).text, /Casussen van het team die stagneren[\s\S]*Familie Smits \(demo\)<\/a> — regisseur Sanne Verhoeven: stagneert sinds/);
  assert.match((await reg.get('/')).text, /Mijn casussen die stagneren[\s\S]*Familie Smits \(demo\)/);
  // De Vries had a phase-free but escalated month; escalations are no activity, journal entries are
  const j = await reg.post(`/casussen/${smits}/journaal`, [['entry_date', shifted], ['part', 'journaal'], ['body', 'Huisbezoek: het gaat redelijk.']]);
  assert.equal(j.status, 303);
  assert.doesNotMatch((await reg.get(`/casussen/${smits}`)).text, /Stagneert/);
  assert.doesNotMatch((await tl.get('/')).text, /Familie Smits \(demo\)<\/a> — regisseur/);
});

test('a case never evaluated is due the norm\'s weeks after acceptance: overdue on the start pages and marked in the case lists', async () => {
  // Smits was accepted a few days ago (demo) and never evaluated: with the 6-week norm
  // it is not due yet 30 days on; with a 4-week norm it is overdue.
  assert.equal(sql(d.db, `SELECT 1 FROM case_evaluation WHERE case_id = ${smits}`).length, 0);
  const opened = one(`SELECT date(opened_at) AS d FROM casefile WHERE id = ${smits}`).d;
  const plus = (iso, days) => new Date(Date.parse(iso) + days * 86400_000).toISOString().slice(0, 10);
  const nl = (iso) => iso.split('-').reverse().join('-');
  const reg = await as('professional');
  const mark = 'evaluatie te laat: Familie Smits (demo)';
  let home = (await reg.get('/')).text;
  assert.ok(!home.includes(mark));
  assert.match(home, new RegExp(`Familie Smits \\(demo\\)</a>: fase 1 [^<]*— volgende evaluatie ${nl(plus(opened, 42))}</li>`));
  const admin = await as('beheerder');
  const norms = (w) => [['decision', '5'], ['warm', '10'], ['feedback', '15'], ['known', '12'], ['evaluation', String(w)]];
  assert.equal((await admin.post('/beheer/normen', norms(4))).status, 303);
  try {
    home = (await reg.get('/')).text;
    assert.ok(home.includes(mark), 'regisseur');
    assert.match(home, new RegExp(`<li class="te-laat"><a href="/casussen/${smits}">Familie Smits \\(demo\\)</a>: fase 1 [^<]*— volgende evaluatie ${nl(plus(opened, 28))} \\(te laat\\)</li>`));
    assert.ok((await (await as('teamleider')).get('/')).text.includes(mark), 'team leader');
    assert.ok(!(await (await as('teamleider.zuid')).get('/')).text.includes(mark), 'another team');
    const list = (await reg.get('/casussen')).text;
    assert.match(list, new RegExp(`<td[^>]*class="nowrap te-laat">${nl(plus(opened, 28))} \\(te laat\\)</td>`));
    // a partner's list shows neither phase nor evaluation date
    const school = (await (await as('partner')).get('/casussen')).text;
    assert.doesNotMatch(school, /te laat|Stabiele veiligheid/);
    // a closed case is never due
    assert.doesNotMatch(list, /Familie Kuipers[\s\S]*?te laat<\/td>[\s\S]*?gesloten/);
  } finally {
    assert.equal((await admin.post('/beheer/normen', norms(6))).status, 303);
  }
});

test('a closed case refuses escalating with 409', async () => {
  const tl = await as('teamleider');
  assert.equal((await tl.post(`/casussen/${smits}/afsluiten`, [['closed_on', shifted], ['reason', 'Verhuisd.']])).status, 303);
  assert.equal((await (await as('professional')).post(`/casussen/${smits}/opschalen`, [['level', 'teamleider'], ['reason', 'x'], ['asked', 'y'], ['escalated_on', shifted]])).status, 409);
});

await run({ after: () => d.stop() });
