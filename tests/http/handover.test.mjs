// tests/http/handover.test.mjs — the Veilig Thuis handover against the real daemon:
// the whole flow (VT submits → joint triage → a team takes it → warm handover →
// accept with regisseur → conditions → feedback → VT sees it), a return, the access
// matrix of every new route for every demo user, hostile and incomplete input on every
// form (kept input, Dutch field messages, nothing stored half-way), addenda instead of
// edits, the "already known" flag, figures and CSV, and audit rows.
import assert from 'node:assert/strict';
import { test, run, nlDay, startDaemon, sql, eventually, loggedInClients } from './lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgId = (n) => one(`SELECT id FROM organisation WHERE name = '${n}'`).id;
const NOORD = orgId('Wijkteam Venlo-Noord (demo)');
const SCHOOL = orgId('Basisschool De Regenboog (demo)');

const as = loggedInClients(d.baseUrl);

function handoverFields(over = {}) {
  const base = {
    receiving_organisation: 'triage', urgency: 'hoog', household_name: 'Familie Testhuis (test)',
    address: 'Proefstraat 1, Venlo',
    member_name: ['Anna Testhuis', 'Bram Testhuis'], member_birthdate: ['1987-03-04', '2016-08-09'],
    member_role: ['ouder', 'kind'],
    reason: 'Melding van school.', investigation_outcome: 'Huiselijk geweld vastgesteld.',
    risk_assessment: 'Onveilig met risico op herhaling.',
    safety_condition: ['Geen geweld waar de kinderen bij zijn.', 'Bram gaat elke dag naar school.'],
    providers: 'Huisarts (test).', agreements: 'Ouders werken mee.', family_informed: 'ja',
    contact: 'F. El Amrani', action: 'indienen',
  };
  return { ...base, ...over };
}

const count = (table) => one(`SELECT count(*) AS n FROM ${table}`).n;

async function auditRow(where) {
  return eventually(() => q(`SELECT * FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT 1`)[0]);
}

let flowHandover = 0;
let flowCase = 0;

test('whole flow: VT submits to the joint triage, a team takes it, warm handover, accept, conditions, feedback, VT sees it', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', handoverFields());
  assert.equal(r.status, 303);
  const m = /^\/overdrachten\/(\d+)$/.exec(r.location);
  assert.ok(m, r.location);
  const id = Number(m[1]);
  flowHandover = id;
  const h = one(`SELECT * FROM handover WHERE id = ${id}`);
  assert.equal(h.status, 'ingediend');
  assert.equal(h.receiving_org_id, null);
  assert.ok(h.submitted_at);
  assert.equal(one(`SELECT count(*) AS n FROM handover_member WHERE handover_id = ${id}`).n, 2);
  assert.equal(one(`SELECT count(*) AS n FROM handover_condition WHERE handover_id = ${id}`).n, 2);
  let a = await auditRow(`action = 'create' AND object_type = 'handover' AND object_id = ${id}`);
  assert.equal(a.outcome, 'allowed');

  // every local team leader sees it in the inbox (joint triage), with the working days waiting
  for (const u of ['teamleider', 'teamleider.zuid', 'teamleider.buurt']) {
    const c = await as(u);
    r = await c.get('/overdrachten');
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('Familie Testhuis (test)'), `${u} inbox`);
    assert.match(r.text, /Werkdagen wachtend/);
  }
  const tl = await as('teamleider');
  r = await tl.get(`/overdrachten/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Bekend bij uw team<\/dt><dd>Nee/);
  r = await tl.post(`/overdrachten/${id}/overnemen`, { reason: '' });
  assert.equal(r.status, 422, 'triage: why this team is required');
  assert.match(r.text, /Schrijf waarom uw team deze overdracht oppakt/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  r = await tl.post(`/overdrachten/${id}/overnemen`, { reason: 'Gezin woont in Venlo-Noord.' });
  assert.equal(r.status, 303);
  const taken = one(`SELECT * FROM handover WHERE id = ${id}`);
  assert.equal(taken.status, 'in_behandeling');
  assert.equal(taken.taken_org_id, NOORD);
  assert.equal(taken.taken_reason, 'Gezin woont in Venlo-Noord.');
  // the other teams no longer see it: 404 like a handover that does not exist
  assert.equal((await (await as('teamleider.zuid')).get(`/overdrachten/${id}`)).status, 404);
  assert.equal((await (await as('teamleider.zuid')).get('/overdrachten/999999')).status, 404);

  // warm handover: held, without family needs a reason
  r = await tl.post(`/overdrachten/${id}/warme-overdracht`, {
    held_date: '2026-01-05', present: 'VT en wijkteam', family_present: 'nee', family_reason: '', outcome: 'Besproken',
  });
  assert.equal(r.status, 422);
  assert.match(r.text, /waarom het gezin niet aanwezig was/);
  assert.match(r.text, /VT en wijkteam/, 'input kept');
  const today = nlDay();
  r = await tl.post(`/overdrachten/${id}/warme-overdracht`, {
    held_date: today, present: 'VT (F. El Amrani), regisseur, beide ouders', family_present: 'ja', outcome: 'Overdracht doorgenomen.',
  });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT warm_held_date FROM handover WHERE id = ${id}`).warm_held_date, today);

  // accept: the regisseur must be a professional of the own team
  const casesBefore = count('casefile');
  r = await tl.post(`/overdrachten/${id}/accepteren`, { bevestigd: 'ja', director: String(userId('professional.zuid')) });
  assert.equal(r.status, 422);
  assert.match(r.text, /professional van uw eigen team/);
  assert.equal(count('casefile'), casesBefore, 'no case opened on a failed accept');
  r = await tl.post(`/overdrachten/${id}/accepteren`, { bevestigd: 'ja', director: String(userId('professional')) });
  assert.equal(r.status, 303);
  const cm = /^\/casussen\/(\d+)$/.exec(r.location);
  assert.ok(cm, r.location);
  flowCase = Number(cm[1]);
  const c = one(`SELECT * FROM casefile WHERE id = ${flowCase}`);
  assert.equal(c.team_org_id, NOORD);
  assert.equal(c.director_id, userId('professional'));
  assert.equal(one(`SELECT count(*) AS n FROM case_condition WHERE case_id = ${flowCase}`).n, 2);
  assert.equal(one(`SELECT count(*) AS n FROM case_director WHERE case_id = ${flowCase}`).n, 1);
  assert.equal(one(`SELECT count(*) AS n FROM person WHERE household_id = ${c.household_id}`).n, 2);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'geaccepteerd');
  a = await auditRow(`action = 'update' AND object_type = 'handover' AND object_id = ${id} AND detail LIKE 'geaccepteerd%'`);
  assert.equal(a.household_id, c.household_id);

  // the regisseur sees the case and changes the condition statuses
  const prof = await as('professional');
  r = await prof.get(`/casussen/${flowCase}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('Anna Testhuis') && r.text.includes('Sanne Verhoeven'));
  const conds = q(`SELECT id FROM case_condition WHERE case_id = ${flowCase} ORDER BY position`);
  // one form for all conditions (pages/safety_plan_conditions.c): condition, was, status, note per row
  const setCondition = (client, caseId, cond, was, status, note = '') => client.post(`/casussen/${caseId}/voorwaarden`,
    [['condition', String(cond)], ['was', was], ['status', status], ['note', note]]);
  r = await setCondition(prof, flowCase, conds[0].id, 'nog_niet_besproken', 'nageleefd');
  assert.equal(r.status, 303);
  r = await setCondition(prof, flowCase, conds[1].id, 'nog_niet_besproken', 'niet_nageleefd', 'Vader kwam toch.');
  assert.equal(r.status, 303);
  r = await setCondition(prof, flowCase, conds[1].id, 'niet_nageleefd', 'kapot');
  assert.equal(r.status, 422);
  const k = one(`SELECT * FROM case_condition WHERE id = ${conds[0].id}`);
  assert.equal(k.status, 'nageleefd');
  assert.equal(k.changed_by, userId('professional'));
  assert.ok(k.changed_at);
  assert.equal(one(`SELECT count(*) AS n FROM case_condition_change WHERE condition_id = ${conds[1].id}`).n, 1);
  // a condition of another case through this case's URL: 404
  const other = one(`SELECT id FROM case_condition WHERE case_id <> ${flowCase} LIMIT 1`).id;
  r = await setCondition(prof, flowCase, other, 'nog_niet_besproken', 'nageleefd');
  assert.equal(r.status, 404);

  // feedback: incomplete → 422 with messages, nothing stored; complete → stored
  r = await prof.post(`/casussen/${flowCase}/terugkoppeling`, { handover: String(id), agreements: 'Plan gemaakt met ouders.' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Plan gemaakt met ouders\./);
  assert.equal(one(`SELECT count(*) AS n FROM handover_feedback WHERE handover_id = ${id}`).n, 0);
  r = await prof.post(`/casussen/${flowCase}/terugkoppeling`, {
    handover: String(id), agreements: 'Veiligheidsplan gemaakt met beide ouders.', with_family: 'ja', agreed_on: today,
  });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT count(*) AS n FROM handover_feedback WHERE handover_id = ${id}`).n, 1);

  // VT sees feedback and the status of every condition — and nothing else of the case
  r = await vt.get(`/overdrachten/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Veiligheidsplan gemaakt met beide ouders\./);
  assert.match(r.text, /status: nageleefd/);
  assert.match(r.text, /status: niet nageleefd/);
  assert.ok(!r.text.includes(`/casussen/${flowCase}`), 'no link to the case for VT');
  assert.equal((await vt.get(`/casussen/${flowCase}`)).status, 403);
  r = await vt.get('/overdrachten?status=geaccepteerd');
  assert.ok(r.text.includes('Familie Testhuis (test)'));
  assert.match(r.text, /1 nageleefd, 1 niet nageleefd \(van 2\)/);
  r = await vt.get('/overdrachten?status=concept');
  assert.ok(!r.text.includes('Familie Testhuis (test)'), 'status filter');
});

test('return to Veilig Thuis: reason required, nothing changed without it; VT sees the reason', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ receiving_organisation: String(orgId('Wijkteam Venlo-Zuid (demo)')), household_name: 'Familie Terug (test)' }));
  assert.equal(r.status, 303);
  const id = Number(r.location.split('/').pop());
  const tl = await as('teamleider.zuid');
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { bevestigd: 'ja', reason: '   ', reason_category: 'onvolledig' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf waarom de overdracht wordt teruggelegd/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { bevestigd: 'ja', reason: 'Uitkomst onderzoek ontbreekt <b>nog</b>.', reason_category: 'onvolledig' });
  assert.equal(r.status, 303);
  const h = one(`SELECT * FROM handover WHERE id = ${id}`);
  assert.equal(h.status, 'teruggelegd');
  assert.equal(h.return_category, 'onvolledig');
  r = await vt.get(`/overdrachten/${id}`);
  assert.match(r.text, /Uitkomst onderzoek ontbreekt &lt;b&gt;nog&lt;\/b&gt;\./);
  // a decided handover cannot be accepted any more
  r = await tl.post(`/overdrachten/${id}/accepteren`, { bevestigd: 'ja', director: String(userId('professional.zuid')) });
  assert.equal(r.status, 409);
  // other team (not addressed, not triage): 404
  assert.equal((await (await as('teamleider')).post(`/overdrachten/${id}/terugleggen`, { bevestigd: 'ja', reason: 'x', reason_category: 'overig' })).status, 404);
});

test('incomplete submission: 422, every input kept, a Dutch message at each field, nothing stored', async () => {
  const vt = await as('vt');
  const before = count('handover');
  const membersBefore = count('handover_member');
  const r = await vt.post('/overdrachten/nieuw', {
    household_name: 'Familie Half (test)', member_name: ['Kees Half', ''], member_birthdate: ['2099-01-01', ''],
    member_role: ['ouder', ''], reason: 'Alleen de aanleiding <script>x</script>', safety_condition: ['', ''],
    family_informed: 'nee', action: 'indienen',
  });
  assert.equal(r.status, 422);
  for (const msg of ['Kies het ontvangende team', 'Kies de urgentie', 'Vul het adres', 'Vul de uitkomst van het onderzoek',
    'Vul de veiligheidstaxatie', 'ten minste één veiligheidsvoorwaarde', 'Vul de betrokken hulpverlening',
    'Vul de gemaakte afspraken', 'waarom het gezin niet op de hoogte is', 'Vul de contactpersoon',
    'Een geboortedatum kan niet in de toekomst liggen']) {
    assert.ok(r.text.includes(msg), `message: ${msg}`);
  }
  assert.ok(r.text.includes('value="Familie Half (test)"'));
  assert.ok(r.text.includes('value="Kees Half"'));
  assert.ok(r.text.includes('value="2099-01-01"'));
  assert.ok(r.text.includes('Alleen de aanleiding &lt;script&gt;x&lt;/script&gt;'));
  assert.ok(!r.text.includes('<script>x</script>'));
  assert.match(r.text, /id="family_informed-nee" name="family_informed" value="nee" checked/);
  assert.equal(count('handover'), before);
  assert.equal(count('handover_member'), membersBefore);
});

test('hostile input on the handover form: foreign organisation, bad dates and roles, over-long and multi-line values', async () => {
  const vt = await as('vt');
  const before = count('handover');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ receiving_organisation: String(SCHOOL) }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies een lokaal team of de gezamenlijke triage/);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ member_birthdate: ['31-04-1987', '2016-02-30'], member_role: ['baas', 'kind'] }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Gezinslid 1: Vul een geldige geboortedatum in/);
  assert.match(r.text, /Gezinslid 2: Vul een geldige geboortedatum in/);
  assert.match(r.text, /Kies ouder\/verzorger, kind of overig/);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'x'.repeat(201) }));
  assert.equal(r.status, 422);
  assert.match(r.text, /ten hoogste 200 tekens/);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ address: 'regel 1\nregel 2' }));
  assert.equal(r.status, 422);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ urgency: 'spoed' }));
  assert.equal(r.status, 422);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ action: 'verwijderen' }));
  assert.equal(r.status, 422);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ receiving_organisation: "1 OR 1=1; DROP TABLE handover" }));
  assert.equal(r.status, 422);
  assert.equal(count('handover'), before, 'nothing stored');
  // markup is stored as text and escaped on every page that shows it
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: '<img src=x onerror=alert(1)> (test)' }));
  assert.equal(r.status, 303);
  const page = await vt.get(r.location);
  assert.ok(!page.text.includes('<img src=x'));
  assert.ok(page.text.includes('&lt;img src'));
});

test('members and conditions are added without JavaScript; nothing is stored meanwhile', async () => {
  const vt = await as('vt');
  const before = count('handover');
  let r = await vt.get('/overdrachten/nieuw');
  assert.equal((r.text.match(/name="member_name"/g) || []).length, 2);
  r = await vt.post('/overdrachten/nieuw', {
    household_name: 'Familie Rij (test)', member_name: ['Een', 'Twee'], member_birthdate: ['2001-01-01', '2002-02-02'],
    member_role: ['ouder', 'kind'], safety_condition: ['Eerste voorwaarde'], action: 'lid_toevoegen',
  });
  assert.equal(r.status, 200);
  assert.equal((r.text.match(/name="member_name"/g) || []).length, 3);
  assert.ok(r.text.includes('value="Twee"') && r.text.includes('value="2002-02-02"'));
  assert.ok(r.text.includes('Eerste voorwaarde'));
  assert.ok(r.text.includes('id="member-3-name"'));
  r = await vt.post('/overdrachten/nieuw', { household_name: 'Familie Rij (test)', safety_condition: ['A', 'B'], action: 'voorwaarde_toevoegen' });
  assert.equal(r.status, 200);
  assert.equal((r.text.match(/name="safety_condition"/g) || []).length, 3);
  assert.equal(count('handover'), before);
});

test('concept: save, edit, submit; then never edited again — only dated addenda', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', { household_name: '', action: 'concept' });
  assert.equal(r.status, 422);
  assert.match(r.text, /ook voor een concept/);
  r = await vt.post('/overdrachten/nieuw', { household_name: 'Familie Concept (test)', reason: 'Eerste versie', action: 'concept' });
  assert.equal(r.status, 303);
  const id = Number(r.location.split('/').pop());
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'concept');
  // a concept is not visible to any team
  assert.equal((await (await as('teamleider')).get(`/overdrachten/${id}`)).status, 404);
  r = await vt.get(`/overdrachten/${id}/bewerken`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('Eerste versie'));
  r = await vt.post(`/overdrachten/${id}/bewerken`, handoverFields({ household_name: 'Familie Concept (test)' }));
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  assert.equal((await vt.get(`/overdrachten/${id}/bewerken`)).status, 404);
  r = await vt.post(`/overdrachten/${id}/bewerken`, handoverFields({ household_name: 'Gewijzigd' }));
  assert.equal(r.status, 404);
  assert.equal(one(`SELECT household_name FROM handover WHERE id = ${id}`).household_name, 'Familie Concept (test)');
  r = await vt.post(`/overdrachten/${id}/aanvulling`, { text: '' });
  assert.equal(r.status, 422);
  r = await vt.post(`/overdrachten/${id}/aanvulling`, { text: 'Correctie: de vader heet Bram, niet Bas.' });
  assert.equal(r.status, 303);
  const add = one(`SELECT * FROM handover_addendum WHERE handover_id = ${id}`);
  assert.equal(add.author_id, userId('vt'));
  assert.ok(add.created_at);
  r = await vt.get(`/overdrachten/${id}`);
  assert.ok(r.text.includes('Correctie: de vader heet Bram, niet Bas.'));
});

test('deadlines stand out on the start page of whoever must act and on the VT view', async () => {
  // demo: handover 2 waits 7 working days (overdue for the joint triage), handover 6 (Zuid) misses warm handover and feedback
  let r = await (await as('teamleider.buurt')).get('/');
  assert.match(r.text, /Termijn overschreden/);
  assert.match(r.text, /Overdracht 2 —/);
  r = await (await as('professional.zuid')).get('/');
  assert.match(r.text, /terugkoppeling aan Veilig Thuis ontbreekt/);
  r = await (await as('vt')).get('/overdrachten');
  assert.match(r.text, /class="te-laat"/);
  assert.match(r.text, /overschreden termijn/);
  r = await (await as('secretaris')).get('/');
  assert.ok(!r.text.includes('Overdrachten en termijnen'));
});

test('"already known": a member in an open case of the own team; accepting adds to that case', async () => {
  // demo handover 2 (joint triage) holds Noah de Vries, who is in Venlo-Noord's open case 1
  let r = await (await as('teamleider')).get('/overdrachten/2');
  assert.match(r.text, /Bekend bij uw team<\/dt><dd><strong class="hermelding">Hermelding<\/strong> — het gezin heeft een open casus bij uw team/);
  r = await (await as('teamleider.zuid')).get('/overdrachten/2');
  assert.match(r.text, /Bekend bij uw team<\/dt><dd>Nee/);
  r = await (await as('teamleider')).get('/overdrachten');
  assert.match(r.text, /Hermelding<\/strong>: open casus 1/);
  const cases = count('casefile');
  r = await (await as('teamleider')).post('/overdrachten/2/accepteren', { bevestigd: 'ja', director: String(userId('professional')), take_reason: 'Noah is bekend in onze casus.' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/casussen/1');
  assert.equal(one('SELECT director_id FROM casefile WHERE id = 1').director_id, userId('professional'), 'regisseur kept');
  assert.equal(count('casefile'), cases, 'no new case');
  const names = q('SELECT name FROM person WHERE household_id = (SELECT household_id FROM casefile WHERE id = 1)').map((x) => x.name);
  assert.ok(names.includes('Selin Aydın') && names.filter((n) => n === 'Noah de Vries').length === 1);
});

test('team leader changes the regisseur; every change is recorded', async () => {
  const tl = await as('teamleider');
  let r = await tl.post(`/casussen/${flowCase}/regisseur`, { director: String(userId('professional.zuid')), reason: 'x' });
  assert.equal(r.status, 422);
  r = await tl.post(`/casussen/${flowCase}/regisseur`, { director: String(userId('professional2')), reason: 'Verlof' });
  assert.equal(r.status, 422, 'what happens to the former regisseur is a choice');
  assert.match(r.text, /betrokken blijft/);
  r = await tl.post(`/casussen/${flowCase}/regisseur`, { director: String(userId('professional2')), reason: 'Verlof', previous_director: 'nee' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT director_id FROM casefile WHERE id = ${flowCase}`).director_id, userId('professional2'));
  const hist = q(`SELECT user_id, reason FROM case_director WHERE case_id = ${flowCase} ORDER BY id`);
  assert.equal(hist.length, 2);
  assert.equal(hist[1].reason, 'Verlof');
  // the former regisseur no longer changes conditions; the new one does
  const cond = one(`SELECT id FROM case_condition WHERE case_id = ${flowCase} LIMIT 1`).id;
  const condNow = one(`SELECT status FROM case_condition WHERE id = ${cond}`).status;
  const setTo = (c) => c.post(`/casussen/${flowCase}/voorwaarden`, [['condition', String(cond)], ['was', condNow], ['status', 'afgesproken'], ['note', '']]);
  assert.equal((await setTo(await as('professional'))).status, 404);
  assert.equal((await setTo(await as('professional2'))).status, 303);
  r = await tl.post(`/casussen/${flowCase}/regisseur`, { director: String(userId('professional')), reason: 'Terug van verlof', previous_director: 'nee' });
  assert.equal(r.status, 303);
});

// ---- findings of the user test (QA) ------------------------------------------------------

async function submitHandover(over = {}) {
  const r = await (await as('vt')).post('/overdrachten/nieuw', handoverFields(over));
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return Number(r.location.split('/').pop());
}

test('QA 2: a new handover for a family with an open case keeps its regisseur unless the change is explicit', async () => {
  const tl = await as('teamleider');
  const family = { receiving_organisation: String(NOORD), household_name: 'Familie Regie (test)',
    member_name: ['Rita Regie', 'Ruben Regie'], member_birthdate: ['1980-01-02', '2012-03-04'] };
  const first = await submitHandover(family);
  let r = await tl.post(`/overdrachten/${first}/accepteren`, { bevestigd: 'ja', director: String(userId('professional')) });
  assert.equal(r.status, 303);
  const caseId = Number(r.location.split('/').pop());
  const second = await submitHandover({ ...family, household_name: 'Familie Regie (test) 2' });
  // the accept form preselects the current regisseur and says so
  r = await tl.get(`/overdrachten/${second}`);
  assert.match(r.text, new RegExp(`<option value="${userId('professional')}" selected>Sanne Verhoeven`));
  assert.match(r.text, /Sanne Verhoeven blijft regisseur/);
  // another regisseur without saying why: refused, nothing changed
  r = await tl.post(`/overdrachten/${second}/accepteren`, { bevestigd: 'ja', director: String(userId('professional2')) });
  assert.equal(r.status, 422);
  assert.match(r.text, /heeft al Sanne Verhoeven als regisseur/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${second}`).status, 'ingediend');
  assert.equal(one(`SELECT director_id FROM casefile WHERE id = ${caseId}`).director_id, userId('professional'));
  assert.equal((await (await as('professional')).get(`/casussen/${caseId}`)).status, 200);
  // an explicit change: recorded with its reason; the former regisseur stays involved by choice
  r = await tl.post(`/overdrachten/${second}/accepteren`, { bevestigd: 'ja', director: String(userId('professional2')),
    director_change_reason: 'Lotte kent het gezin van school.', previous_director: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/casussen/${caseId}`);
  assert.equal(one(`SELECT director_id FROM casefile WHERE id = ${caseId}`).director_id, userId('professional2'));
  const hist = q(`SELECT user_id, reason FROM case_director WHERE case_id = ${caseId} ORDER BY id`);
  assert.equal(hist.length, 2);
  assert.equal(hist[1].reason, 'Lotte kent het gezin van school.');
  assert.equal((await (await as('professional')).get(`/casussen/${caseId}`)).status, 200, 'Sanne still involved');
  assert.equal((await (await as('professional2')).get(`/casussen/${caseId}`)).status, 200);
});

test('QA 3: the joint triage is stored explicitly: kept when a concept is edited; no team chosen is not triage', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', { receiving_organisation: 'triage', household_name: 'Familie Triagekeuze (test)', action: 'concept' });
  assert.equal(r.status, 303);
  const id = Number(r.location.split('/').pop());
  assert.equal(one(`SELECT receiving_triage FROM handover WHERE id = ${id}`).receiving_triage, 1);
  r = await vt.get(`/overdrachten/${id}/bewerken`);
  assert.match(r.text, /<option value="triage" selected>/);
  r = await vt.post('/overdrachten/nieuw', { household_name: 'Familie Geenkeuze (test)', action: 'concept' });
  const none = Number(r.location.split('/').pop());
  r = await vt.get(`/overdrachten/${none}`);
  assert.ok(!/<dt>Aan<\/dt><dd>Gezamenlijke triage/.test(r.text), 'no team chosen is not the triage');
  assert.match(r.text, /<dt>Aan<\/dt><dd>\(nog niet gekozen\)/);
  r = await vt.get(`/overdrachten/${none}/bewerken`);
  assert.ok(!/<option value="triage" selected>/.test(r.text));
});

test('QA 4: a member row without name and date is empty whatever its role; empty members are never stored', async () => {
  const vt = await as('vt');
  // the form preselects "kind" for row 2; the user leaves it empty
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Eenlid (test)',
    member_name: ['Els Eenlid', ''], member_birthdate: ['1990-05-05', ''], member_role: ['ouder', 'kind'] }));
  assert.equal(r.status, 303, 'an empty row 2 is skipped');
  let id = Number(r.location.split('/').pop());
  assert.equal(one(`SELECT count(*) AS n FROM handover_member WHERE handover_id = ${id}`).n, 1);
  r = await vt.post('/overdrachten/nieuw', { household_name: 'Familie Leegconcept (test)',
    member_name: ['Ed Leeg', ''], member_birthdate: ['', ''], member_role: ['ouder', 'kind'], action: 'concept' });
  assert.equal(r.status, 303);
  id = Number(r.location.split('/').pop());
  assert.deepEqual(q(`SELECT name FROM handover_member WHERE handover_id = ${id}`).map((m) => m.name), ['Ed Leeg']);
});

test('QA 5: a triage handover accepted without taking it first still records why this team', async () => {
  const id = await submitHandover({ household_name: 'Familie Directaccept (test)', member_name: ['Dirk Direct', 'Dana Direct'] });
  const tl = await as('teamleider.zuid');
  let r = await tl.post(`/overdrachten/${id}/accepteren`, { bevestigd: 'ja', director: String(userId('professional.zuid')) });
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf waarom uw team deze overdracht oppakt/);
  assert.match(r.text, /href="#take_reason"/);
  assert.match(r.text, /id="take_reason"/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  r = await tl.post(`/overdrachten/${id}/accepteren`, { bevestigd: 'ja', director: String(userId('professional.zuid')), take_reason: 'Gezin woont in Venlo-Zuid.' });
  assert.equal(r.status, 303);
  const h = one(`SELECT taken_reason, taken_org_id FROM handover WHERE id = ${id}`);
  assert.equal(h.taken_reason, 'Gezin woont in Venlo-Zuid.');
  assert.equal(h.taken_org_id, orgId('Wijkteam Venlo-Zuid (demo)'));
});

test('QA 6: dates are plausible; a held warm handover is never erased; its history is kept', async () => {
  const id = await submitHandover({ receiving_organisation: String(NOORD), household_name: 'Familie Datum (test)', member_name: ['Dora Datum', 'Dex Datum'] });
  const tl = await as('teamleider');
  const today = nlDay();
  assert.equal((await tl.post(`/overdrachten/${id}/overnemen`, { reason: '' })).status, 303);
  const w = (o) => tl.post(`/overdrachten/${id}/warme-overdracht`, { present: 'VT en wijkteam', family_present: 'ja', outcome: 'Besproken.', ...o });
  let r = await w({ held_date: '1900-01-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /vóór de indiening/);
  r = await w({ held_date: '2020-06-01' });
  assert.equal(r.status, 422);
  r = await w({ planned_date: '1999-01-01', held_date: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /niet gepland zijn vóór/);
  assert.equal(one(`SELECT warm_held_date FROM handover WHERE id = ${id}`).warm_held_date, null);
  r = await w({ held_date: today });
  assert.equal(r.status, 303);
  // the form sent again with only a planned date: refused, the held record stays
  r = await tl.post(`/overdrachten/${id}/warme-overdracht`, { planned_date: today });
  assert.equal(r.status, 422);
  assert.match(r.text, /al vastgelegd als gehouden/);
  let h = one(`SELECT warm_held_date, warm_outcome FROM handover WHERE id = ${id}`);
  assert.equal(h.warm_held_date, today);
  assert.equal(h.warm_outcome, 'Besproken.');
  // a correction is kept next to the earlier recording
  r = await w({ held_date: today, outcome: 'Besproken; moeder tekent het plan.' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT count(*) AS n FROM handover_warm_record WHERE handover_id = ${id}`).n, 2);
  r = await tl.get(`/overdrachten/${id}`);
  assert.match(r.text, /Eerdere vastleggingen van de warme overdracht/);
  // feedback: agreed on before the handover existed is refused
  r = await tl.post(`/overdrachten/${id}/accepteren`, { bevestigd: 'ja', director: String(userId('professional')) });
  assert.equal(r.status, 303);
  const caseId = Number(r.location.split('/').pop());
  r = await (await as('professional')).post(`/casussen/${caseId}/terugkoppeling`, { handover: String(id), agreements: 'Plan.', with_family: 'ja', agreed_on: '1900-01-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /niet gemaakt zijn vóór de indiening/);
  assert.equal(one(`SELECT count(*) AS n FROM handover_feedback WHERE handover_id = ${id}`).n, 0);
});

test('QA 8: the same new-handover form sent twice makes one handover', async () => {
  const vt = await as('vt');
  const page = await vt.get('/overdrachten/nieuw');
  const key = /name="form_key" value="([0-9a-f]{32})"/.exec(page.text);
  assert.ok(key, 'the form carries a one-time key');
  const before = count('handover');
  const fields = handoverFields({ household_name: 'Familie Dubbelklik (test)', form_key: key[1] });
  const [a, b] = await Promise.all([vt.post('/overdrachten/nieuw', fields), vt.post('/overdrachten/nieuw', fields)]);
  assert.equal(a.status, 303);
  assert.equal(b.status, 303);
  assert.equal(a.location, b.location, 'the replay leads to the same handover');
  const c = await vt.post('/overdrachten/nieuw', fields);
  assert.equal(c.location, a.location);
  assert.equal(count('handover'), before + 1);
});

test('QA 10: a returned triage handover is seen only by VT and the team that handled it', async () => {
  // demo handover 7: joint triage, returned by Wijkteam Venlo-Zuid
  assert.equal((await (await as('vt')).get('/overdrachten/7')).status, 200);
  assert.equal((await (await as('teamleider.zuid')).get('/overdrachten/7')).status, 200);
  assert.equal((await (await as('teamleider')).get('/overdrachten/7')).status, 404);
  assert.equal((await (await as('teamleider.buurt')).get('/overdrachten/7')).status, 404);
  assert.equal((await (await as('teamleider.buurt')).get('/overdrachten/7/afdrukken')).status, 404);
});

test('QA low: error summaries name the field and link to an element that exists; forms keep their choices', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', { household_name: 'Familie Label (test)', member_name: ['Lia Label', 'x'], member_birthdate: ['1990-01-01', ''], member_role: ['ouder', 'kind'], action: 'indienen' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Urgentie: Kies de urgentie\./);
  assert.match(r.text, /Gezinslid 2: Vul de geboortedatum/);
  for (const [, id] of r.text.matchAll(/<li><a href="#([^"]+)"/g)) assert.match(r.text, new RegExp(`id="${id}"`), `#${id} exists`);
  // take and return forms: the summary link leads to the textarea of the failed form
  const id = await submitHandover({ household_name: 'Familie Anker (test)' });
  const tl = await as('teamleider');
  r = await tl.post(`/overdrachten/${id}/overnemen`, { reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /href="#reason">Waarom uw team deze overdracht oppakt: /);
  assert.match(r.text, /<textarea[^>]*id="reason" name="reason"/);
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { bevestigd: 'ja', reason: '', reason_category: 'overig' });
  assert.equal(r.status, 422);
  assert.match(r.text, /href="#reason">Toelichting voor Veilig Thuis: /);
  assert.match(r.text, /<textarea[^>]*id="reason" name="reason"/);
  // feedback: the radio and the handover choice are kept after an error
  r = await (await as('professional')).post('/casussen/1/terugkoppeling', { handover: '1', with_family: 'nee', agreed_on: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="with_family-nee" name="with_family" value="nee" checked/);
  assert.match(r.text, /<option value="1" selected>/);
  // a second click: 409 with the way back
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { bevestigd: 'ja', reason: 'Niet voor ons.', reason_category: 'overig' });
  assert.equal(r.status, 303);
  r = await (await as('teamleider')).post(`/overdrachten/${id}/terugleggen`, { bevestigd: 'ja', reason: 'Niet voor ons.', reason_category: 'overig' });
  assert.equal(r.status, 409);
  assert.match(r.text, new RegExp(`href="/overdrachten/${id}">Terug naar de overdracht`));
  // rows above the cap are reported, not dropped silently
  const many = Array.from({ length: 61 }, (_, i) => `Lid ${i + 1}`);
  r = await vt.post('/overdrachten/nieuw', { household_name: 'Familie Groot (test)', member_name: many, member_birthdate: many.map(() => '2000-01-01'), member_role: many.map(() => 'kind'), action: 'concept' });
  assert.equal(r.status, 422);
  assert.match(r.text, /ten hoogste 60 gezinsleden/);
});

test('QA low: figures count one cohort, returns under the returning team, and say so; an unknown quarter is reported', async () => {
  const b = await as('vt'); // exact counts: beleid's small counts read "<5" (findings.test.mjs)
  let r = await b.get('/cijfers');
  assert.match(r.text, /Alle kolommen tellen hetzelfde cohort/);
  r = await b.get('/cijfers/export.csv');
  const rows = r.text.slice(1).split('\r\n').map((l) => l.split(';'));
  const triage = rows.find((c) => c[1] && c[1].startsWith('Gezamenlijke triage'));
  assert.ok(!triage || triage[4] === '0', 'a return by a team is not counted under the triage');
  const zuid = rows.find((c) => c[1] === 'Wijkteam Venlo-Zuid (demo)');
  assert.ok(zuid && Number(zuid[4]) >= 1, 'demo handover 7 counted under Venlo-Zuid');
  r = await b.get('/cijfers?kwartaal=Q5%202026');
  assert.equal(r.status, 422);
  assert.match(r.text, /Het kwartaal &quot;Q5 2026&quot; bestaat niet/);
  assert.equal((await b.get('/cijfers/export.csv?kwartaal=Q5%202026')).status, 400);
});

test('QA low: start pages — VT links its returned handovers and lists them; team leaders see overdue feedback', async () => {
  let r = await (await as('vt')).get('/');
  assert.match(r.text, /href="\/overdrachten\?status=teruggelegd">\d+ teruggelegd/);
  assert.match(r.text, /Overdracht 7 — Familie Maas \(demo\)<\/a>:[\s\S]*?teruggelegd op/);
  r = await (await as('teamleider.zuid')).get('/');
  assert.match(r.text, /Overdracht 6 —[\s\S]*?terugkoppeling aan Veilig Thuis ontbreekt/);
});

test('QA low: demo — Buurtteam Blerick can accept handover 4; case and involvement dates are not the load time', async () => {
  const tl = await as('teamleider.buurt');
  let r = await tl.get('/overdrachten/4');
  assert.match(r.text, /<option value="\d+"[^>]*>Iris Vermeulen/);
  r = await tl.post('/overdrachten/4/accepteren', { bevestigd: 'ja', director: String(userId('professional.buurt')) });
  assert.equal(r.status, 303);
  const today = one("SELECT date('now') AS d").d;
  assert.ok(q("SELECT set_at FROM case_director WHERE case_id = 1").every((x) => x.set_at.slice(0, 10) < today));
  assert.ok(q("SELECT since FROM case_involvement WHERE case_id = 1").every((x) => x.since.slice(0, 10) < today));
});

// expected status per user for [GET /overdrachten/1 (accepted, Noord, school involved in case 1),
// GET /casussen/1, GET /overdrachten/3 (to Zuid), GET /casussen/3 (Zuid), GET /overdrachten, GET /casussen,
// GET /cijfers, GET /overdrachten/nieuw]
const MATRIX = {
  vt: [200, 403, 200, 403, 200, 403, 200, 200],
  teamleider: [200, 200, 404, 404, 200, 200, 200, 403],
  professional: [200, 200, 404, 404, 403, 200, 403, 403],
  professional2: [404, 404, 404, 404, 403, 200, 403, 403],
  'teamleider.zuid': [404, 404, 200, 200, 200, 200, 200, 403],
  'professional.zuid': [404, 404, 404, 200, 403, 200, 403, 403],
  'teamleider.buurt': [404, 404, 404, 404, 200, 200, 200, 403],
  partner: [403, 200, 403, 404, 403, 200, 403, 403],
  'partner.jgz': [403, 200, 403, 404, 403, 200, 403, 403], // involved in case 1 since the case-team demo (issue 7)
  secretaris: [403, 403, 403, 403, 403, 403, 403, 403],
  leertafellid: [403, 403, 403, 403, 403, 403, 403, 403],
  beleid: [403, 403, 403, 403, 403, 403, 200, 403],
  beheerder: [403, 403, 403, 403, 403, 403, 403, 403],
};
const PATHS = ['/overdrachten/1', '/casussen/1', '/overdrachten/3', '/casussen/3', '/overdrachten', '/casussen', '/cijfers', '/overdrachten/nieuw'];

test('access matrix: every demo user on the handover and case routes (involved, not involved, other team, school, leertafel, beheer)', async () => {
  for (const [u, expected] of Object.entries(MATRIX)) {
    const c = await as(u);
    const got = [];
    for (const p of PATHS) got.push((await c.get(p)).status);
    assert.deepEqual(got, expected, `${u}: ${PATHS.join(' ')}`);
  }
  // print view and changes follow the same rules
  assert.equal((await (await as('teamleider.zuid')).get('/overdrachten/1/afdrukken')).status, 404);
  assert.equal((await (await as('partner')).get('/overdrachten/1/afdrukken')).status, 403);
  // demo handover 1 came through the joint triage and Noord took it: Zuid hears who was first (409)
  assert.equal((await (await as('teamleider.zuid')).post('/overdrachten/1/accepteren', { bevestigd: 'ja', director: '1' })).status, 409);
  assert.equal((await (await as('teamleider.zuid')).post('/casussen/1/regisseur', { director: '1' })).status, 404);
  assert.equal((await (await as('professional2')).post('/casussen/1/terugkoppeling', { handover: '1', agreements: 'x', with_family: 'ja', agreed_on: '2026-01-01' })).status, 404);
  assert.equal((await (await as('partner')).post('/casussen/1/terugkoppeling', { handover: '1', agreements: 'x', with_family: 'ja', agreed_on: '2026-01-01' })).status, 403);
  assert.equal((await (await as('vt')).post('/overdrachten/3/overnemen', { reason: 'x' })).status, 403);
  // a non-existent object answers exactly like one that is not yours
  const a = await (await as('professional2')).get('/casussen/1');
  const b = await (await as('professional2')).get('/casussen/987654');
  assert.equal(a.status, b.status);
  assert.equal(a.text.replace(/[0-9a-f]{64}/g, ''), b.text.replace(/[0-9a-f]{64}/g, ''));
  // the school (a partner with the default parts, issue 7) sees neither the conditions nor the
  // handover content or feedback; JGZ, given the part "voorwaarden", sees the conditions
  const p = await (await as('partner')).get('/casussen/1');
  assert.doesNotMatch(p.text, /id="voorwaarden-kop"/);
  assert.match((await (await as('partner.jgz')).get('/casussen/1')).text, /id="voorwaarden-kop"/);
  assert.ok(!p.text.includes('/overdrachten/1"'), 'no handover link for a partner');
  assert.ok(!p.text.includes('Veiligheidsplan opgesteld met beide ouders'), 'no feedback for a partner');
});

test('audit: views, prints, changes and refusals of client data are written by the router', async () => {
  const t0 = one("SELECT strftime('%Y-%m-%dT%H:%M:%f', 'now') AS t").t;
  await (await as('teamleider')).get('/overdrachten/1');
  await (await as('vt')).get('/overdrachten/1/afdrukken');
  await (await as('professional2')).get('/overdrachten/1');
  await (await as('teamleider.buurt')).get('/casussen/1');
  const tl = one("SELECT id FROM app_user WHERE username = 'teamleider'").id;
  let r = await auditRow(`at >= '${t0}' AND user_id = ${tl} AND action = 'view' AND object_type = 'handover' AND object_id = 1`);
  assert.equal(r.outcome, 'allowed');
  assert.equal(r.household_id, one('SELECT household_id FROM casefile WHERE id = 1').household_id);
  assert.equal(r.organisation_id, NOORD);
  r = await auditRow(`at >= '${t0}' AND user_id = ${userId('vt')} AND action = 'print' AND object_id = 1`);
  assert.equal(r.outcome, 'allowed');
  r = await auditRow(`at >= '${t0}' AND user_id = ${userId('professional2')} AND object_type = 'handover' AND object_id = 1`);
  assert.equal(r.outcome, 'refused');
  r = await auditRow(`at >= '${t0}' AND user_id = ${userId('teamleider.buurt')} AND object_type = 'case' AND object_id = 1`);
  assert.equal(r.outcome, 'refused');
  r = await auditRow(`object_type = 'case' AND object_id = ${flowCase} AND action = 'update' AND detail LIKE 'voorwaarde%'`);
  assert.equal(r.outcome, 'allowed');
  r = await auditRow(`object_type = 'case' AND object_id = ${flowCase} AND action = 'create' AND detail LIKE 'terugkoppeling%'`);
  assert.equal(r.outcome, 'allowed');
  r = await auditRow(`object_type = 'handover' AND object_id = ${flowHandover} AND action = 'update' AND detail = 'warme overdracht vastgelegd'`);
  assert.ok(r);
  // the role-refused VT on a case page is audited too
  await (await as('vt')).get('/casussen/1');
  r = await auditRow(`at >= '${t0}' AND user_id = ${userId('vt')} AND action = 'view' AND outcome = 'refused'`);
  assert.ok(r);
});

test('figures: aggregated only, CSV for Dutch Excel; beleid yes, professional no', async () => {
  const b = await as('beleid');
  let r = await b.get('/cijfers');
  assert.equal(r.status, 200);
  assert.match(r.text, /Mediaan werkdagen tot acceptatie/);
  assert.ok(!r.text.includes('Familie'), 'no household names');
  assert.match(r.text, /Wijkteam Venlo-Noord \(demo\)/);
  r = await b.get('/cijfers/export.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /text\/csv/);
  assert.deepEqual([...r.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = r.text.slice(1).split('\r\n');
  assert.ok(lines[0].startsWith('Kwartaal;Team;Ontvangen;Geaccepteerd;Teruggelegd;'));
  assert.ok(lines.some((l) => l.includes(';Totaal;')));
  assert.ok(!r.text.includes('Familie') && !r.text.includes('Testhuis'));
  r = await b.get('/cijfers?kwartaal=Q9 2026');
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies een kwartaal/);
  assert.equal((await (await as('professional')).get('/cijfers/export.csv')).status, 403);
  const e = await auditRow(`action = 'export' AND object_type = 'handover_figures'`);
  assert.ok(e);
});

test('norms are configurable by the functioneel beheerder only, with validation', async () => {
  const adm = await as('beheerder');
  let r = await adm.post('/beheer/normen', { decision: '0', warm: 'tien', feedback: '15', known: '12' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul een geheel getal van 1 tot en met 100 in/);
  assert.equal(one("SELECT value FROM setting WHERE key = 'norm_besluit_werkdagen'").value, '5');
  r = await adm.post('/beheer/normen', { decision: '6', warm: '10', feedback: '15', known: '12' });
  assert.equal(r.status, 303);
  assert.match((await adm.get(r.location)).text, /De termijnen zijn opgeslagen/);
  assert.equal(one("SELECT value FROM setting WHERE key = 'norm_besluit_werkdagen'").value, '6');
  r = await adm.post('/beheer/normen', { decision: '5', warm: '10', feedback: '15', known: '12' });
  assert.equal((await (await as('teamleider')).post('/beheer/normen', { decision: '1', warm: '1', feedback: '1', known: '1' })).status, 403);
});

await run({ after: () => d.stop() });
