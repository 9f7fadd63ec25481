// tests/http/family_plan.test.mjs — the family plan and evaluations (issue 8 items 1 and 4)
// against the real daemon: a version with ZRM scores, "niet beoordeeld" with a reason, notes
// for a child under 12, goals and services; a score outside 1–5, "niet beoordeeld" without a
// reason, a date in the future or a score for a child refused at the row with the input kept;
// a score older than 30 days marked; two sessions saving the same version → 409 with the own
// input, nothing overwritten; the safety plan on top; a partner sees the family plan only with
// the part `gezinsplan`; an evaluation's chart numbers equal its table's; the default next
// date follows the norm under /beheer/normen; an overdue evaluation on the start pages of the
// regisseur and the team leader (not of others); every read audited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, nlDay, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const write = (s) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: s, encoding: 'utf8' });

const CASE = one("SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = 'Familie De Vries (demo)'").id;
const PLAN = `/casussen/${CASE}/gezinsplan`;
const EVAL = `/casussen/${CASE}/evaluaties`;
const member = (name) => one(`SELECT p.id FROM person p JOIN casefile c ON c.household_id = p.household_id WHERE c.id = ${CASE} AND p.name = '${name}'`).id;
const LINDA = member('Linda de Vries');
const MARCO = member('Marco de Vries');
const NOAH = member('Noah de Vries'); // under 12
const latest = () => one(`SELECT coalesce(max(n), 0) AS n FROM family_plan_version WHERE case_id = ${CASE}`).n;
const iso = (days) => nlDay(days);

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

/** One ZRM row (all seven fields, as the form sends them). */
const zrm = (person, domain, score = '', reason = '', date = '', source = '', note = '') => [
  ['zrm_person', String(person)], ['zrm_domain', String(domain)], ['zrm_score', score], ['zrm_reason', reason],
  ['zrm_date', date], ['zrm_source', source], ['zrm_note', note]];

function planForm(version, rows = [], extra = []) {
  return [
    ['version', String(version)],
    ['family_goals', 'Wij willen rust in huis en dat de kinderen veilig zijn.'],
    ['strengths', 'Oma helpt veel.'], ['worries', 'Schulden en ruzie.'],
    ...zrm(LINDA, 1, '2', '', iso(-3), 'gesprek met Linda'),
    ...zrm(MARCO, 4, 'nb', 'Marco wil hier nu niet over praten.'),
    ...zrm(NOAH, 6, '', '', '', '', 'Noah slaapt slecht sinds de ruzies.'),
    ...rows,
    ['goal_domain', '1'], ['goal_person', String(LINDA)], ['goal_what', 'Overzicht over de schulden'],
    ['goal_target', '3'], ['goal_who', 'Linda met schuldhulp'], ['goal_due', iso(60)], ['goal_status', 'loopt'],
    ['svc_provider', 'Schuldhulp Venlo (demo)'], ['svc_what', 'Budgetbeheer'], ['svc_from', iso(-10)], ['svc_to', ''],
    ...extra,
  ];
}

test('demo: two plan versions, one old score marked, two evaluations whose chart shows change', async () => {
  const prof = await as('professional');
  assert.equal(latest(), 2);
  assert.ok((await prof.get(PLAN)).text.includes('ouder dan 30 dagen'));
  const evs = q(`SELECT id FROM case_evaluation WHERE case_id = ${CASE} ORDER BY held_on`);
  assert.equal(evs.length, 2);
  const changed = one(`SELECT count(*) AS n FROM case_evaluation_domain WHERE evaluation_id = ${evs[1].id} AND now_score <> start_score`).n;
  assert.ok(changed > 0);
  const r = await prof.get(`${EVAL}/${evs[1].id}`);
  assert.ok(r.text.includes('vooruit') && !r.text.includes(': 0 vooruit'));
});

test('the regisseur saves a version: scores, niet beoordeeld with reason, notes for a child, goal, service', async () => {
  const prof = await as('professional');
  let r = await prof.get(PLAN);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('id="vp-kop"'), 'the safety plan stands on top');
  assert.ok(r.text.indexOf('id="vp-kop"') < r.text.indexOf('id="gp-kop"'));
  for (const s of ['Financiën', 'Werk &amp; opleiding', 'Maatschappelijke participatie', 'Justitie', 'niet beoordeeld', '1 acute problematiek', '5 volledig zelfredzaam'])
    assert.ok(r.text.includes(s), s);
  assert.ok(r.text.includes(`id="zrm-${NOAH}-1-note"`) && !r.text.includes(`id="zrm-${NOAH}-1-score"`), 'a child under 12 gets notes, no score');
  const before = latest();
  assert.ok(r.text.includes(`name="version" value="${before}"`));
  r = await prof.post(PLAN, planForm(before));
  assert.equal(r.status, 303, r.text.slice(0, 800));
  assert.equal(latest(), before + 1);
  const v = one(`SELECT id FROM family_plan_version WHERE case_id = ${CASE} AND n = ${before + 1}`).id;
  assert.deepEqual(q(`SELECT person_id, domain, score, not_assessed_reason AS reason, source, note FROM family_plan_score WHERE version_id = ${v} ORDER BY person_id, domain`), [
    { person_id: LINDA, domain: 1, score: 2, reason: '', source: 'gesprek met Linda', note: '' },
    { person_id: MARCO, domain: 4, score: null, reason: 'Marco wil hier nu niet over praten.', source: '', note: '' },
    { person_id: NOAH, domain: 6, score: null, reason: '', source: '', note: 'Noah slaapt slecht sinds de ruzies.' },
  ].sort((a, b) => a.person_id - b.person_id || a.domain - b.domain));
  assert.deepEqual(one(`SELECT domain, person_id, what, target, status FROM family_plan_goal WHERE version_id = ${v}`),
    { domain: 1, person_id: LINDA, what: 'Overzicht over de schulden', target: 3, status: 'loopt' });
  assert.equal(one(`SELECT provider FROM family_plan_service WHERE version_id = ${v}`).provider, 'Schuldhulp Venlo (demo)');
  r = await prof.get(PLAN);
  assert.ok(r.text.includes('niet beoordeeld: Marco wil hier nu niet over praten.'));
  assert.ok(r.text.includes('Noah slaapt slecht sinds de ruzies.'));
});

test('bad input is refused at the row with every input kept; nothing saved', async () => {
  const prof = await as('professional');
  const before = latest();
  const cases = [
    [zrm(LINDA, 2, '7', '', iso(-1), 'gesprek'), `zrm-${LINDA}-2`, 'Een ZRM-score is 1, 2, 3, 4 of 5'],
    [zrm(LINDA, 3, '0', '', iso(-1), 'gesprek'), `zrm-${LINDA}-3`, 'Een ZRM-score is 1, 2, 3, 4 of 5'],
    [zrm(MARCO, 5, 'nb', ''), `zrm-${MARCO}-5`, 'Schrijf waarom dit domein niet beoordeeld is.'],
    [zrm(MARCO, 6, '4', '', iso(5), 'gesprek'), `zrm-${MARCO}-6`, 'kan niet in de toekomst liggen'],
    [zrm(MARCO, 7, '4', '', '31-02-2026', 'gesprek'), `zrm-${MARCO}-7`, 'geldige datum'],
    [zrm(MARCO, 8, '4', '', iso(-1), ''), `zrm-${MARCO}-8`, 'bron van de score'],
    [zrm(NOAH, 2, '3', '', iso(-1), 'gesprek'), `zrm-${NOAH}-2`, 'jonger dan 12 jaar krijgen geen ZRM-score'],
  ];
  for (const [rows, id, message] of cases) {
    const r = await prof.post(PLAN, planForm(before, rows, [['svc_provider', 'Eigen invoer blijft'], ['svc_what', 'x'], ['svc_from', ''], ['svc_to', '']]));
    assert.equal(r.status, 422, id);
    assert.ok(r.text.includes(`<p class="field-error" id="${id}">`), `message at the row ${id}`);
    assert.ok(r.text.includes(message), message);
    assert.ok(r.text.includes('Wij willen rust in huis en dat de kinderen veilig zijn.'), 'text kept');
    assert.ok(r.text.includes('value="Eigen invoer blijft"'), 'other rows kept');
    assert.ok(r.text.includes('value="gesprek met Linda"'), 'other scores kept');
  }
  // the refused score itself stays visible
  const r = await prof.post(PLAN, planForm(before, zrm(LINDA, 2, '7', '', iso(-1), 'gesprek')));
  assert.ok(r.text.includes('<option value="7" selected>7 (ongeldig)</option>'));
  // a bad goal and a bad service
  const g = await prof.post(PLAN, planForm(before, [], [['goal_domain', '2'], ['goal_person', ''], ['goal_what', 'Werk vinden'], ['goal_target', '9'], ['goal_who', 'Marco'], ['goal_due', ''], ['goal_status', 'open'],
    ['svc_provider', ''], ['svc_what', 'Zonder organisatie'], ['svc_from', iso(-1)], ['svc_to', iso(-5)]]));
  assert.equal(g.status, 422);
  assert.ok(g.text.includes('Het beoogde ZRM-niveau is 1 tot en met 5.'));
  assert.ok(g.text.includes('Noem de organisatie die de hulp biedt.'));
  assert.ok(g.text.includes('Werk vinden') && g.text.includes('value="Zonder organisatie"'));
  assert.equal(latest(), before, 'nothing saved');
});

test('a score older than 30 days is marked', async () => {
  const prof = await as('professional');
  const before = latest();
  const r = await prof.post(PLAN, planForm(before, zrm(MARCO, 2, '3', '', iso(-45), 'gesprek met Marco')));
  assert.equal(r.status, 303);
  const page = await prof.get(PLAN);
  const row = page.text.split('<tr').find((t) => t.includes('gesprek met Marco'));
  assert.ok(row && row.includes('ouder dan 30 dagen') && row.startsWith(' class="te-laat"'), 'old score marked');
  const fresh = page.text.split('<tr').find((t) => t.includes('(gesprek met Linda)'));
  assert.ok(fresh && !fresh.includes('ouder dan 30 dagen'), 'a recent score not marked');
});

test('two sessions save the same version: the second gets 409 with its own input, nothing overwritten', async () => {
  const a = await as('professional');
  const b = await as('professional');
  const opened = latest();
  let r = await a.post(PLAN, planForm(opened, [], [['svc_provider', 'Eerste sessie'], ['svc_what', ''], ['svc_from', ''], ['svc_to', '']]));
  assert.equal(r.status, 303);
  r = await b.post(PLAN, planForm(opened, [], [['svc_provider', 'Tweede sessie'], ['svc_what', ''], ['svc_from', ''], ['svc_to', '']]));
  assert.equal(r.status, 409);
  assert.match(r.text, /Het gezinsplan is intussen gewijzigd/);
  assert.ok(r.text.includes('value="Tweede sessie"'), 'own input kept');
  assert.ok(r.text.includes('Eerste sessie'), 'the current version beside it');
  assert.ok(r.text.includes(`name="version" value="${opened + 1}"`), 'the form carries the current version');
  assert.equal(latest(), opened + 1);
  assert.equal(one(`SELECT count(*) AS n FROM family_plan_service WHERE provider = 'Tweede sessie'`).n, 0);
  r = await b.post(PLAN, planForm(opened + 1, [], [['svc_provider', 'Tweede sessie'], ['svc_what', ''], ['svc_from', ''], ['svc_to', '']]));
  assert.equal(r.status, 303, 'saving the conflict form again is the merge');
  assert.equal(latest(), opened + 2);
});

test('a partner sees the family plan only when its involvement names the part gezinsplan', async () => {
  const school = await as('partner');
  assert.equal((await school.get(PLAN)).status, 404);
  assert.equal((await school.get(EVAL)).status, 404);
  const inv = one(`SELECT i.id FROM case_involvement i JOIN app_user u ON u.id = i.user_id WHERE i.case_id = ${CASE} AND u.username = 'partner' AND i.ended_at IS NULL`).id;
  write(`UPDATE case_involvement SET parts = parts | 8192 WHERE id = ${inv};`);
  try {
    const r = await school.get(PLAN);
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('Wij willen rust in huis'));
    assert.ok(!r.text.includes('name="zrm_score"'), 'a partner reads, never edits');
    assert.ok(!r.text.includes('Als papa en mama ruzie krijgen'), 'the safety plan on top shows only the partner\'s parts');
    assert.equal((await school.get(EVAL)).status, 200);
    // the POST routes admit professionals only (403 for a partner role)
    assert.equal((await school.post(PLAN, planForm(latest()))).status, 403);
    assert.equal((await school.post(EVAL, [['held_on', iso(-1)], ['conclusion', 'doorgaan']])).status, 403);
  } finally {
    write(`UPDATE case_involvement SET parts = parts & ~8192 WHERE id = ${inv};`);
  }
  assert.equal((await school.get(PLAN)).status, 404);
});

test('an evaluation: chart numbers equal the table, conclusion links to the case page, refused input kept', async () => {
  const prof = await as('professional');
  let r = await prof.get(EVAL);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(`name="next_on" value="${iso(42)}"`), 'default next date: six weeks');
  r = await prof.post(EVAL, [['held_on', iso(3)], ['family_view', 'Het gaat beter, zegt Linda.'], ['conclusion', '']]);
  assert.equal(r.status, 422);
  assert.ok(r.text.includes('kan niet in de toekomst liggen'));
  assert.ok(r.text.includes('Het gaat beter, zegt Linda.'), 'input kept');
  r = await prof.post(EVAL, [['held_on', iso(-1)], ['next_on', iso(-2)], ['conclusion', 'doorgaan']]);
  assert.equal(r.status, 422);
  assert.ok(r.text.includes('De volgende evaluatie ligt na de datum van deze evaluatie.'));
  // raise Linda's financiën from 2 to 4 in a new version, then evaluate
  const n = latest();
  assert.equal((await prof.post(PLAN, planForm(n, [], []).map(([k, v]) => [k, k === 'zrm_score' && v === '2' ? '4' : v]))).status, 303);
  r = await prof.post(EVAL, [['held_on', iso(0)], ['family_view', 'Meer rust.'], ['goal_achieved', 'behaald'],
    ['conclusion', 'volgende_fase'], ['conclusion_note', 'Door naar fase 3.'], ['next_on', '']]);
  assert.equal(r.status, 303, r.text.slice(0, 800));
  const loc = r.headers.location;
  const ev = one(`SELECT id, next_on, conclusion FROM case_evaluation WHERE case_id = ${CASE} ORDER BY id DESC LIMIT 1`);
  assert.equal(loc, `/casussen/${CASE}/evaluaties/${ev.id}`);
  assert.equal(ev.next_on, iso(42), 'empty next date: the norm');
  r = await prof.get(loc);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes('<svg') && r.text.includes('role="img"'));
  const linda = one(`SELECT start_score AS s, now_score AS n FROM case_evaluation_domain WHERE evaluation_id = ${ev.id} AND person_id = ${LINDA} AND domain = 1`);
  assert.ok(linda.s >= 1 && linda.n === 4);
  // every bar's number equals the table's, row by row
  const bars = [...r.text.matchAll(/class="ev-chart__bar--(start|now)" data-score="(\d*)"><title>([^<]*):/g)].map((m) => `${m[3]}|${m[1]}|${m[2]}`);
  const rows = [...r.text.matchAll(/<tr><td[^>]*>([^<]*)<\/td><th[^>]*scope="row">([^<]*)<\/th><td[^>]*class="start">(\d*)<\/td><td[^>]*class="nu">(\d*)<\/td>/g)]
    .flatMap((m) => [`${m[1]} — ${m[2]}|start|${m[3]}`, `${m[1]} — ${m[2]}|now|${m[4]}`]);
  assert.ok(rows.length >= 2);
  assert.deepEqual(bars.sort(), rows.sort());
  // widths follow the numbers (50 px a point)
  for (const m of r.text.matchAll(/width="(\d+)" height="14" class="ev-chart__bar--(?:start|now)" data-score="(\d*)"/g))
    assert.equal(Number(m[1]), Number(m[2] || 0) * 50);
  assert.ok(r.text.includes(`href="/casussen/${CASE}#fase"`), 'the phase change is the case page\'s form');
  assert.ok(r.text.includes('Overzicht over de schulden') && r.text.includes('behaald'));
  assert.equal((await prof.get(`${EVAL}/999999`)).status, 404);
});

test('the evaluation norm under /beheer/normen sets the default next date', async () => {
  const admin = await as('beheerder');
  let r = await admin.get('/beheer/normen');
  assert.ok(r.text.includes('name="evaluation"') && r.text.includes('value="6"'));
  r = await admin.post('/beheer/normen', [['decision', '5'], ['warm', '10'], ['feedback', '15'], ['known', '12'], ['evaluation', '99']]);
  assert.equal(r.status, 422);
  r = await admin.post('/beheer/normen', [['decision', '5'], ['warm', '10'], ['feedback', '15'], ['known', '12'], ['evaluation', '8']]);
  assert.equal(r.status, 303, 'saved: POST-redirect-GET');
  const prof = await as('professional');
  assert.ok((await prof.get(EVAL)).text.includes(`name="next_on" value="${iso(56)}"`));
  await admin.post('/beheer/normen', [['decision', '5'], ['warm', '10'], ['feedback', '15'], ['known', '12'], ['evaluation', '6']]);
});

test('an overdue evaluation stands on the start page of the regisseur and the team leader only', async () => {
  const prof = await as('professional');
  const r = await prof.post(EVAL, [['held_on', iso(-60)], ['conclusion', 'doorgaan'], ['next_on', iso(-20)]]);
  assert.equal(r.status, 303);
  // the latest evaluation (by date) decides: a later one with a future date clears it
  assert.equal(one(`SELECT due_on FROM case_evaluation_due WHERE case_id = ${CASE}`).due_on, iso(42));
  const later = await prof.post(EVAL, [['held_on', iso(0)], ['conclusion', 'doorgaan'], ['next_on', iso(1)]]);
  assert.equal(later.status, 303);
  write(`UPDATE case_evaluation_due SET due_on = '${iso(-3)}' WHERE case_id = ${CASE};`);
  const mark = 'evaluatie te laat: Familie De Vries (demo)';
  assert.ok((await prof.get('/')).text.includes(mark), 'regisseur');
  assert.ok((await (await as('teamleider')).get('/')).text.includes(mark), 'team leader of the case team');
  for (const who of ['professional2', 'teamleider.zuid', 'partner', 'vt'])
    assert.ok(!(await (await as(who)).get('/')).text.includes(mark), who);
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'teamleider' AND object_type = 'start_page_panel' AND detail = 'evaluatie te laat'`).n > 0);
  // the query walks the user's cases by index, never the evaluations' history
  const plan = write(`EXPLAIN QUERY PLAN SELECT c.id FROM casefile c INDEXED BY casefile_director JOIN case_evaluation_due d ON d.case_id = c.id WHERE c.director_id = 1 AND c.status = 'open' AND d.due_on < '2099-01-01';`);
  assert.ok(!/SCAN (d|case_evaluation_due)\b/.test(plan), plan);
  write(`UPDATE case_evaluation_due SET due_on = '${iso(30)}' WHERE case_id = ${CASE};`);
  assert.ok(!(await prof.get('/')).text.includes(mark));
});

test('a closed case: the family plan and the evaluations refuse every change with 409', async () => {
  const prof = await as('professional');
  write(`UPDATE casefile SET status = 'gesloten' WHERE id = ${CASE};`);
  try {
    const n = latest();
    let r = await prof.post(PLAN, planForm(n));
    assert.equal(r.status, 409);
    r = await prof.post(EVAL, [['held_on', iso(-1)], ['conclusion', 'doorgaan']]);
    assert.equal(r.status, 409);
    assert.equal(latest(), n);
    assert.ok(!(await prof.get(PLAN)).text.includes('name="zrm_score"'), 'no form on a closed case');
  } finally {
    write(`UPDATE casefile SET status = 'open' WHERE id = ${CASE};`);
  }
});

test('every read is audited: plan, evaluations, one evaluation', async () => {
  const prof = await as('professional');
  const ev = one(`SELECT id FROM case_evaluation WHERE case_id = ${CASE} ORDER BY id LIMIT 1`).id;
  for (const p of [PLAN, EVAL, `${EVAL}/${ev}`]) assert.equal((await prof.get(p)).status, 200, p);
  await eventually(() => {
    const rows = q(`SELECT detail FROM audit_log WHERE username = 'professional' AND action = 'view' AND object_type = 'case' AND object_id = ${CASE} AND outcome = 'allowed'`).map((x) => x.detail);
    return rows.includes('gezinsplan') && rows.includes('evaluaties') && rows.includes(`evaluatie ${ev}`);
  });
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'partner' AND object_type = 'case' AND object_id = ${CASE} AND outcome <> 'allowed'`).n > 0);
});

await run({ after: () => d.stop() });
