// tests/http/safety_plan.test.mjs — the safety plan (issue 7 items 3–7) against the real daemon:
// saving makes versions; two sessions saving the same version → the second gets the 409
// conflict page with its own input and the current version; version comparison shows a
// changed agreement; "vastgesteld met het gezin" needs its minimum (Dutch message at each
// missing part, input kept); "meer regels" round-trips the form; a partner (school) sees only
// its parts through the plan, its print and its comparison; several condition statuses in one
// request all change (note required for "niet nageleefd", history kept, someone else's change
// never overwritten); "nieuw veiligheidsplan" on the start page until opened, and the regisseur
// sees who read it; Veilig Thuis sees the agreed plan's conditions and agreements on its
// handover; hostile text escaped, over-long text refused with the input kept; reads audited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const write = (s) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: s, encoding: 'utf8' });

const CASE = one("SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = 'Familie De Vries (demo)'").id;
const SCHOOL = one("SELECT id FROM organisation WHERE name = 'Basisschool De Regenboog (demo)'").id;
const JGZ = one("SELECT id FROM organisation WHERE name = 'JGZ Noord-Limburg (demo)'").id;
const PLAN = `/casussen/${CASE}/veiligheidsplan`;
// JGZ takes part in the demo case (the case team's demo does this too; added here when absent)
write(`INSERT INTO case_involvement (case_id, org_id, user_id, role) SELECT ${CASE}, ${JGZ}, u.id, 'betrokken'
  FROM app_user u WHERE u.username = 'partner.jgz' AND NOT EXISTS (SELECT 1 FROM case_involvement
  WHERE case_id = ${CASE} AND org_id = ${JGZ} AND ended_at IS NULL);`);
const latest = () => one(`SELECT coalesce(max(n), 0) AS n FROM safety_plan_version WHERE case_id = ${CASE}`).n;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

/** A complete plan form; `extra` pairs are added (repeated fields add rows). */
function planForm(version, extra = [], { agreements = true } = {}) {
  return [
    ['version', String(version)],
    ['what_happened', 'Ruzie met slaan, de kinderen waren erbij.'],
    ['family_view', 'Het was een uitzondering.'],
    ['professional_view', 'Risico op herhaling.'],
    ['strengths', 'Oma helpt.'],
    ['danger', 'Papa slaat mama als hij boos is.'],
    ['goal_what', 'Geen geweld meer.'], ['goal_duration', 'zes maanden'],
    ...(agreements ? [
      ['agr_owner', 'gezin'], ['agr_who', 'Vader'], ['agr_what', 'Gaat naar zijn broer als hij boos wordt.'], ['agr_when', 'altijd'], ['agr_status', 'afgesproken'],
      ['agr_owner', `org-${SCHOOL}`], ['agr_who', 'Intern begeleider'], ['agr_what', 'Meldt verzuim dezelfde dag.'], ['agr_when', 'elke schooldag'], ['agr_status', 'bezig'],
      ['agr_owner', `org-${JGZ}`], ['agr_who', 'Jeugdverpleegkundige'], ['agr_what', 'JGZ-afspraak geheim voor school.'], ['agr_when', 'maandelijks'], ['agr_status', 'afgesproken'],
    ] : []),
    ['net_name', 'Oma Netwerk'], ['net_relation', 'oma'], ['net_phone', '06-1'], ['net_part', 'Komt als het onrustig is.'],
    ['sig_signal', 'Vader loopt heen en weer.'], ['sig_action', 'Moeder belt oma.'],
    ['crisis_name', 'Politie'], ['crisis_phone', '112'],
    ['crisis_name', 'Veilig Thuis'], ['crisis_phone', '0800-2000'],
    ['watch_who', 'Regisseur'], ['watch_how', 'elke twee weken'],
    ['scale_who', 'Gezin'], ['scale_score', '6'], ['scale_date', '2026-01-05'],
    ['evaluation_date', '2099-01-01'],
    ['action', 'opslaan'],
    ...extra,
  ];
}

// One text of the demo plan (version 3) per part: the plan page shows exactly the parts
// case_parts_of() gives (walked before any test saves a version).
const PART_MARKS = {
  plan_zorgen: 'Als papa en mama ruzie krijgen', plan_goed: 'woont dichtbij en helpt graag',
  plan_doelen: 'ook geen duwen of dreigen', plan_afspraken: 'Gaat weg naar zijn broer',
  plan_netwerk: 'Komt als Linda belt', plan_signalen: 'Marco praat harder', plan_toezicht: 'elke twee weken een huisbezoek',
  plan_schaal: 'Gezin (Linda en Marco)', voorwaarden: 'Veiligheidsvoorwaarden: status',
};
const ALL_PLAN = Object.keys(PART_MARKS);
test('every plan part x role x involvement: the plan page shows exactly the parts case_parts_of gives', async () => {
  const matrix = [
    ['teamleider', ALL_PLAN], ['professional', ALL_PLAN],
    ['partner', ['plan_signalen']],
    ['partner.jgz', one(`SELECT parts FROM case_involvement WHERE case_id = ${CASE} AND org_id = ${JGZ} AND ended_at IS NULL LIMIT 1`)?.parts & 4 ? ['voorwaarden', 'plan_signalen'] : ['plan_signalen']],
    ['professional2', null], ['professional.zuid', null], ['teamleider.zuid', null], ['vt', null],
    ['secretaris', null], ['leertafellid', null], ['beheerder', null], ['beleid', null],
  ];
  const problems = [];
  for (const [who, expected] of matrix) {
    const r = await (await as(who)).get(PLAN);
    if (expected === null) {
      if (r.status !== 404 && r.status !== 403) problems.push(`${who}: ${r.status}`);
      continue;
    }
    if (r.status !== 200) { problems.push(`${who}: ${r.status}`); continue; }
    const seen = ALL_PLAN.filter((p) => r.text.includes(PART_MARKS[p]));
    if (seen.sort().join() !== [...expected].sort().join()) problems.push(`${who}: saw ${seen}, expected ${expected}`);
  }
  // the own organisation's agreement is basis: the school sees the school's, JGZ the JGZ's, not each other's
  const school = (await (await as('partner')).get(PLAN)).text;
  const jgz = (await (await as('partner.jgz')).get(PLAN)).text;
  if (!school.includes('vraagt Noah wekelijks') || school.includes('consultatiebureau')) problems.push('school agreements');
  if (!jgz.includes('consultatiebureau') || jgz.includes('vraagt Noah wekelijks')) problems.push('JGZ agreements');
  assert.deepEqual(problems, []);
});

test('the regisseur sees every part; every save is a new version with who and when', async () => {
  const prof = await as('professional');
  let r = await prof.get(PLAN);
  assert.equal(r.status, 200);
  for (const s of ['Gevaar-uitspraken', 'Veiligheidsdoelen', 'Afspraken', 'Veiligheidsnetwerk', 'Crisiscontacten', 'Toezicht', 'Veiligheidsschaal', 'Opslaan als nieuwe versie', 'Vastgesteld met het gezin'])
    assert.ok(r.text.includes(s), s);
  const before = latest();
  assert.ok(r.text.includes(`name="version" value="${before}"`));
  r = await prof.post(PLAN, planForm(before));
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const v = one(`SELECT v.n, v.status, u.username, v.saved_at FROM safety_plan_version v JOIN app_user u ON u.id = v.saved_by WHERE v.case_id = ${CASE} ORDER BY n DESC LIMIT 1`);
  assert.deepEqual([v.n, v.status, v.username], [before + 1, 'concept', 'professional']);
  assert.ok(v.saved_at);
  // earlier versions stay readable
  r = await prof.get(`${PLAN}/versies/1`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Versie 1/);
  assert.equal((await prof.get(`${PLAN}/versies/999`)).status, 404);
});

test('two sessions save the same version: the second gets the conflict page with its own input', async () => {
  const a = await as('professional');
  const b = await as('professional');
  const opened = latest();
  await a.get(PLAN);
  await b.get(PLAN);
  let r = await a.post(PLAN, planForm(opened, [['danger', 'Eerste sessie schreef dit.']]));
  assert.equal(r.status, 303);
  r = await b.post(PLAN, planForm(opened, [['danger', 'Tweede sessie typte dit.']]));
  assert.equal(r.status, 409);
  assert.match(r.text, /intussen gewijzigd/);
  assert.ok(r.text.includes('Tweede sessie typte dit.'), 'own input kept');
  assert.ok(r.text.includes('Eerste sessie schreef dit.'), 'the current version shown beside it');
  assert.ok(r.text.includes(`name="version" value="${opened + 1}"`), 'the form now carries the current version');
  assert.equal(latest(), opened + 1, 'nothing overwritten');
  assert.equal(one(`SELECT count(*) AS n FROM safety_plan_item i JOIN safety_plan_version v ON v.id = i.version_id WHERE v.case_id = ${CASE} AND i.a = 'Tweede sessie typte dit.'`).n, 0);
  // merging = saving the conflict page's form again
  r = await b.post(PLAN, planForm(opened + 1, [['danger', 'Tweede sessie typte dit.'], ['danger', 'Eerste sessie schreef dit.']]));
  assert.equal(r.status, 303);
  assert.equal(latest(), opened + 2);
});

test('comparing two versions shows a changed agreement, part by part', async () => {
  const prof = await as('professional');
  const n = latest();
  const changed = planForm(n).map(([k, v]) => [k, v === 'Meldt verzuim dezelfde dag.' ? 'Meldt verzuim dezelfde dag en belt de regisseur.' : v]);
  assert.equal((await prof.post(PLAN, changed)).status, 303);
  const r = await prof.get(`${PLAN}/versies/${n + 1}?met=${n}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`van versie ${n} naar versie ${n + 1}`));
  const afspraken = r.text.slice(r.text.indexOf('>Afspraken</h3>'), r.text.indexOf('>Veiligheidsnetwerk</h3>'));
  assert.match(afspraken, /gewijzigd/);
  assert.ok(afspraken.includes('Meldt verzuim dezelfde dag.') && afspraken.includes('Meldt verzuim dezelfde dag en belt de regisseur.'));
  const netwerk = r.text.slice(r.text.indexOf('>Veiligheidsnetwerk</h3>'), r.text.indexOf('>Signalen en wat te doen'));
  assert.match(netwerk, /Geen wijzigingen/);
  // the demo: version 2 (agreed) against 3 shows the school's changed agreement
  const demo = await prof.get(`${PLAN}/versies/2?met=3`);
  assert.match(demo.text, /vraagt Noah wekelijks/);
});

test('"vastgesteld met het gezin" needs its minimum: a Dutch message at each missing part, input kept', async () => {
  const prof = await as('professional');
  const n = latest();
  let r = await prof.post(`${PLAN}/vaststellen`, [
    ['version', String(n)], ['what_happened', 'Blijft staan na de fout.'], ['crisis_name', ''], ['crisis_phone', ''],
    ['agr_owner', ''], ['agr_who', ''], ['agr_what', 'Een afspraak zonder eigenaar.'], ['agr_when', ''], ['agr_status', 'afgesproken'],
    ['action', 'opslaan'],
  ]);
  assert.equal(r.status, 422);
  for (const m of ['ten minste één gevaar-uitspraak', 'ten minste één veiligheidsdoel', 'afspraak vast met een eigenaar',
    'ten minste één crisiscontact', 'Vul de evaluatiedatum in', 'Noem wie er bij het vaststellen was', 'waarop het plan met het gezin is vastgesteld'])
    assert.ok(r.text.includes(m), m);
  assert.ok(r.text.includes('Blijft staan na de fout.') && r.text.includes('Een afspraak zonder eigenaar.'));
  assert.equal(latest(), n, 'nothing saved');
  // complete: agreed, with participants and their (dis)agreement
  r = await prof.post(`${PLAN}/vaststellen`, planForm(n, [
    ['part_name', 'Moeder'], ['part_role', 'moeder'], ['part_agrees', 'eens'], ['part_note', ''],
    ['part_name', 'Vader'], ['part_role', 'vader'], ['part_agrees', 'oneens'], ['part_note', 'Vindt het te streng.'],
    ['agreed_on', '2026-01-10'],
  ]));
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const v = one(`SELECT status, agreed_on FROM safety_plan_version WHERE case_id = ${CASE} AND n = ${n + 1}`);
  assert.deepEqual([v.status, v.agreed_on], ['vastgesteld', '2026-01-10']);
  r = await prof.get(PLAN);
  assert.match(r.text, /Vastgesteld met het gezin op 10-01-2026/);
  assert.match(r.text, /Vindt het te streng/);
  // a co-worker who is not the regisseur cannot record it as agreed (404, nothing changed)
  write(`INSERT INTO case_involvement (case_id, org_id, user_id, role) SELECT ${CASE}, organisation_id, id, 'betrokken' FROM app_user WHERE username = 'professional2';`);
  const co = await as('professional2');
  r = await co.post(`${PLAN}/vaststellen`, planForm(n + 1, [['part_name', 'X'], ['part_agrees', 'eens'], ['agreed_on', '2026-01-10']]));
  assert.equal(r.status, 404);
  assert.equal(latest(), n + 1);
});

test('"meer regels" sends everything back with more empty rows; nothing typed is lost', async () => {
  const prof = await as('professional');
  const n = latest();
  const r = await prof.post(PLAN, planForm(n, [['action', 'meer_regels']]).filter(([k, v]) => !(k === 'action' && v === 'opslaan')));
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('JGZ-afspraak geheim voor school.'));
  const rows = (r.text.match(/name="agr_what"/g) || []).length;
  assert.equal(rows, 3 + 2 + 3, 'three filled, two empty and three more');
  assert.equal(latest(), n);
});

test('a partner (school) sees through the plan only its parts, in the page, the versions and the print', async () => {
  const school = await as('partner');
  let r = await school.get(PLAN);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('Meldt verzuim'), 'its own organisation\'s agreement');
  assert.ok(r.text.includes('Vader loopt heen en weer.'), 'the signals it watches for');
  assert.ok(r.text.includes('0800-2000'));
  for (const hidden of ['JGZ-afspraak geheim voor school.', 'Papa slaat mama', 'Oma Netwerk', 'Ruzie met slaan', 'Risico op herhaling', 'Geen geweld meer', 'Gaat naar zijn broer', 'Opslaan als nieuwe versie'])
    assert.ok(!r.text.includes(hidden), hidden);
  r = await school.get(`${PLAN}/versies/2?met=3`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('Ziet Tess op het consultatiebureau'), 'no JGZ agreement in a comparison');
  assert.ok(!r.text.includes('Als papa en mama ruzie krijgen'));
  // the family version is not the school's; its own print holds its parts only
  assert.equal((await school.get(`${PLAN}/afdrukken`)).status, 404);
  r = await school.get(`${PLAN}/afdrukken?voor=${SCHOOL}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('Meldt verzuim') && !r.text.includes('JGZ-afspraak geheim voor school.') && !r.text.includes('Papa slaat mama'));
  // the regisseur's print for the school: the same filter (case_parts_of for the school's people)
  const prof = await as('professional');
  r = await prof.get(`${PLAN}/afdrukken?voor=${SCHOOL}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('Meldt verzuim') && !r.text.includes('JGZ-afspraak geheim voor school.') && !r.text.includes('Oma Netwerk'));
  assert.ok(!/<form|<nav/.test(r.text), 'no forms or navigation in print');
  // an organisation not involved: nothing
  const police = one("SELECT id FROM organisation WHERE kind = 'politie'").id;
  assert.equal((await prof.get(`${PLAN}/afdrukken?voor=${police}`)).status, 404);
  // a partner never saves
  assert.equal((await school.post(PLAN, planForm(latest()))).status, 403);
});

test('the family version: agreements and crisis numbers in plain Dutch, never the risk assessment', async () => {
  const prof = await as('professional');
  const r = await prof.get(`${PLAN}/afdrukken`);
  assert.equal(r.status, 200);
  for (const s of ['Ons veiligheidsplan', 'Als het niet veilig is', '112', '0800-2000', 'Meldt verzuim', 'Wanneer praten we weer', 'Vertrouwelijk'])
    assert.ok(r.text.includes(s), s);
  const riskAssessment = one(`SELECT risk_assessment FROM handover WHERE case_id = ${CASE} LIMIT 1`).risk_assessment;
  for (const never of [riskAssessment.slice(0, 30), 'Risico op herhaling', 'Ruzie met slaan'])
    assert.ok(!r.text.includes(never), never);
  assert.ok(!/<form|<nav/.test(r.text));
});

test('several condition statuses in one request all change; a note is required for "niet nageleefd"; history shown', async () => {
  const prof = await as('professional');
  const conds = q(`SELECT id, status FROM case_condition WHERE case_id = ${CASE} ORDER BY position`);
  assert.ok(conds.length >= 3);
  const fields = (statuses, notes) => conds.flatMap((c, i) => [['condition', String(c.id)], ['was', c.status], ['status', statuses[i] ?? c.status], ['note', notes[i] ?? '']]);
  // "niet nageleefd" without a note: nothing at all changes, the choices come back
  let r = await prof.post(`/casussen/${CASE}/voorwaarden`, fields(['afgesproken', 'niet_nageleefd', 'nageleefd'], ['', '', '']));
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf kort wat er niet is nageleefd/);
  assert.deepEqual(q(`SELECT id, status FROM case_condition WHERE case_id = ${CASE} ORDER BY position`), conds);
  const wanted = ['afgesproken', 'niet_nageleefd', 'nageleefd'].map((s, i) => (s === conds[i].status ? (s === 'nageleefd' ? 'afgesproken' : 'nageleefd') : s));
  r = await prof.post(`/casussen/${CASE}/voorwaarden`, fields(wanted, ['Besproken met moeder.', 'Vader kwam toch langs.', '']));
  assert.equal(r.status, 303);
  const after = q(`SELECT id, status FROM case_condition WHERE case_id = ${CASE} ORDER BY position`);
  for (let i = 0; i < 3; i++) assert.equal(after[i].status, wanted[i], `condition ${i + 1}`);
  assert.equal(one(`SELECT note FROM case_condition_change WHERE condition_id = ${conds[0].id} ORDER BY id DESC LIMIT 1`).note, 'Besproken met moeder.');
  r = await prof.get(`/casussen/${CASE}`);
  assert.match(r.text, /Geschiedenis van voorwaarde 1/);
  assert.ok(r.text.includes('Vader kwam toch langs.'));
  assert.equal((r.text.match(/action="\/casussen\/\d+\/voorwaarden"/g) || []).length, 1, 'one form for all conditions');
  // someone else changed condition 1 meanwhile: not overwritten, the user's notes kept (409)
  write(`UPDATE case_condition SET status = 'nog_niet_besproken' WHERE id = ${conds[0].id};`);
  const stale = after.map((c) => c.status);
  r = await prof.post(`/casussen/${CASE}/voorwaarden`, conds.flatMap((c, i) => [['condition', String(c.id)], ['was', stale[i]], ['status', i === 0 ? 'nageleefd' : stale[i]], ['note', i === 0 ? 'Mijn notitie blijft.' : '']]));
  assert.equal(r.status, 409);
  assert.ok(r.text.includes('Mijn notitie blijft.'));
  assert.equal(one(`SELECT status FROM case_condition WHERE id = ${conds[0].id}`).status, 'nog_niet_besproken');
  // a condition of another case through this case's URL: 404
  const other = one(`SELECT id, status FROM case_condition WHERE case_id <> ${CASE} LIMIT 1`);
  r = await prof.post(`/casussen/${CASE}/voorwaarden`, [['condition', String(other.id)], ['was', other.status], ['status', 'nageleefd'], ['note', 'x']]);
  assert.equal(r.status, 404);
});

test('"nieuw veiligheidsplan" on the school\'s start page until opened; the regisseur sees who read it', async () => {
  const prof = await as('professional');
  // a newly agreed version
  assert.equal((await prof.post(`${PLAN}/vaststellen`, planForm(latest(), [['part_name', 'Moeder'], ['part_role', 'moeder'],
    ['part_agrees', 'eens'], ['part_note', ''], ['agreed_on', '2026-01-11']]))).status, 303);
  const unread = (html) => html.slice(html.indexOf('Nog niet geopend door'), html.indexOf('</p>', html.indexOf('Nog niet geopend door')));
  assert.match(unread((await prof.get(PLAN)).text), /Mark Janssen/, 'the regisseur sees who has not opened it yet');
  const school = await as('partner');
  let r = await school.get('/');
  assert.match(r.text, /nieuw veiligheidsplan: Familie De Vries/);
  assert.doesNotMatch((await prof.get('/')).text, /nieuw veiligheidsplan: Familie De Vries/, 'not for the one who recorded it');
  await school.get(PLAN);
  r = await school.get('/');
  assert.doesNotMatch(r.text, /nieuw veiligheidsplan: Familie De Vries/);
  r = await prof.get(PLAN);
  const read = r.text.slice(r.text.indexOf('Gelezen door'), r.text.indexOf('</section>', r.text.indexOf('Gelezen door')));
  assert.match(read, /Mark Janssen/);
  assert.doesNotMatch(unread(r.text), /Mark Janssen/);
  // the opening is audited
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'partner' AND action = 'view' AND object_type = 'case' AND object_id = ${CASE} AND detail = 'veiligheidsplan'`).n > 0);
  // someone not involved: no panel, and 404 on the plan
  const other = await as('professional.zuid');
  assert.doesNotMatch((await other.get('/')).text, /nieuw veiligheidsplan/);
  assert.equal((await other.get(PLAN)).status, 404);
});

test('Veilig Thuis sees the agreed plan\'s conditions and agreements on its handover, not the rest', async () => {
  const vt = await as('vt');
  const h = one(`SELECT id FROM handover WHERE case_id = ${CASE} ORDER BY id LIMIT 1`).id;
  const r = await vt.get(`/overdrachten/${h}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Veiligheidsplan, vastgesteld met het gezin op/);
  assert.ok(r.text.includes('Meldt verzuim'), 'agreements');
  assert.match(r.text, /Veiligheidsvoorwaarden en hun status nu/);
  for (const never of ['Oma Netwerk', 'Vader loopt heen en weer.', 'Risico op herhaling']) assert.ok(!r.text.includes(never), never);
  assert.equal((await vt.get(PLAN)).status, 403);
});

test('hostile text is escaped; over-long text gets a Dutch message with the input kept', async () => {
  const prof = await as('professional');
  const n = latest();
  let r = await prof.post(PLAN, planForm(n, [['danger', '<script>alert(1)</script>"><img src=x onerror=alert(2)>']]));
  assert.equal(r.status, 303);
  r = await prof.get(PLAN);
  assert.ok(!r.text.includes('<script>alert(1)') && !r.text.includes('<img src=x'));
  assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  const long = 'x'.repeat(2001);
  r = await prof.post(PLAN, planForm(latest(), [['agr_owner', 'gezin'], ['agr_who', 'Oom'], ['agr_what', long], ['agr_when', ''], ['agr_status', 'afgesproken']]));
  assert.equal(r.status, 422);
  assert.match(r.text, /ten hoogste 2000 tekens/);
  assert.ok(r.text.includes(long), 'the long text is kept to shorten');
  assert.ok(r.text.includes('Gaat naar zijn broer als hij boos wordt.'), 'the rest is kept');
  r = await prof.post(PLAN, planForm(latest(), [['scale_who', 'Regisseur'], ['scale_score', '11'], ['scale_date', '2026-01-01'], ['agr_owner', 'org-999999'], ['agr_who', 'X'], ['agr_what', 'Y'], ['agr_when', ''], ['agr_status', 'afgesproken']]));
  assert.equal(r.status, 422);
  assert.match(r.text, /score een heel getal van 0 tot en met 10/);
  assert.match(r.text, /Kies als eigenaar het gezin, het netwerk of een betrokken organisatie/);
  assert.match(r.text, /<option value="org-999999" selected>[^<]*niet meer betrokken/, 'the chosen owner is shown again, not dropped');
  assert.equal((await prof.get('/healthz')).status, 200);
});

test('every read of the plan is audited: page, version, comparison, print', async () => {
  const prof = await as('professional');
  await prof.get(`${PLAN}/versies/1?met=2`);
  await prof.get(`${PLAN}/afdrukken`);
  const rows = await eventually(() => {
    const x = q(`SELECT action, detail FROM audit_log WHERE username = 'professional' AND object_type = 'case' AND object_id = ${CASE} AND outcome = 'allowed'`);
    return x.some((a) => a.action === 'print') && x.some((a) => /vergeleken/.test(a.detail || '')) ? x : null;
  });
  assert.ok(rows.some((a) => a.action === 'update' && /veiligheidsplan versie/.test(a.detail)));
  assert.ok(one(`SELECT household_id FROM audit_log WHERE action = 'print' AND object_id = ${CASE} LIMIT 1`).household_id > 0);
});

test('a case without a plan: the form starts with 112 and Veilig Thuis, version 0; a closed case is read-only (409)', async () => {
  const other = one(`SELECT c.id FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional'
    AND c.status = 'open' AND c.id <> ${CASE} AND NOT EXISTS (SELECT 1 FROM safety_plan_version v WHERE v.case_id = c.id) LIMIT 1`).id;
  const prof = await as('professional');
  let r = await prof.get(`/casussen/${other}/veiligheidsplan`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Er is nog geen veiligheidsplan/);
  assert.ok(r.text.includes('name="version" value="0"'));
  assert.ok(r.text.includes('value="112"') && r.text.includes('value="0800-2000"'));
  r = await prof.post(`/casussen/${other}/veiligheidsplan`, [['version', '0'], ['danger', 'Eerste versie.'], ['crisis_name', 'Politie'], ['crisis_phone', '112'], ['action', 'opslaan']]);
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT count(*) AS n FROM safety_plan_version WHERE case_id = ${other}`).n, 1);
  write(`UPDATE casefile SET status = 'gesloten' WHERE id = ${other};`);
  r = await prof.post(`/casussen/${other}/veiligheidsplan`, [['version', '1'], ['danger', 'Na sluiten.'], ['action', 'opslaan']]);
  assert.equal(r.status, 409);
  assert.equal(one(`SELECT count(*) AS n FROM safety_plan_version WHERE case_id = ${other}`).n, 1);
  r = await prof.get(`/casussen/${other}/veiligheidsplan`);
  assert.ok(!r.text.includes('Opslaan als nieuwe versie'), 'no form on a closed case');
});

await run({ after: () => d.stop() });
