// tests/http/findings.test.mjs — what users ran into in the handover, case, admin and
// leertafel flows (issue 9), each pinned by a test that failed before the fix:
// no silent duplicate handover, a return category that is chosen not preselected,
// confirmation steps for the irreversible decisions, a one-time success message
// after every POST-redirect-GET, and no double create on reload.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, nlDay, startDaemon, Client, sql, eventually, loggedInClients } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;

const as = loggedInClients(d.baseUrl);

function handoverFields(over = {}) {
  const base = {
    receiving_organisation: 'triage', urgency: 'normaal', household_name: 'Familie Dubbelzien (test)',
    address: 'Tweelingstraat 2, Venlo',
    member_name: ['Dirk Dubbelzien', 'Daan Dubbelzien'], member_birthdate: ['1980-01-02', '2015-05-06'],
    member_role: ['ouder', 'kind'],
    reason: 'Melding.', investigation_outcome: 'Vastgesteld.', risk_assessment: 'Onveilig.',
    safety_condition: ['Geen geweld.'], providers: 'Geen.', agreements: 'Ouders werken mee.',
    family_informed: 'ja', contact: 'VT (test)', action: 'indienen',
  };
  return { ...base, ...over };
}
const formKey = (html) => /name="form_key" value="([0-9a-f]+)"/.exec(html)?.[1];
const handovers = (name) => one(`SELECT count(*) AS n FROM handover WHERE household_name = '${name}'`).n;

// item 1
test('Back + Indienen again: a second handover for the same family and members asks first, linking the first', async () => {
  const vt = await as('vt');
  let form = await vt.get('/overdrachten/nieuw');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ form_key: formKey(form.text) }));
  assert.equal(r.status, 303);
  const first = Number(/\/overdrachten\/(\d+)$/.exec(r.location)[1]);
  // Back reloads the form (no-store): a fresh key; the same content again
  form = await vt.get('/overdrachten/nieuw');
  const again = handoverFields({ form_key: formKey(form.text),
    member_name: ['daan dubbelzien', 'Dirk  Dubbelzien'], member_birthdate: ['2015-05-06', '1980-01-02'],
    member_role: ['kind', 'ouder'] });
  r = await vt.post('/overdrachten/nieuw', again);
  assert.equal(r.status, 409, 'asks for confirmation');
  assert.ok(r.text.includes(`href="/overdrachten/${first}"`), 'links the first handover');
  assert.match(r.text, /nog niet opgeslagen/);
  assert.match(r.text, /name="reason" value="Melding\."/, 'the form travels along');
  assert.equal(handovers('Familie Dubbelzien (test)'), 1, 'nothing created silently');
  // back to the form: everything typed is still there
  r = await vt.post('/overdrachten/nieuw', { ...again, action: 'bewerken', dubbel_bevestigd: 'ja' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Tweelingstraat 2/);
  // a concept for the same family is not made silently either
  r = await vt.post('/overdrachten/nieuw', { ...again, action: 'concept' });
  assert.equal(r.status, 409);
  assert.equal(handovers('Familie Dubbelzien (test)'), 1);
  // confirmed: a second handover, on purpose
  r = await vt.post('/overdrachten/nieuw', { ...again, dubbel_bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(handovers('Familie Dubbelzien (test)'), 2);
  // other members: a different family, no question
  r = await vt.post('/overdrachten/nieuw', handoverFields({ member_name: ['Dirk Dubbelzien'],
    member_birthdate: ['1980-01-02'], member_role: ['ouder'] }));
  assert.equal(r.status, 303);
  // submitting a concept of the same family asks too
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Conceptdubbel (test)', action: 'indienen' }));
  assert.equal(r.status, 303);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Conceptdubbel (test)', action: 'concept', dubbel_bevestigd: 'ja' }));
  assert.equal(r.status, 303);
  const concept = Number(/\/overdrachten\/(\d+)$/.exec(r.location)[1]);
  r = await vt.post(`/overdrachten/${concept}/bewerken`, handoverFields({ household_name: 'Familie Conceptdubbel (test)' }));
  assert.equal(r.status, 409);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${concept}`).status, 'concept');
});

// item 2
async function submitted(name) {
  const vt = await as('vt');
  const r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: name,
    member_name: [`${name} ouder`], member_birthdate: ['1979-09-09'], member_role: ['ouder'] }));
  assert.equal(r.status, 303);
  return Number(/\/overdrachten\/(\d+)$/.exec(r.location)[1]);
}

test('Terugleggen: no category preselected, the category is required, and a confirmation step comes first', async () => {
  const id = await submitted('Familie Terugleg (test)');
  const tl = await as('teamleider');
  let r = await tl.get(`/overdrachten/${id}`);
  const select = /<select[^>]*name="reason_category"[^>]*>([\s\S]*?)<\/select>/.exec(r.text)[1];
  assert.ok(!/selected/.test(select), 'nothing preselected');
  assert.match(select, /<option value="">/);
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Niet voor ons team.' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies de soort reden/);
  assert.match(r.text, /Niet voor ons team\./, 'the reason is kept');
  // valid: a second page asks; nothing changed yet
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Niet voor ons team.', reason_category: 'ander_team' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Overdracht terugleggen\?/);
  assert.match(r.text, /kan niet ongedaan/);
  assert.match(r.text, /name="reason_category" value="ander_team"/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  // back to the form: the typed input is there, still nothing changed
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Niet voor ons team.', reason_category: 'ander_team', bevestigd: 'wijzigen' });
  assert.equal(r.status, 200);
  assert.match(r.text, /<option value="ander_team" selected>/);
  assert.match(r.text, />Niet voor ons team\.<\/textarea>/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Niet voor ons team.', reason_category: 'ander_team', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  const h = one(`SELECT status, return_category FROM handover WHERE id = ${id}`);
  assert.equal(h.status, 'teruggelegd');
  assert.equal(h.return_category, 'ander_team');
});

test('Accepteren asks for confirmation on a second page before a case is opened', async () => {
  const id = await submitted('Familie Accepteer (test)');
  const tl = await as('teamleider');
  const cases = one('SELECT count(*) AS n FROM casefile').n;
  const fields = { director: String(userId('professional')), take_reason: 'Woont in Noord.' };
  let r = await tl.post(`/overdrachten/${id}/accepteren`, fields);
  assert.equal(r.status, 200);
  assert.match(r.text, /Overdracht accepteren\?/);
  assert.match(r.text, /Sanne Verhoeven/);
  assert.match(r.text, /nieuwe casus/);
  assert.equal(one('SELECT count(*) AS n FROM casefile').n, cases);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'ingediend');
  r = await tl.post(`/overdrachten/${id}/accepteren`, { ...fields, bevestigd: 'wijzigen' });
  assert.equal(r.status, 200);
  assert.match(r.text, />Woont in Noord\.<\/textarea>/);
  r = await tl.post(`/overdrachten/${id}/accepteren`, { ...fields, bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/casussen\/\d+$/);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id}`).status, 'geaccepteerd');
});

// item 4
test('a failed POST redirects to the form page, which a reload shows again without posting; another page drops it', async () => {
  const vt = await as('vt');
  const bad = handoverFields({ household_name: '', address: 'Herlaadlaan 4' });
  let r = await vt.post('/overdrachten/nieuw', bad, { raw: true });
  assert.equal(r.status, 303, 'POST-redirect-GET');
  assert.equal(r.location, '/overdrachten/nieuw');
  assert.equal(r.headers['x-form-page'], '422');
  for (let reload = 0; reload < 2; reload++) {
    r = await vt.get('/overdrachten/nieuw');
    assert.equal(r.status, 422);
    assert.match(r.text, /Vul de naam van het gezin in/);
    assert.match(r.text, /Herlaadlaan 4/, 'input kept on reload');
  }
  // another session never sees it
  const other = new Client(d.baseUrl);
  await other.login('vt');
  assert.doesNotMatch((await other.get('/overdrachten/nieuw')).text, /Herlaadlaan 4/);
  // opening another page drops it
  await vt.get('/');
  r = await vt.get('/overdrachten/nieuw');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /Herlaadlaan 4/);
  // a form that is part of a page comes back on that page
  const id = await submitted('Familie Herlaad (test)');
  r = await vt.post(`/overdrachten/${id}/aanvulling`, { text: ' ' }, { raw: true });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/overdrachten/${id}`);
  r = await vt.get(r.location);
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf de aanvulling of correctie/);
});

test('a successful POST leaves a one-time confirmation on the page it lands on (handover, admin, leertafel)', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Gelukt (test)',
    member_name: ['Gijs Gelukt'], member_birthdate: ['1990-01-01'], member_role: ['ouder'] }));
  assert.equal(r.status, 303);
  let page = await vt.get(r.location);
  assert.match(page.text, /role="status"><p class="utrecht-paragraph">De overdracht is ingediend\./);
  page = await vt.get(r.location);
  assert.doesNotMatch(page.text, /De overdracht is ingediend/, 'shown once');
  const id = Number(/(\d+)$/.exec(r.location)[1]);
  r = await vt.post(`/overdrachten/${id}/aanvulling`, { text: 'Nog iets.' });
  assert.match((await vt.get(r.location)).text, /De aanvulling is toegevoegd/);

  const adm = await as('beheerder');
  r = await adm.post('/beheer/organisaties/nieuw', { name: 'Flitsorganisatie (test)', kind: 'ggz' });
  assert.equal(r.status, 303);
  assert.match((await adm.get(r.location)).text, /Organisatie Flitsorganisatie \(test\) is opgeslagen/);

  const sec = await as('secretaris');
  r = await sec.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-10-01', location: 'Stadhuis' });
  assert.equal(r.status, 303);
  assert.match((await sec.get(r.location)).text, /De bijeenkomst is opgeslagen/);
});

// item 5
test('creating a user and reloading shows the account, not "bestaat al"; the one-time link is shown once', async () => {
  const adm = await as('beheerder');
  const org = one("SELECT id FROM organisation WHERE name = 'Wijkteam Venlo-Noord (demo)'").id;
  const r = await adm.post('/beheer/gebruikers/nieuw', { username: 'h.herlaad', name: 'Hanna Herlaad',
    organisation: String(org), role: 'professional' }, { raw: true });
  assert.equal(r.status, 303);
  const id = one("SELECT id FROM app_user WHERE username = 'h.herlaad'").id;
  assert.equal(r.location, `/beheer/gebruikers/${id}`);
  let page = await adm.get(r.location);
  assert.match(page.text, /Gebruiker h\.herlaad is aangemaakt/);
  assert.doesNotMatch(page.text, /wachtwoord\?t/, 'client data: the link goes to the confirmer (issue 10 item 6)');
  page = await adm.get(r.location); // reload
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /bestaat al|wachtwoord\?t/);
  assert.equal(one("SELECT count(*) AS n FROM app_user WHERE username = 'h.herlaad'").n, 1);
  // the team leader who confirms sees the link once, by POST-redirect-GET as well
  const tl = await as('teamleider');
  const change = one(`SELECT id FROM account_change WHERE user_id = ${id}`).id;
  const c = await tl.post(`/accountwijzigingen/${change}/bevestigen`, {}, { raw: true });
  assert.equal(c.status, 303);
  page = await tl.get(c.location);
  assert.match(page.text, /class="reset-link">http:\/\/[^<]+\/wachtwoord\?t(?:=|&#61;)[0-9a-f]{64}</);
  page = await tl.get(c.location); // reload
  assert.doesNotMatch(page.text, /wachtwoord\?t/);
});

// item 3
test('Gezinslid toevoegen keeps a typed but invalid date; dd-mm-jjjj is accepted and stored as ISO', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Datumtik (test)',
    member_name: ['Tim Datumtik', 'Tess Datumtik'], member_birthdate: ['31-02-2019', '12-3-20'],
    member_role: ['ouder', 'kind'], safety_condition: ['Eerste voorwaarde', ''], action: 'lid_toevoegen' }));
  assert.equal(r.status, 200);
  assert.match(r.text, /id="member-1-birthdate" name="member_birthdate" type="text"[^>]*value="31-02-2019"/);
  assert.match(r.text, /id="member-2-birthdate"[^>]*value="12-3-20"/);
  assert.equal((r.text.match(/name="member_name"/g) || []).length, 3);
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Datumtik (test)',
    member_name: ['Tim Datumtik'], member_birthdate: ['31-02-2019'], member_role: ['ouder'],
    safety_condition: ['Eerste voorwaarde'], action: 'voorwaarde_toevoegen' }));
  assert.match(r.text, /value="31-02-2019"/);
  // submitting: the date gets a message and stays as typed
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Datumtik (test)',
    member_name: ['Tim Datumtik'], member_birthdate: ['31-02-2019'], member_role: ['ouder'] }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Gezinslid 1: Vul een geldige geboortedatum in als dag-maand-jaar/);
  assert.match(r.text, /value="31-02-2019"/);
  // as a person types it
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Datumtik (test)',
    member_name: ['Tim Datumtik'], member_birthdate: ['3-4-2016'], member_role: ['kind'] }));
  assert.equal(r.status, 303);
  const id = Number(/(\d+)$/.exec(r.location)[1]);
  assert.equal(one(`SELECT birthdate FROM handover_member WHERE handover_id = ${id}`).birthdate, '2016-04-03');
});

// item 6
test('Accepteren after another team took it from the triage: 409 naming the team and the moment, and the way back', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Tweestrijd (test)',
    member_name: ['Tom Tweestrijd'], member_birthdate: ['1985-05-05'], member_role: ['ouder'] }));
  const id = Number(/(\d+)$/.exec(r.location)[1]);
  const zuid = await as('teamleider.zuid');
  await zuid.get(`/overdrachten/${id}`); // the inbox showed it to every local team
  r = await (await as('teamleider')).post(`/overdrachten/${id}/overnemen`, { reason: 'Woont in Noord.' });
  assert.equal(r.status, 303);
  r = await zuid.post(`/overdrachten/${id}/accepteren`, { director: String(userId('professional.zuid')), take_reason: 'Wij ook.' });
  assert.equal(r.status, 409);
  assert.match(r.text, new RegExp(`Wijkteam Venlo-Noord \\(demo\\) heeft overdracht ${id} uit de gezamenlijke triage al opgepakt op \\d\\d-\\d\\d-\\d{4} \\d\\d:\\d\\d`));
  assert.match(r.text, /<a href="\/overdrachten">Terug naar de inbox<\/a>/);
  assert.doesNotMatch(r.text, /Tweestrijd/, 'no client data');
  assert.equal(one(`SELECT taken_org_id FROM handover WHERE id = ${id}`).taken_org_id,
    one("SELECT id FROM organisation WHERE name = 'Wijkteam Venlo-Noord (demo)'").id);
  // returning it answers the same; reading it stays need-to-know (404)
  r = await zuid.post(`/overdrachten/${id}/terugleggen`, { reason: 'x', reason_category: 'overig' });
  assert.equal(r.status, 409);
  assert.equal((await zuid.get(`/overdrachten/${id}`)).status, 404);
  const audit = await eventually(() => q(`SELECT outcome, detail FROM audit_log WHERE object_type = 'handover'
    AND object_id = ${id} AND user_id = ${userId('teamleider.zuid')} AND action = 'update' ORDER BY id DESC LIMIT 1`)[0]);
  assert.equal(audit.outcome, 'refused', 'the refusal is audited');
  assert.match(audit.detail, /al opgepakt/);
});

// item 7
test('a returned handover is no dead end: VT sends it again (copied, linked) or closes it; a concept is deleted; an untaken one withdrawn', async () => {
  const vt = await as('vt');
  const tl = await as('teamleider');
  // returned ...
  const id = await submitted('Familie Nogmaals (test)');
  let r = await tl.post(`/overdrachten/${id}/terugleggen`, { reason: 'Hoort in Zuid.', reason_category: 'ander_team', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  let page = await vt.get(`/overdrachten/${id}`);
  assert.match(page.text, /Teruggelegd: wat nu\?/);
  const returnedBefore = Number(/(\d+) teruggelegd<\/a>/.exec((await vt.get('/')).text)[1]);
  // ... sent again: a new concept with everything copied, linked both ways
  r = await vt.post(`/overdrachten/${id}/opnieuw-versturen`, {});
  assert.equal(r.status, 303);
  const copy = Number(/\/overdrachten\/(\d+)\/bewerken$/.exec(r.location)[1]);
  page = await vt.get(r.location);
  assert.match(page.text, /is gekopieerd naar dit concept/);
  assert.match(page.text, /value="Familie Nogmaals \(test\) ouder"/);
  const c = one(`SELECT status, resent_from, reason FROM handover WHERE id = ${copy}`);
  assert.deepEqual(c, { status: 'concept', resent_from: id, reason: 'Melding.' });
  assert.equal(one(`SELECT count(*) AS n FROM handover_condition WHERE handover_id = ${copy}`).n, 1);
  page = await vt.get(`/overdrachten/${id}`);
  assert.match(page.text, new RegExp(`Opnieuw verstuurd als overdracht ${copy}`));
  assert.doesNotMatch(page.text, /Teruggelegd: wat nu/);
  const returnedAfter = Number(/(\d+) teruggelegd<\/a>/.exec((await vt.get('/')).text)[1]);
  assert.equal(returnedAfter, returnedBefore - 1, 'no longer asks VT to act');
  // the copy is submitted to another team: no duplicate question (the first was returned)
  r = await vt.post(`/overdrachten/${copy}/bewerken`, handoverFields({ household_name: 'Familie Nogmaals (test)',
    receiving_organisation: String(one("SELECT id FROM organisation WHERE name = 'Wijkteam Venlo-Zuid (demo)'").id),
    member_name: ['Familie Nogmaals (test) ouder'], member_birthdate: ['1979-09-09'], member_role: ['ouder'] }));
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${copy}`).status, 'ingediend');
  // a second resend of the same returned handover: 409
  assert.equal((await vt.post(`/overdrachten/${id}/opnieuw-versturen`, {})).status, 409);

  // returned and closed with a reason (required, confirmed)
  const id2 = await submitted('Familie Afsluit (test)');
  await tl.post(`/overdrachten/${id2}/terugleggen`, { reason: 'Geen taak.', reason_category: 'geen_lokale_taak', bevestigd: 'ja' });
  r = await vt.post(`/overdrachten/${id2}/afsluiten`, { reason: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf waarom Veilig Thuis deze overdracht afsluit/);
  r = await vt.post(`/overdrachten/${id2}/afsluiten`, { reason: 'Zorg loopt al via de huisarts.' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Teruggelegde overdracht afsluiten\?/);
  assert.equal(one(`SELECT ended_at FROM handover WHERE id = ${id2}`).ended_at, null);
  r = await vt.post(`/overdrachten/${id2}/afsluiten`, { reason: 'Zorg loopt al via de huisarts.', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  const closed = one(`SELECT status, end_reason, ended_at FROM handover WHERE id = ${id2}`);
  assert.equal(closed.status, 'teruggelegd', 'the return stays a fact for the figures');
  assert.equal(closed.end_reason, 'Zorg loopt al via de huisarts.');
  assert.match((await vt.get(`/overdrachten/${id2}`)).text, /Afgesloten op .*Zorg loopt al via de huisarts\./);

  // submitted, nobody took it: withdrawn, gone from the inbox
  const id3 = await submitted('Familie Intrek (test)');
  r = await vt.post(`/overdrachten/${id3}/intrekken`, { reason: 'Dubbel gemeld.', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT status FROM handover WHERE id = ${id3}`).status, 'ingetrokken');
  assert.doesNotMatch((await tl.get('/overdrachten')).text, /Familie Intrek/);
  // taken: no longer withdrawable
  const id4 = await submitted('Familie Opgepakt (test)');
  await tl.post(`/overdrachten/${id4}/overnemen`, { reason: 'Noord.' });
  assert.equal((await vt.post(`/overdrachten/${id4}/intrekken`, { reason: 'x', bevestigd: 'ja' })).status, 409);
  assert.doesNotMatch((await vt.get(`/overdrachten/${id4}`)).text, /Intrekken<\/button>/);

  // a concept is deleted after confirmation; others cannot
  r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Weg (test)', action: 'concept',
    member_name: ['W'], member_birthdate: ['1970-01-01'], member_role: ['ouder'] }));
  const cid = Number(/(\d+)$/.exec(r.location)[1]);
  r = await vt.post(`/overdrachten/${cid}/verwijderen`, {});
  assert.equal(r.status, 200);
  assert.match(r.text, /Concept verwijderen\?/);
  assert.equal((await (await as('teamleider')).post(`/overdrachten/${cid}/verwijderen`, { bevestigd: 'ja' })).status, 403);
  r = await vt.post(`/overdrachten/${cid}/verwijderen`, { bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT count(*) AS n FROM handover WHERE id = ${cid}`).n, 0);
  assert.equal(one(`SELECT count(*) AS n FROM handover_member WHERE handover_id = ${cid}`).n, 0);
  assert.equal((await vt.post(`/overdrachten/${id}/verwijderen`, { bevestigd: 'ja' })).status, 404, 'only concepts');
});

// item 8
test('joint triage: every local team that knows the family is shown; a second open case needs the reason', async () => {
  const vt = await as('vt');
  const fam = { household_name: 'Familie Eenregie (test)', member_name: ['Erik Eenregie', 'Eva Eenregie'],
    member_birthdate: ['1981-01-01', '2012-02-02'], member_role: ['ouder', 'kind'] };
  let r = await vt.post('/overdrachten/nieuw', handoverFields(fam));
  const first = Number(/(\d+)$/.exec(r.location)[1]);
  const noord = await as('teamleider');
  r = await noord.post(`/overdrachten/${first}/accepteren`, { director: String(userId('professional')), take_reason: 'Noord.', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  // a new report about the same family, to the joint triage again
  r = await vt.post('/overdrachten/nieuw', handoverFields({ ...fam, dubbel_bevestigd: 'ja' }));
  const second = Number(/(\d+)$/.exec(r.location)[1]);
  const zuid = await as('teamleider.zuid');
  let page = await zuid.get(`/overdrachten/${second}`);
  assert.match(page.text, /Bekend bij uw team<\/dt><dd>Nee/);
  assert.match(page.text, /Bekend bij andere lokale teams<\/dt><dd><ul class="kale-lijst"><li>Wijkteam Venlo-Noord \(demo\): open casus, regisseur Sanne Verhoeven<\/li>/);
  assert.match(page.text, /heeft al een open casus van dit gezin/);
  const cases = one('SELECT count(*) AS n FROM casefile').n;
  r = await zuid.post(`/overdrachten/${second}/accepteren`, { director: String(userId('professional.zuid')), take_reason: 'Zuid.', bevestigd: 'ja' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Wijkteam Venlo-Noord \(demo\) heeft al een open casus van dit gezin\. Laat dat team de overdracht oppakken/);
  assert.equal(one('SELECT count(*) AS n FROM casefile').n, cases, 'no second case');
  r = await zuid.post(`/overdrachten/${second}/accepteren`, { director: String(userId('professional.zuid')), take_reason: 'Zuid.',
    parallel_reason: 'Vader woont in Zuid; eigen traject met afstemming met Noord.', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(one('SELECT count(*) AS n FROM casefile').n, cases + 1);
  assert.equal(one(`SELECT parallel_reason FROM handover WHERE id = ${second}`).parallel_reason,
    'Vader woont in Zuid; eigen traject met afstemming met Noord.');
  // the team that has the case needs no reason: the handover joins its case
  r = await vt.post('/overdrachten/nieuw', handoverFields({ ...fam, dubbel_bevestigd: 'ja' }));
  const third = Number(/(\d+)$/.exec(r.location)[1]);
  r = await noord.post(`/overdrachten/${third}/accepteren`, { director: String(userId('professional')), take_reason: 'Onze casus.', bevestigd: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT case_id FROM handover WHERE id = ${third}`).case_id, one(`SELECT case_id FROM handover WHERE id = ${first}`).case_id);
});

// item 9
test('roles fit the kind of organisation: the admin form, the CLI and the database refuse a misfit; check lists old ones', async () => {
  const adm = await as('beheerder');
  const school = one("SELECT id FROM organisation WHERE name = 'Basisschool De Regenboog (demo)'").id;
  let r = await adm.post('/beheer/gebruikers/nieuw', { username: 'school.vt', name: 'Sam School', organisation: String(school), role: 'vt' });
  assert.equal(r.status, 422);
  assert.match(r.text, /De rol Veilig Thuis[^<]* past niet bij Basisschool De Regenboog \(demo\) \(Onderwijs\)/);
  assert.match(r.text, /value="school.vt"/, 'input kept');
  r = await adm.post('/beheer/gebruikers/nieuw', { username: 'school.tl', name: 'Sam School', organisation: String(school), role: 'teamleider' });
  assert.equal(r.status, 422);
  assert.equal(one("SELECT count(*) AS n FROM app_user WHERE username LIKE 'school.%'").n, 0);
  r = await adm.post('/beheer/gebruikers/nieuw', { username: 'school.ok', name: 'Sam School', organisation: String(school), role: ['partner', 'leertafellid'] });
  assert.equal(r.status, 303);
  // moving the account to a wijkteam would make "partner" misfit
  const uid = one("SELECT id FROM app_user WHERE username = 'school.ok'").id;
  const noord = one("SELECT id FROM organisation WHERE name = 'Wijkteam Venlo-Noord (demo)'").id;
  r = await adm.post(`/beheer/gebruikers/${uid}`, { name: 'Sam School', organisation: String(noord), role: 'partner', active: 'ja' });
  assert.equal(r.status, 422);
  // changing the school's kind to veilig_thuis would misfit its users' roles
  r = await adm.post(`/beheer/organisaties/${school}`, { name: 'Basisschool De Regenboog (demo)', kind: 'veilig_thuis', active: 'ja' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Pas eerst hun rollen aan/);
  assert.equal(one(`SELECT kind FROM organisation WHERE id = ${school}`).kind, 'onderwijs');

  // the command line obeys the same rule, and check lists accounts made before it
  const bin = daemonBinary();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-rolefit-'));
  try {
    const db = path.join(tmp, 'k.db');
    execFileSync(bin, ['migrate', '--db', db], { stdio: 'pipe' });
    execFileSync(bin, ['org', 'add', '--db', db, '--name', 'School X', '--kind', 'onderwijs'], { stdio: 'pipe' });
    const bad = spawnSync(bin, ['user', 'add', '--db', db, '--username', 'x.vt', '--name', 'X', '--organisation', 'School X',
      '--role', 'vt'], { input: 'een goede zin als wachtwoord\n', encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /role vt does not fit an organisation of kind onderwijs/);
    const good = spawnSync(bin, ['user', 'add', '--db', db, '--username', 'x.p', '--name', 'X', '--organisation', 'School X',
      '--role', 'partner'], { input: 'een goede zin als wachtwoord\n', encoding: 'utf8' });
    assert.equal(good.status, 0, good.stderr);
    let check = spawnSync(bin, ['check', '--db', db], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout);
    // the database itself refuses a misfit, whoever writes it
    const direct = spawnSync('sqlite3', [db, "INSERT INTO user_role (user_id, role) SELECT id, 'teamleider' FROM app_user WHERE username = 'x.p'"], { encoding: 'utf8' });
    assert.notEqual(direct.status, 0);
    assert.match(direct.stderr, /role does not fit the kind of organisation/);
    // an account from before the rule (simulated without the trigger) is listed
    execFileSync('sqlite3', [db, "DROP TRIGGER user_role_fits_org_kind; INSERT INTO user_role (user_id, role) SELECT id, 'teamleider' FROM app_user WHERE username = 'x.p'"]);
    check = spawnSync(bin, ['check', '--db', db], { encoding: 'utf8' });
    assert.equal(check.status, 1);
    assert.match(check.stdout, /user x\.p has role teamleider in School X \(kind onderwijs\)/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// item 17
const visibleText = (html) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')
  .replace(/&#40;/g, '(').replace(/&#41;/g, ')').replace(/\s+/g, ' ');

test('wording: one Dutch voice on the pages of every demo role; specific messages; 9:30 is a time; a link is not an expired form', async () => {
  const pages = ['/', '/overdrachten', '/overdrachten/1', '/overdrachten/nieuw', '/casussen', '/cijfers', '/leertafel',
    '/leertafel/bijeenkomsten/1', '/leertafel/acties/1', '/beheer', '/beheer/gebruikers/1'];
  for (const u of ['vt', 'teamleider', 'professional', 'partner', 'secretaris', 'leertafellid', 'beleid', 'beheerder']) {
    const c = await as(u);
    for (const p of pages) {
      const r = await c.get(p);
      if (r.status !== 200) continue;
      const text = visibleText(r.text);
      assert.doesNotMatch(text, /\w\((en|sen|s)\)/, `${u} ${p}: no "casus(sen)" / "overdracht(en)"`);
      assert.doesNotMatch(text, /\)\s*\(|\(\(|\)\)/, `${u} ${p}: no double brackets`);
      assert.doesNotMatch(text, /Dit veld is verplicht/, `${u} ${p}`);
    }
  }
  // the professional's panel heading says what is under it
  const prof = visibleText((await (await as('professional')).get('/')).text);
  assert.match(prof, /Uw casussen als regisseur en termijnen/);
  assert.match(prof, /U bent regisseur van \d+ open (casus|casussen)\b/);
  assert.doesNotMatch(prof, /Overdrachten en termijnen/);
  assert.match((await (await as('partner')).get('/')).text, /Ketenpartner-professional/);
  // a required field names itself
  const adm = await as('beheerder');
  const r = await adm.post('/beheer/organisaties/nieuw', { name: '', kind: 'ggz' });
  assert.match(r.text, /Vul ‘Naam’ in\./);
  // 9:30 is a time
  const sec = await as('secretaris');
  const m = await sec.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-09-09', start_time: '9:30', location: 'Zaal 2' });
  assert.equal(m.status, 303);
  assert.equal(one("SELECT start_time FROM lt_meeting WHERE held_on = '2026-09-09' AND location = 'Zaal 2'").start_time, '09:30');
  // 403: a followed link does not blame a form; a form without its token does
  const link = await (await as('partner')).get('/overdrachten');
  assert.equal(link.status, 403);
  assert.doesNotMatch(link.text, /formulier/i);
  const form = await (await as('partner')).post('/logout', {}, { csrf: 'x'.repeat(64) });
  assert.equal(form.status, 403);
  assert.match(form.text, /formulier kon niet worden verwerkt/);
});

// item 19
test('a busy address is named with the way to choose another; the demo history is dated, not all at load time', async () => {
  const bin = daemonBinary();
  const busy = new URL(d.baseUrl).host; // the test daemon holds it
  const r = spawnSync(bin, ['serve', '--db', d.db, '--listen', busy], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`the address ${busy.replace(/\./g, '\\.')} is already in use`));
  assert.match(r.stderr, /--listen HOST:PORT or KETENREGIE_LISTEN/);
  assert.doesNotMatch(r.stderr, /port 0/);
  const loadTime = one("SELECT min(created_at) AS t FROM app_user").t;
  const statuses = q(`SELECT count(*) AS n, sum(recorded_at >= '${loadTime}') AS now FROM lt_action_status WHERE user_id IS NOT NULL AND status_on < date('now')`)[0];
  assert.ok(statuses.n > 0);
  assert.equal(statuses.now, 0, 'leertafel status history recorded on its own days');
  const changes = q(`SELECT count(*) AS n, sum(changed_at >= '${loadTime}') AS now FROM case_condition_change`)[0];
  assert.ok(changes.n > 0);
  assert.equal(changes.now, 0, 'safety-condition changes dated in the case history');
});

// item 11
test('finding a handover: family name without case or diacritics, status and period; the whole name is the link', async () => {
  const vt = await as('vt');
  const id = await submitted('Familie Vrieë-Ünal (test)');
  let r = await vt.get('/overdrachten?naam=vriee+unal');
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<td[^>]*>${id}</td><td[^>]*><a href="/overdrachten/${id}">Familie Vrieë-Ünal \\(test\\)</a></td>`));
  assert.match(r.text, /Zoekresultaat: 1 gevonden overdracht/);
  assert.doesNotMatch(r.text, /Familie Testhuis/);
  r = await vt.get('/overdrachten?naam=VRIE');
  assert.match(r.text, /Familie Vrieë-Ünal/, 'the start of a word, any case');
  r = await vt.get('/overdrachten?naam=vriee&status=geaccepteerd');
  assert.doesNotMatch(r.text, /Familie Vrieë-Ünal/, 'status filter');
  const today = nlDay();
  r = await vt.get(`/overdrachten?naam=vriee&van=${today}&tot=${today}`);
  assert.match(r.text, /Familie Vrieë-Ünal/);
  r = await vt.get('/overdrachten?naam=vriee&tot=2020-01-01');
  assert.doesNotMatch(r.text, /Familie Vrieë-Ünal/, 'period filter');
  r = await vt.get('/overdrachten?naam=%22%29+OR+*');
  assert.equal(r.status, 200, 'search syntax in the name is only text');
  // team leaders search what their lists hold (the inbox: the joint triage)
  r = await (await as('teamleider.buurt')).get('/overdrachten?naam=%C3%BCnal');
  assert.match(r.text, /Familie Vrieë-Ünal/);
  r = await (await as('teamleider.buurt')).get('/overdrachten?naam=Dubbelzien');
  assert.doesNotMatch(r.text, /<td[^>]*><a href="\/overdrachten\/\d+">Familie Vrieë/);
  // every list links the whole family name
  r = await vt.get('/overdrachten');
  assert.match(r.text, /<td[^>]*>\d+<\/td>\s*<td[^>]*><a href="\/overdrachten\/\d+">[^<]+<\/a><\/td>/);
  r = await (await as('teamleider')).get('/overdrachten');
  assert.match(r.text, /<td[^>]*><a href="\/overdrachten\/\d+">[^<]+<\/a><\/td>/);
  assert.doesNotMatch(r.text, /<a href="\/overdrachten\/(\d+)">\1<\/a>/, 'no number-only links');
  r = await (await as('teamleider')).get('/casussen');
  assert.doesNotMatch(r.text, /<a href="\/casussen\/(\d+)">\1<\/a>/);
});

// item 12
test('Actie nodig: VT hears feedback and broken conditions, a team leader every new urgent handover; grouped with counts', async () => {
  const vt = await as('vt');
  let r = await vt.post('/overdrachten/nieuw', handoverFields({ household_name: 'Familie Seintje (test)', urgency: 'hoog',
    member_name: ['Sien Seintje'], member_birthdate: ['1990-09-09'], member_role: ['ouder'] }));
  const id = Number(/(\d+)$/.exec(r.location)[1]);
  const tl = await as('teamleider');
  let home = await tl.get('/');
  assert.match(home.text, /<h4 class="utrecht-heading-4">Nieuw met urgentie hoog: \d+<\/h4>/);
  assert.match(home.text, new RegExp(`Overdracht ${id} — Familie Seintje \\(test\\)</a>: ingediend op`));
  r = await tl.post(`/overdrachten/${id}/accepteren`, { director: String(userId('professional')), take_reason: 'Noord.', bevestigd: 'ja' });
  const caseId = Number(/(\d+)$/.exec(r.location)[1]);
  const prof = await as('professional');
  const cond = one(`SELECT id FROM case_condition WHERE handover_id = ${id}`).id;
  r = await prof.post(`/casussen/${caseId}/voorwaarden`, [['condition', String(cond)], ['was', one(`SELECT status FROM case_condition WHERE id = ${cond}`).status], ['status', 'niet_nageleefd'], ['note', 'Vader kwam toch langs.']]);
  assert.equal(r.status, 303);
  r = await prof.post(`/casussen/${caseId}/terugkoppeling`, { handover: String(id), agreements: 'Afspraken gemaakt.',
    with_family: 'ja', agreed_on: nlDay() });
  assert.equal(r.status, 303);
  home = await vt.get('/');
  assert.match(home.text, /<h4 class="utrecht-heading-4">Terugkoppeling ontvangen \(laatste 10 werkdagen\): \d+<\/h4>/);
  assert.match(home.text, /<h4 class="utrecht-heading-4">Veiligheidsvoorwaarde niet nageleefd: \d+<\/h4>/);
  const panel = /Actie nodig[\s\S]*?<\/section>\s*<\/section>/.exec(home.text)?.[0] ?? home.text;
  assert.match(panel, new RegExp(`Overdracht ${id} — Familie Seintje \\(test\\)</a>: terugkoppeling van de regisseur`));
  assert.match(panel, new RegExp(`Overdracht ${id} — Familie Seintje \\(test\\)</a>: een of meer voorwaarden`));
  // readable: at most 5 items per group, a count per group, no item in bold red
  for (const g of home.text.matchAll(/<section class="actie-groep[^"]*"[\s\S]*?<\/section>/g)) {
    assert.ok((g[0].match(/<li>/g) || []).length <= 5, 'at most five items per group');
  }
  assert.doesNotMatch(home.text, /<li class="te-laat"/);
});

// item 15
test("the team leader's handover page shows the handover first and the decision forms after it", async () => {
  const id = await submitted('Familie Eerstlezen (test)');
  const page = (await (await as('teamleider')).get(`/overdrachten/${id}`)).text;
  const content = page.indexOf('id="gezin-kop"');
  assert.ok(content > 0);
  for (const form of ['id="oppakken-kop"', 'id="warm-kop"', 'id="accepteren-kop"', 'id="terugleggen-kop"']) {
    const at = page.indexOf(form);
    if (at < 0) continue;
    assert.ok(content < at, `${form} comes after the handover`);
  }
  assert.ok(page.indexOf('id="accepteren-kop"') > 0);
});

// ---- item 18: the trend over the last quarters, and no count under 5 for beleid

const decodeHtml = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const hiddenCell = (c) => c === '<5' || c === 'x';

/* The rows of the table whose caption starts with `caption`: [[th, td, td, ...], ...]. */
function tableRows(html, caption) {
  const start = html.indexOf(`<caption>${caption}`);
  assert.ok(start >= 0, `table "${caption}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decodeHtml(c[1].replace(/<[^>]+>/g, '').trim())));
}

test('item 18: beleid sees the trend of 8 quarters (chart and table) and never a count under 5, nor one a total gives away, on screen and in the CSV', async () => {
  // a past quarter inside the trend, with known numbers: Noord 12 open + 7 returned (6 onvolledig, 1 overig), Zuid 9, Blerick 2
  const [yearNow, monthNow] = nlDay().split('-').map(Number);
  let year = yearNow;
  let quarter = Math.floor((monthNow - 1) / 3) + 1 - 2;
  if (quarter < 1) { quarter += 4; year -= 1; }
  const label = `Q${quarter} ${year}`;
  const day = `${year}-${String((quarter - 1) * 3 + 2).padStart(2, '0')}-15 10:00:00`;
  const org = (name) => one(`SELECT id FROM organisation WHERE name = '${name}'`).id;
  const vtOrg = one("SELECT organisation_id AS o FROM app_user WHERE username = 'vt'").o;
  const vt = userId('vt');
  const insert = (to, n, returned, category) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', d.db,
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})
     INSERT INTO handover (vt_org_id, created_by, receiving_org_id, household_name, status, submitted_at, submitted_by,
       decided_at, decided_by, decided_org_id, return_category, return_reason)
     SELECT ${vtOrg}, ${vt}, ${to}, 'Familie Klein (test)', ${returned ? "'teruggelegd'" : "'ingediend'"}, '${day}', ${vt},
       ${returned ? `'${day}'` : 'NULL'}, ${returned ? userId('teamleider') : 'NULL'}, ${returned ? to : 'NULL'},
       ${returned ? `'${category}'` : 'NULL'}, ${returned ? "'Test.'" : 'NULL'} FROM k`]);
  const noord = org('Wijkteam Venlo-Noord (demo)');
  insert(noord, 12, false);
  insert(noord, 6, true, 'onvolledig');
  insert(noord, 1, true, 'overig');
  insert(org('Wijkteam Venlo-Zuid (demo)'), 9, false);
  insert(org('Buurtteam Blerick (demo)'), 2, false);

  const b = await as('beleid');
  const r = await b.get(`/cijfers?kwartaal=${encodeURIComponent(label)}`);
  assert.equal(r.status, 200);
  const html = r.text;
  const perTeam = tableRows(html, `Per team, ${label}`); // team, received, accepted, returned, median, warm, feedback
  const reasons = tableRows(html, 'Redenen van terugleggen'); // team, 5 categories
  assert.ok(perTeam.length >= 4);
  const counts = perTeam.map((row, i) => [row[1], row[2], row[3], ...reasons[i].slice(1)]);
  for (const row of counts) {
    for (const c of row) assert.ok(hiddenCell(c) || Number(c) >= 5, `a count under 5 is shown: ${row}`);
  }
  // complementary suppression: no column (teams + total) and no row (returned + categories) with one hidden cell
  for (let c = 0; c < 8; c++) {
    const hidden = counts.filter((row) => hiddenCell(row[c])).length;
    assert.notEqual(hidden, 1, `column ${c}: one hidden cell, its total gives it away`);
  }
  for (const row of counts) assert.notEqual(row.slice(2).filter(hiddenCell).length, 1, `row ${row}: one hidden cell`);
  const blerick = perTeam.find((row) => row[0] === 'Buurtteam Blerick (demo)');
  assert.equal(blerick[1], '<5');
  assert.ok(perTeam.some((row) => row[1] === 'x'), 'a second received count is hidden beside Blerick\'s');
  const total = perTeam.find((row) => row[0] === 'Totaal');
  assert.ok(Number(total[1]) >= 30);
  // the CSV publishes the same cells
  const csv = decodeHtml((await b.get(`/cijfers/export.csv?kwartaal=${encodeURIComponent(label)}`)).text).slice(1)
    .split('\r\n').map((l) => l.split(';')).filter((c) => c[0] === label);
  assert.equal(csv.length, perTeam.length);
  for (let i = 0; i < csv.length; i++) {
    assert.deepEqual([csv[i][2], csv[i][3], csv[i][4], ...csv[i].slice(8)], counts[i], `CSV row ${csv[i][1]}`);
  }
  // the trend: 8 quarters, the same totals as the quarter's own table, and a bar only for a shown count
  const trend = tableRows(html, 'Alle teams samen, per kwartaal');
  assert.equal(trend.length, 8);
  const ours = trend.find((row) => row[0] === label);
  assert.deepEqual(ours.slice(1, 4), total.slice(1, 4));
  const series = ['Ontvangen', 'Geaccepteerd', 'Teruggelegd'];
  for (const row of trend) {
    series.forEach((name, s) => {
      const text = decodeHtml(html.match(new RegExp(`data-bar="${row[0]} ${name}">([^<]*)<`))[1]);
      assert.equal(text, row[s + 1], `${row[0]} ${name}`);
      const bar = html.match(new RegExp(`data-value="([^"]*)"><title>${row[0]}: ${name} `));
      if (hiddenCell(row[s + 1])) assert.equal(bar, null, `no bar for a suppressed ${row[0]} ${name}`);
      else assert.equal(bar[1], row[s + 1]);
    });
  }
  assert.match(html, /<svg class="lt-chart cijfers-chart"[^>]*role="img"/);
  // Veilig Thuis, who works with the handovers, keeps the exact counts
  const vtCsv = (await (await as('vt')).get(`/cijfers/export.csv?kwartaal=${encodeURIComponent(label)}`)).text;
  assert.match(vtCsv, /;Buurtteam Blerick \(demo\);[1-4];/);
});

await run({ after: () => d.stop() });
