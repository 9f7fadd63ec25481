// case_team.test.mjs — the case team (issue 7): what the school partner sees of
// the demo case ("dat, niet wat"), inviting with a legal basis and the family
// informed (errors at the field, input kept, hostile text escaped), who may
// invite, ending an involvement (404 at once, history kept), audit of reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const caseOf = (name) => one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = '${name}'`).id;
const devries = caseOf('Familie De Vries (demo)');
const wijnen = caseOf('Familie Wijnen (demo)');
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOfUser = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

test('the school sees that there is a case, the regisseur and how to reach him/her, its signals — nothing else', async () => {
  const school = await as('partner');
  const r = await school.get(`/casussen/${devries}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Sanne Verhoeven/, 'the regisseur');
  assert.match(r.text, /077 000 00 00/, 'how to reach the regisseur');
  assert.match(r.text, /Signalen en wat te doen als het onveilig wordt/);
  assert.match(r.text, /Afspraken voor Basisschool De Regenboog/);
  assert.match(r.text, /Uw betrokkenheid: intern begeleider/);
  for (const secret of ['17-04-1988', '21-06-2015', '30-01-2019', 'Demostraat 12', 'Linda de Vries', 'Marco de Vries',
    'Geboortedatum', 'agressieregulatietraining', 'Tegelen', 'Melding door de school', 'JGZ Noord-Limburg',
    'Eva Coenen', 'Veiligheidsvoorwaarden', 'Overdrachten van Veilig Thuis', 'Regisseurs van deze casus']) {
    assert.ok(!r.text.includes(secret), `the school must not see "${secret}"`);
  }
  assert.doesNotMatch(r.text, /action="\/casussen\/\d+\/betrokkenen"/, 'no invite form');
  // the journal: its own signal entry with its addendum, not JGZ's nor the regisseur's entries
  const j = await school.get(`/casussen/${devries}/journaal`);
  assert.equal(j.status, 200);
  assert.match(j.text, /Noah was maandag stil/);
  assert.match(j.text, /Correctie: het was <em>dinsdag<\/em>/);
  assert.doesNotMatch(j.text, /consultatiebureau|Huisbezoek met moeder|zus in Tegelen/);
});

test('the case team sees everyone with basis, informed status and parts; JGZ sees more than the school', async () => {
  const reg = await as('professional');
  const r = await reg.get(`/casussen/${devries}`);
  assert.match(r.text, /Basisschool De Regenboog \(demo\) — Mark Janssen/);
  assert.match(r.text, /toestemming van moeder en vader/);
  assert.match(r.text, /betrokken hulpverlener \(Jeugdwet 7\.3\.11\)/);
  assert.match(r.text, /action="\/casussen\/\d+\/betrokkenen"/, 'the regisseur invites');
  const jgz = await (await as('partner.jgz')).get(`/casussen/${devries}`);
  assert.match(jgz.text, /21-06-2015/, 'JGZ was given the part gezin');
  assert.match(jgz.text, /id="voorwaarden-kop"/);
  assert.doesNotMatch(jgz.text, /Overdrachten van Veilig Thuis|Mark Janssen/);
  const tl = await (await as('teamleider')).get(`/casussen/${devries}`);
  assert.match(tl.text, /action="\/casussen\/\d+\/betrokkenen"/, 'the team leader invites');
});

test('the case page keeps its order: team, regisseur, partners by organisation, the handing-over organisation; choices by name', async () => {
  // involvement_list sorts in C and the watch and invite choices come from its rows: same order as SQL's ORDER BY
  const r = await (await as('professional')).get(`/casussen/${devries}`);
  const rows = [...r.text.matchAll(/data-label="Organisatie en persoon">([^<]*)</g)].map((m) => m[1]);
  const at = (s) => rows.findIndex((x) => x.startsWith(s));
  const order = ['Wijkteam Venlo-Noord (demo)', 'Wijkteam Venlo-Noord (demo) — Sanne Verhoeven', 'Basisschool De Regenboog (demo) — ',
    'JGZ Noord-Limburg (demo) — ', 'Veilig Thuis Noord-Limburg (demo)'].map((s) => rows.findIndex((x) => x === s || (s.endsWith('— ') && x.startsWith(s))));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `team rows out of order: ${JSON.stringify(rows)}`);
  assert.ok(at('Wijkteam Venlo-Noord (demo)') === 0);
  const watch = /<select[^>]*id="watch_org"[\s\S]*?<\/select>/.exec(r.text)[0];
  const labels = [...watch.matchAll(/<option value="\d+"[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(labels, ['Basisschool De Regenboog (demo)', 'JGZ Noord-Limburg (demo)', 'Wijkteam Venlo-Noord (demo)']);
  const orgs = [...(/<select[^>]*id="organisation"[\s\S]*?<\/select>/.exec(r.text) || [''])[0].matchAll(/<option value="\d+"[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.ok(orgs.length >= 2, 'invite organisations offered');
  assert.deepEqual(orgs, [...orgs].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : 1), 'by name');
});

test('invite form: errors at the field, input kept, hostile text escaped, over-long text refused in Dutch', async () => {
  const reg = await as('professional');
  const hostile = '<script>alert(1)</script>"\'&';
  const r = await reg.post(`/casussen/${devries}/betrokkenen`, [['organisation', String(orgOfUser('professional.buurt'))],
    ['user', String(userId('professional.buurt'))], ['role_in_case', 'x'.repeat(201)], ['basis', 'toestemming'],
    ['consent_of', hostile], ['family_informed', 'nee'], ['parts', 'gezin']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Rol in de casus/);
  assert.match(r.text, /id="role_in_case-error">[^<]*(te lang|maximaal|tekens)/i);
  assert.match(r.text, /Vul in op welke datum de toestemming is gegeven/);
  assert.match(r.text, /Schrijf op waarom het gezin \(nog\) niet is geïnformeerd/);
  assert.ok(r.text.includes('value="' + 'x'.repeat(201) + '"'), 'the over-long input is kept');
  assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'hostile text kept, escaped');
  assert.ok(!r.text.includes('<script>alert(1)'), 'never raw');
  assert.match(r.text, /id="basis-toestemming" name="basis" value="toestemming" checked/);
  assert.match(r.text, /id="family_informed-nee" name="family_informed" value="nee" checked/);
  assert.match(r.text, /id="parts-gezin" name="parts" value="gezin" checked/);
  assert.match(r.text, new RegExp(`<option value="${userId('professional.buurt')}" selected>`));
  assert.equal(one(`SELECT count(*) AS n FROM case_involvement WHERE case_id = ${devries} AND user_id = ${userId('professional.buurt')}`).n, 0);

  // a person of another organisation than chosen; someone who cannot be invited (VT); the handover for a partner
  const r2 = await reg.post(`/casussen/${devries}/betrokkenen`, [['organisation', String(orgOfUser('partner'))],
    ['user', String(userId('professional.buurt'))], ['role_in_case', 'x'], ['basis', 'overig'], ['family_informed', 'ja']]);
  assert.equal(r2.status, 422);
  assert.match(r2.text, /werkt bij Buurtteam Blerick \(demo\), niet bij de gekozen organisatie/);
  assert.match(r2.text, /Licht de grondslag ‘overig’ toe/);
  assert.match(r2.text, /Vul in wanneer het gezin is geïnformeerd/);
  const r3 = await reg.post(`/casussen/${devries}/betrokkenen`, [['organisation', String(orgOfUser('vt'))],
    ['user', String(userId('vt'))], ['role_in_case', 'x'], ['basis', 'meldrecht'], ['family_informed', 'nee'],
    ['not_informed_reason', 'Informeren brengt moeder in gevaar.'], ['parts', 'overdracht']]);
  assert.equal(r3.status, 422);
  assert.match(r3.text, /alleen geactiveerde accounts van actieve organisaties/);
  assert.match(r3.text, /alleen voor het team van de casus/);
  // the invite list offers only activated accounts of active organisations with a case role
  const page = await reg.get(`/casussen/${devries}`);
  const people = /<select[^>]*id="user"[\s\S]*?<\/select>/.exec(page.text)[0];
  assert.match(people, new RegExp(`<option value="${userId('professional.buurt')}"`));
  for (const u of ['vt', 'beheerder', 'secretaris', 'partner', 'professional']) // no case role, or already involved
    assert.doesNotMatch(people, new RegExp(`<option value="${userId(u)}"`), u);
});

test('only activated accounts of active organisations can be chosen', async () => {
  const reg = await as('professional');
  const peopleOf = async () => /<select[^>]*id="user"[\s\S]*?<\/select>/.exec((await reg.get(`/casussen/${devries}`)).text)[0];
  // an account with a case role but no password yet (never activated)
  const admin = await as('beheerder');
  const made = await admin.post('/beheer/gebruikers/nieuw', [['username', 'nieuw.jgz'], ['name', 'Nog Niet Actief'],
    ['organisation', String(orgOfUser('partner.jgz'))], ['role', 'partner']]);
  assert.ok([200, 201, 303].includes(made.status), `user created: ${made.status}`);
  const fresh = userId('nieuw.jgz');
  assert.doesNotMatch(await peopleOf(), new RegExp(`<option value="${fresh}"`));
  // a partner of an organisation that is then deactivated
  const pol = userId('leertafellid.politie');
  execFileSync('sqlite3', [d.db, `INSERT INTO user_role (user_id, role) VALUES (${pol}, 'partner')`]);
  assert.match(await peopleOf(), new RegExp(`<option value="${pol}"`), 'offered while the organisation is active');
  execFileSync('sqlite3', [d.db, `UPDATE organisation SET active = 0 WHERE id = ${orgOfUser('leertafellid.politie')}`]);
  assert.doesNotMatch(await peopleOf(), new RegExp(`<option value="${pol}"`));
  for (const u of [fresh, pol]) {
    const r = await reg.post(`/casussen/${devries}/betrokkenen`, [['organisation', String(one(`SELECT organisation_id AS o FROM app_user WHERE id = ${u}`).o)],
      ['user', String(u)], ['role_in_case', 'x'], ['basis', 'wettelijke_taak'], ['family_informed', 'nee'], ['not_informed_reason', 'x']]);
    assert.equal(r.status, 422);
    assert.match(r.text, /alleen geactiveerde accounts van actieve organisaties/);
  }
});

test('invite: a partner on consent with the family informed; no parts ticked = the partner default', async () => {
  const tl = await as('teamleider');
  const r = await tl.post(`/casussen/${wijnen}/betrokkenen`, [['organisation', String(orgOfUser('partner.jgz'))],
    ['user', String(userId('partner.jgz'))], ['role_in_case', 'jeugdarts'], ['basis', 'toestemming'],
    ['consent_of', 'Jesse (16)'], ['consent_on', '2026-01-02'], ['family_informed', 'ja'], ['informed_on', '2026-01-03'],
    ['informed_by', 'Joost Peeters']]);
  assert.equal(r.status, 303);
  const row = one(`SELECT role_in_case, basis, consent_of, consent_on, family_informed, informed_on, informed_by, parts, invited_by
    FROM case_involvement WHERE case_id = ${wijnen} AND user_id = ${userId('partner.jgz')} AND ended_at IS NULL`);
  assert.deepEqual(row, { role_in_case: 'jeugdarts', basis: 'toestemming', consent_of: 'Jesse (16)', consent_on: '2026-01-02',
    family_informed: 'ja', informed_on: '2026-01-03', informed_by: 'Joost Peeters', parts: 257, invited_by: userId('teamleider') });
  // twice is refused (already involved; no longer in the list)
  const again = await tl.post(`/casussen/${wijnen}/betrokkenen`, [['organisation', String(orgOfUser('partner.jgz'))],
    ['user', String(userId('partner.jgz'))], ['role_in_case', 'jeugdarts'], ['basis', 'wettelijke_taak'], ['family_informed', 'nee'],
    ['not_informed_reason', 'x']]);
  assert.equal(again.status, 422);
});

test('who may invite or end: team leader and regisseur only; others 403 by role or 404 by involvement', async () => {
  const fields = [['organisation', String(orgOfUser('partner.jgz'))], ['user', String(userId('partner.jgz'))]];
  assert.equal((await (await as('partner')).post(`/casussen/${devries}/betrokkenen`, fields)).status, 403);
  assert.equal((await (await as('professional2')).post(`/casussen/${devries}/betrokkenen`, fields)).status, 404);
  assert.equal((await (await as('teamleider.zuid')).post(`/casussen/${devries}/betrokkenen`, fields)).status, 404);
  const school = one(`SELECT id FROM case_involvement WHERE case_id = ${devries} AND user_id = ${userId('partner')} AND ended_at IS NULL`).id;
  assert.equal((await (await as('professional2')).post(`/casussen/${devries}/betrokkenen/${school}/beeindigen`,
    [['ended_on', '2026-01-05'], ['ended_reason', 'x']])).status, 404);
  // the regisseur's own row is not ended here (a change of regisseur is the team leader's)
  const dirRow = one(`SELECT id FROM case_involvement WHERE case_id = ${devries} AND role = 'regisseur' AND ended_at IS NULL`).id;
  assert.equal((await (await as('teamleider')).post(`/casussen/${devries}/betrokkenen/${dirRow}/beeindigen`,
    [['ended_on', '2026-01-05'], ['ended_reason', 'x']])).status, 404);
  // an involvement of another case through this case's path
  const otherCase = one(`SELECT id FROM case_involvement WHERE case_id = ${wijnen} AND user_id = ${userId('partner')} AND ended_at IS NULL`).id;
  assert.equal((await (await as('professional')).post(`/casussen/${devries}/betrokkenen/${otherCase}/beeindigen`,
    [['ended_on', '2026-01-05'], ['ended_reason', 'x']])).status, 404);
});

test('ending: errors keep input; then 404 for the school at once, history shown, a second end is 409', async () => {
  const reg = await as('professional');
  const school = await as('partner');
  assert.equal((await school.get(`/casussen/${wijnen}`)).status, 200);
  const inv = one(`SELECT id FROM case_involvement WHERE case_id = ${wijnen} AND user_id = ${userId('partner')} AND ended_at IS NULL`).id;
  const bad = await reg.post(`/casussen/${wijnen}/betrokkenen/${inv}/beeindigen`, [['ended_on', '2100-01-01'], ['ended_reason', '<b>weg</b>']]);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /De einddatum kan niet in de toekomst liggen/);
  assert.ok(bad.text.includes('value="&lt;b&gt;weg&lt;/b&gt;"'), 'reason kept, escaped');
  const ok = await reg.post(`/casussen/${wijnen}/betrokkenen/${inv}/beeindigen`, [['ended_on', '2026-01-05'], ['ended_reason', 'Jesse is van school']]);
  assert.equal(ok.status, 303);
  assert.equal((await school.get(`/casussen/${wijnen}`)).status, 404, 'the very next request');
  assert.equal((await school.get(`/casussen/${wijnen}/journaal`)).status, 404);
  assert.doesNotMatch((await school.get('/casussen')).text, new RegExp(`href="/casussen/${wijnen}"`));
  const page = await reg.get(`/casussen/${wijnen}`);
  assert.match(page.text, /Beëindigde betrokkenheid/);
  assert.match(page.text, /Mark Janssen[^<]*beëindigd per 05-01-2026 door Sanne Verhoeven: Jesse is van school/);
  const again = await reg.post(`/casussen/${wijnen}/betrokkenen/${inv}/beeindigen`, [['ended_on', '2026-01-05'], ['ended_reason', 'x']]);
  assert.equal(again.status, 409);
  // and it can be invited again later: a new row, the old one stays
  assert.equal(one(`SELECT count(*) AS n FROM case_involvement WHERE id = ${inv} AND ended_at IS NOT NULL`).n, 1);
});

test('reads of the case and the journal are audited, refusals too', async () => {
  const school = await as('partner');
  await school.get(`/casussen/${devries}/journaal`);
  await school.get(`/casussen/${wijnen}/journaal`); // ended above: refused
  const uid = userId('partner');
  const rows = await eventually(() => {
    const r = sql(d.db, `SELECT object_id, outcome, action FROM audit_log WHERE user_id = ${uid} AND object_type = 'case'
      AND action = 'view' AND object_id IN (${devries}, ${wijnen})`);
    return r.some((x) => x.object_id === devries && x.outcome === 'allowed') && r.some((x) => x.object_id === wijnen && x.outcome === 'refused') ? r : null;
  });
  assert.ok(rows, 'allowed and refused reads recorded');
});

test('the regisseur says how to reach him/her (own account only): shown to the school escaped; errors keep input', async () => {
  const reg = await as('professional');
  let r = await reg.get('/account/bereikbaarheid');
  assert.equal(r.status, 200);
  assert.match(r.text, /value="077 000 00 00[^"]*"/, 'the current line in the field');
  const hostile = '<script>alert(1)</script> 06-1234 5678 (ma-do)';
  r = await reg.post('/account/bereikbaarheid', [['contact', hostile]]);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/account/bereikbaarheid');
  assert.match((await reg.get('/account/bereikbaarheid')).text, /Uw bereikbaarheid is opgeslagen/);
  assert.equal(one(`SELECT contact FROM app_user WHERE username = 'professional'`).contact, hostile);
  const school = await as('partner');
  r = await school.get(`/casussen/${devries}`);
  assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; 06-1234 5678 (ma-do)'), 'escaped on the case page');
  assert.ok(!r.text.includes('<script>alert(1)'));
  // too long: a Dutch message at the field, the typed text kept, nothing stored
  const long = 'x'.repeat(201);
  r = await reg.post('/account/bereikbaarheid', [['contact', long]]);
  assert.equal(r.status, 422);
  assert.match(r.text, /ten hoogste 200 tekens/);
  assert.ok(r.text.includes(`value="${long}"`), 'input kept');
  assert.equal(one(`SELECT contact FROM app_user WHERE username = 'professional'`).contact, hostile);
  // a second line, or a right-to-left override that shows the number reversed: said why, nothing stored
  r = await reg.post('/account/bereikbaarheid', [['contact', '06-1234 5678\nna 17 uur']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Dit veld mag maar één regel bevatten/);
  r = await reg.post('/account/bereikbaarheid', [['contact', 'bel \u202E8765 4321-60']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /onzichtbare stuurtekens/);
  assert.equal(one(`SELECT contact FROM app_user WHERE username = 'professional'`).contact, hostile);
  // no CSRF token: refused; the id is the session's, never the request's
  r = await reg.post('/account/bereikbaarheid', [['contact', 'x']], { csrf: null });
  assert.equal(r.status, 403);
  r = await reg.post('/account/bereikbaarheid', [['contact', 'y'], ['id', String(userId('teamleider'))]]);
  assert.notEqual(one(`SELECT contact FROM app_user WHERE username = 'teamleider'`).contact, 'y');
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'professional' AND action = 'contact_set' AND outcome = 'allowed'`).n >= 1);
  // empty: reached through the team
  r = await reg.post('/account/bereikbaarheid', [['contact', '']]);
  r = await school.get(`/casussen/${devries}`);
  assert.match(r.text, /<dt>Bereikbaar<\/dt><dd>via Wijkteam/);
});

await run({ after: () => d.stop() });
