// case_team_access.test.mjs — need-to-know inside a case (issue 7), walked as
// every part x role x involvement. The regisseur writes one journal entry per part
// of the case; the set of entries a user's journal shows is exactly the mask of
// parts case_parts_of() gives him/her, and the case page, the handover and the
// members follow the same mask. Also: every /casussen/{id}… route a partner role
// may use answers 404 to the school for every part it does not see.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const caseId = one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  WHERE h.name = 'Familie De Vries (demo)'`).id;
const handoverId = one(`SELECT id FROM handover WHERE case_id = ${caseId} LIMIT 1`).id;
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOfUser = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;

const PARTS = ['basis', 'gezin', 'voorwaarden', 'plan_zorgen', 'plan_goed', 'plan_doelen', 'plan_afspraken',
  'plan_netwerk', 'plan_signalen', 'plan_toezicht', 'plan_schaal', 'gezinsplan', 'journaal', 'overdracht'];
const ALL = new Set(PARTS);
const ALL_BUT_HANDOVER = new Set(PARTS.filter((p) => p !== 'overdracht'));
const NONE = new Set();

const clients = new Map();
async function as(username) {
  if (!clients.has(username)) {
    const c = new Client(d.baseUrl);
    await c.login(username);
    clients.set(username, c);
  }
  return clients.get(username);
}

/** The parts whose marked journal entries the user sees; null when the journal is not reachable. */
async function visibleParts(username) {
  const c = await as(username);
  const r = await c.get(`/casussen/${caseId}/journaal`);
  if (r.status !== 200) return { status: r.status, parts: NONE };
  return { status: 200, parts: new Set(PARTS.filter((p) => r.text.includes(`MARK-${p}-MARK`))) };
}

const sorted = (s) => [...s].sort().join(',');

test('setup: one marked journal entry per part; a local-team professional of another team invited', async () => {
  const reg = await as('professional');
  for (const p of PARTS) {
    const r = await reg.post(`/casussen/${caseId}/journaal`, [['entry_date', '2026-01-05'], ['part', p],
      ['body', `MARK-${p}-MARK`]]);
    assert.equal(r.status, 303, `entry for ${p}`);
  }
  const r = await reg.post(`/casussen/${caseId}/betrokkenen`, [['organisation', String(orgOfUser('professional.zuid'))],
    ['user', String(userId('professional.zuid'))], ['role_in_case', 'ambulant hulpverlener'],
    ['basis', 'betrokken_hulpverlener'], ['family_informed', 'ja'], ['informed_on', '2026-01-05'],
    ['informed_by', 'regisseur'], ['parts', 'plan_signalen']]);
  assert.equal(r.status, 303, r.text.slice(0, 300));
  // a local-team professional sees every part, whatever was ticked; never the handover of another team
  assert.equal(one(`SELECT parts FROM case_involvement WHERE case_id = ${caseId} AND user_id = ${userId('professional.zuid')}`).parts, 12287);
});

// who, the parts expected, and the case page's expected status
const matrix = [
  ['teamleider', 'team leader of the case team', ALL],
  ['professional', 'regisseur', ALL],
  ['professional.zuid', 'involved professional of another local team', ALL_BUT_HANDOVER],
  ['partner', 'partner with the default parts (school)', new Set(['basis', 'plan_signalen'])],
  ['partner.jgz', 'partner with extra parts (JGZ)', new Set(['basis', 'gezin', 'voorwaarden', 'plan_signalen', 'journaal'])],
  ['professional2', 'professional of the team, not involved', NONE],
  ['professional.buurt', 'professional of another team, not involved', NONE],
  ['teamleider.zuid', 'team leader of another team', NONE],
  ['vt', 'Veilig Thuis', NONE],
  ['secretaris', 'leertafel secretaris', NONE],
  ['leertafellid', 'leertafel lid', NONE],
  ['beheerder', 'functioneel beheer', NONE],
  ['beleid', 'beleid', NONE],
];

test('every part x role x involvement: the journal shows exactly the parts case_parts_of gives', async () => {
  const problems = [];
  for (const [who, what, expected] of matrix) {
    const got = await visibleParts(who);
    if (sorted(got.parts) !== sorted(expected)) problems.push(`${who} (${what}): saw [${sorted(got.parts)}], expected [${sorted(expected)}]`);
    if (expected.size === 0 && got.status !== 404 && got.status !== 403) problems.push(`${who}: journal answered ${got.status}`);
    const page = await (await as(who)).get(`/casussen/${caseId}`);
    const pageOk = expected.size > 0 ? 200 : [403, 404];
    if (expected.size > 0 ? page.status !== 200 : ![403, 404].includes(page.status)) problems.push(`${who}: case page ${page.status}, expected ${pageOk}`);
    if (page.status === 200) {
      // the case page follows the same mask: members + address (gezin), conditions, handovers
      const members = page.text.includes('21-06-2015') && page.text.includes('Demostraat 12');
      if (members !== expected.has('gezin')) problems.push(`${who}: members/address shown=${members}`);
      const conds = page.text.includes('id="voorwaarden-kop"');
      if (conds !== expected.has('voorwaarden')) problems.push(`${who}: conditions shown=${conds}`);
      const handovers = page.text.includes('id="overdrachten-kop"');
      if (handovers !== expected.has('overdracht')) problems.push(`${who}: handovers shown=${handovers}`);
    }
    const ho = await (await as(who)).get(`/overdrachten/${handoverId}`);
    if (who !== 'vt' && who !== 'teamleider' && (ho.status === 200) !== expected.has('overdracht')) problems.push(`${who}: handover answered ${ho.status}`);
  }
  assert.deepEqual(problems, []);
});

test('an ended involvement sees nothing at once; history kept', async () => {
  const reg = await as('professional');
  const inv = one(`SELECT id FROM case_involvement WHERE case_id = ${caseId} AND user_id = ${userId('partner.jgz')} AND ended_at IS NULL`).id;
  assert.equal((await visibleParts('partner.jgz')).status, 200);
  const r = await reg.post(`/casussen/${caseId}/betrokkenen/${inv}/beeindigen`, [['ended_on', '2026-01-05'], ['ended_reason', 'Zorg afgerond']]);
  assert.equal(r.status, 303);
  const after = await visibleParts('partner.jgz');
  assert.equal(after.status, 404);
  assert.equal((await (await as('partner.jgz')).get(`/casussen/${caseId}`)).status, 404);
  const row = one(`SELECT ended_reason, ended_on, ended_by FROM case_involvement WHERE id = ${inv}`);
  assert.deepEqual(row, { ended_reason: 'Zorg afgerond', ended_on: '2026-01-05', ended_by: userId('professional') });
});

test('the school: every /casussen/{id} route of a partner role answers 404 outside its parts', async () => {
  // routes whose part the school (basis + signalen) sees; every other route a partner
  // may use must answer 404 for this case. A new route must be listed here on purpose.
  const schoolMay = new Set(['GET /casussen/{id}', 'GET /casussen/{id}/journaal', 'POST /casussen/{id}/journaal',
    // the safety plan page and its versions: only its signals and its own agreements (safety_plan.test.mjs)
    'GET /casussen/{id}/veiligheidsplan', 'GET /casussen/{id}/veiligheidsplan/versies/{id}',
    // round-table meetings (issue 8): the list, and a meeting with only its parts of the minutes (case_meeting.test.mjs)
    'GET /casussen/{id}/overleggen', 'GET /casussen/{id}/overleggen/{id}']);
  const table = execFileSync(daemonBinary(), ['routes'], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => l.split('\t')).map(([method, pattern, roles]) => ({ method, pattern, roles: roles.split(',') }));
  const school = await as('partner');
  const problems = [];
  let walked = 0;
  for (const r of table.filter((x) => x.pattern.startsWith('/casussen/{id}') && x.roles.includes('partner'))) {
    const p = r.pattern.replace('{id}', String(caseId)).replace(/\{id\}/g, '1');
    const res = r.method === 'GET' ? await school.get(p) : await school.post(p, []);
    const key = `${r.method} ${r.pattern}`;
    walked++;
    if (schoolMay.has(key) ? res.status === 404 : res.status !== 404) problems.push(`${key}: ${res.status}`);
  }
  assert.ok(walked >= 4, `walked ${walked} routes`);
  assert.deepEqual(problems, []);
});

await run({ after: () => d.stop() });
