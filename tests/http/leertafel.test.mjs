// tests/http/leertafel.test.mjs — the leertafel over HTTP against the real (sanitized) daemon:
// the secretary's whole year, the member's own-organisation rule, refusal of every other role on
// every leertafel route (taken from the route table itself), hostile and incomplete input on every
// form, the BSN/date-of-birth warning, CSV format and formula neutralisation, and proof that no
// leertafel source file names a client table.
//
//   KETENREGIE_BIN=build/san/ketenregie node tests/http/leertafel.test.mjs

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, run, nlDay, startDaemon, Client, sql } from './lib.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const d = await startDaemon();

const one = (q) => sql(d.db, q)[0];
const count = (q) => Number(Object.values(one(q))[0]);
const orgId = (name) => one(`SELECT id FROM organisation WHERE name = '${name}'`).id;
const ORG = {
  vt: () => orgId('Veilig Thuis Noord-Limburg (demo)'),
  noord: () => orgId('Wijkteam Venlo-Noord (demo)'),
  zuid: () => orgId('Wijkteam Venlo-Zuid (demo)'),
  jgz: () => orgId('JGZ Noord-Limburg (demo)'),
  politie: () => orgId('Politie basisteam Venlo (demo)'),
  gemeente: () => orgId('Gemeente Venlo (demo)'),
};
const lijn = (name) => one(`SELECT id FROM lt_actielijn WHERE name = '${name}'`).id;
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  .replace(/'/g, '&#39;').replace(/`/g, '&#96;').replace(/=/g, '&#61;');

async function as(user) {
  const c = new Client(d.baseUrl);
  await c.login(user);
  return c;
}

/** RFC 4180 parser for ';'-separated CSV with CRLF; returns rows of cells. */
function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'CSV starts with a UTF-8 BOM');
  const s = text.slice(1);
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false;
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      cell += ch; i++; continue;
    }
    if (ch === '"' && cell === '') { quoted = true; i++; continue; }
    if (ch === ';') { row.push(cell); cell = ''; i++; continue; }
    if (ch === '\r') {
      assert.equal(s[i + 1], '\n', 'lines end in CRLF');
      row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue;
    }
    assert.notEqual(ch, '\n', 'no bare LF outside quotes');
    cell += ch; i++;
  }
  assert.ok(!quoted, 'no unterminated quote');
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** The leertafel routes as the route table declares them: [{method, pattern, roles}]. */
function leertafelRoutes() {
  const src = readFileSync(path.join(ROOT, 'src/server/routes.c'), 'utf8');
  const out = [];
  for (const m of src.matchAll(/\{"(GET|POST)", "(\/leertafel[^"]*)", (\w+), (\w+), (\w+),/g)) {
    out.push({ method: m[1], pattern: m[2], handler: m[3], roles: m[4], flags: m[5] });
  }
  return out;
}

// ------------------------------------------------------------------ the secretary's year

test('secretaris runs a whole year: plan, meeting, action list, statuses, adoption, report, escalation', async () => {
  const c = await as('secretaris');
  // a plan for 2025 (a past year: dates stay valid whenever the test runs)
  let r = await c.get('/leertafel/actieplannen/nieuw');
  assert.equal(r.status, 200);
  r = await c.post('/leertafel/actieplannen/nieuw', { year: '2025', title: 'Actieplan leertafel 2025' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const planId = Number(r.location.split('/').pop());
  assert.equal(one(`SELECT year, adopted_on FROM lt_plan WHERE id = ${planId}`).adopted_on, null);

  // plan the first meeting
  r = await c.post('/leertafel/bijeenkomsten/nieuw', {
    held_on: '2025-01-20', start_time: '09:30', location: 'Stadskantoor Venlo',
    agenda: '1. Opening\n2. Actieplan 2025\n3. *Rondvraag*',
  });
  assert.equal(r.status, 303);
  const m1 = Number(r.location.split('/').pop());
  r = await c.get(`/leertafel/bijeenkomsten/${m1}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<em>Rondvraag<\/em>/, 'agenda rendered as Markdown');
  assert.match(r.text, /maandag 20 januari 2025/);

  // attendance per organisation
  r = await c.get(`/leertafel/bijeenkomsten/${m1}/bewerken`);
  assert.equal(r.status, 200);
  r = await c.post(`/leertafel/bijeenkomsten/${m1}/bewerken`, [
    ['held_on', '2025-01-20'], ['start_time', '09:30'], ['location', 'Stadskantoor Venlo'],
    ['agenda', '1. Opening'], ['notes', 'Verslag: iedereen akkoord.'], ['decisions', '- Plan naar bestuur'],
    ['att_org', String(ORG.vt())], ['att_presence', 'aanwezig'],
    ['att_org', String(ORG.jgz())], ['att_presence', 'afgemeld'],
    ['att_org', String(ORG.politie())], ['att_presence', 'afwezig'],
  ]);
  assert.equal(r.status, 303, r.text.slice(0, 500));
  assert.deepEqual(sql(d.db, `SELECT organisation_id AS o, presence AS p FROM lt_attendance WHERE meeting_id = ${m1} ORDER BY presence`),
    [{ o: ORG.vt(), p: 'aanwezig' }, { o: ORG.jgz(), p: 'afgemeld' }, { o: ORG.politie(), p: 'afwezig' }]);

  // the action list: two actions born in the meeting, one directly in the plan
  const mk = async (fields) => {
    const res = await c.post('/leertafel/acties/nieuw', {
      actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen', ...fields,
    });
    assert.equal(res.status, 303, res.text.match(/field-error[^<]*/g)?.join(' | '));
    return Number(one('SELECT max(id) AS id FROM lt_action').id);
  };
  const a1 = await mk({ bijeenkomst: String(m1), wat: 'Uniform overdrachtsformulier', hoe: 'Werkgroep',
    owner: String(ORG.vt()), participant: [String(ORG.noord()), String(ORG.zuid())], quarter: 'q2 2025' });
  const a2 = await mk({ bijeenkomst: String(m1), wat: 'Warme overdracht als huisbezoek',
    owner: String(ORG.noord()), participant: [String(ORG.vt())], deadline: '2025-06-01' });
  const a3 = await mk({ plan: String(planId), wat: 'Kwartaalevaluatie overdrachtsproces',
    owner: String(ORG.gemeente()), participant: [String(ORG.jgz())], quarter: 'Q4 2025' });
  const rows = sql(d.db, `SELECT id, plan_id, meeting_id, due_on, quarter FROM lt_action WHERE id IN (${a1}, ${a2}, ${a3}) ORDER BY id`);
  assert.deepEqual(rows.map((x) => [x.plan_id, x.meeting_id, x.due_on, x.quarter]), [
    [planId, m1, '2025-06-30', 'Q2 2025'], [planId, m1, '2025-06-01', ''], [planId, null, '2025-12-31', 'Q4 2025']]);
  assert.deepEqual(sql(d.db, `SELECT organisation_id AS o, owner FROM lt_action_org WHERE action_id = ${a1} ORDER BY owner DESC, o`),
    [{ o: ORG.vt(), owner: 1 }, ...[ORG.noord(), ORG.zuid()].sort((x, y) => x - y).map((o) => ({ o, owner: 0 }))]);

  r = await c.get(`/leertafel/bijeenkomsten/${m1}`);
  assert.ok(r.text.includes('Uniform overdrachtsformulier') && r.text.includes('Warme overdracht als huisbezoek'));
  assert.ok(!r.text.includes('Kwartaalevaluatie overdrachtsproces'), 'plan action is not new in this meeting');

  // statuses, each kept with date and who
  const st = async (id, status, note, on) => {
    const res = await c.post(`/leertafel/acties/${id}/status`, { status, status_note: note, status_on: on });
    assert.equal(res.status, 303, res.text.match(/field-error[^<]*/g)?.join(' | '));
  };
  await st(a1, 'oranje', 'Capaciteit', '2025-02-15');
  await st(a2, 'rood', 'Vastgelopen op roosters', '2025-03-01');
  await st(a1, 'afgerond', 'In gebruik', '2025-05-01');
  assert.equal(count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${a1}`), 3);
  assert.deepEqual(one(`SELECT status, note, status_on, user_name, org_name FROM lt_action_status WHERE action_id = ${a2} ORDER BY id DESC LIMIT 1`),
    { status: 'rood', note: 'Vastgelopen op roosters', status_on: '2025-03-01', user_name: 'Ingrid Hendriks', org_name: 'Gemeente Venlo (demo)' });
  r = await c.get(`/leertafel/acties/${a1}`);
  assert.match(r.text, /Verloop van het stoplicht/);
  assert.ok(r.text.includes('15-02-2025') && r.text.includes('01-05-2025') && r.text.includes('Capaciteit'));

  // a second meeting: open actions with their status as of that date
  r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2025-04-15', location: '', online: 'ja' });
  assert.equal(r.status, 303);
  const m2 = Number(r.location.split('/').pop());
  r = await c.get(`/leertafel/bijeenkomsten/${m2}`);
  assert.match(r.text, /Lopende acties, stand op 15-04-2025/);
  const open = r.text.slice(r.text.indexOf('Lopende acties'));
  assert.match(open, /Uniform overdrachtsformulier[\s\S]*stoplicht--oranje/, 'a1 shows oranje as of 15-04 (afgerond only on 01-05)');
  assert.match(open, /Warme overdracht als huisbezoek[\s\S]*stoplicht--rood/);

  // adopt the plan; afterwards changes are marked
  r = await c.post(`/leertafel/actieplannen/${planId}/vaststellen`, { adopted_on: '2025-02-10' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT adopted_on FROM lt_plan WHERE id = ${planId}`).adopted_on, '2025-02-10');
  r = await c.post(`/leertafel/acties/${a3}/bewerken`, { wat: 'Kwartaalevaluatie overdrachtsproces VT en lokale teams',
    owner: String(ORG.gemeente()), participant: [String(ORG.jgz())], quarter: 'Q4 2025',
    actielijn: String(lijn('Stoppen en duurzaam oplossen')) });
  assert.equal(r.status, 303);
  assert.deepEqual(one(`SELECT after_adoption FROM lt_action WHERE id = ${a3}`), { after_adoption: 1 });
  assert.equal(count(`SELECT count(*) FROM lt_action_change WHERE action_id = ${a3} AND after_adoption = 1 AND what LIKE '%wat%'`), 1);
  r = await c.get(`/leertafel/actieplannen/${planId}`);
  assert.match(r.text, /Vastgesteld<\/strong> door het bestuurlijk overleg op 10-02-2025/);
  assert.match(r.text, /gewijzigd na vaststelling/);
  assert.match(r.text, /Stoppen en duurzaam oplossen/);

  // the traffic-light report: SVG + the same numbers in a table
  r = await c.get(`/leertafel/actieplannen/${planId}/rapportage`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<svg[^>]*role="img"[^>]*aria-labelledby="lt-chart-title lt-chart-desc"/);
  assert.match(r.text, /Stoplichten van 3 acties: 1 groen \(op schema\), 0 oranje \(risico\), 1 rood \(vastgelopen\), 1 afgerond; 2 te laat/);
  assert.match(r.text, /<tfoot><tr><th[^>]*scope="row">Totaal<\/th><td[^>]*>1<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td><td[^>]*>3<\/td><td[^>]*>2<\/td>/);
  const matrix = r.text.slice(r.text.indexOf('Ketenpartners × acties'));
  assert.ok(matrix.indexOf('Warme overdracht als huisbezoek') < matrix.indexOf('Kwartaalevaluatie'), 'overdue and red first');
  assert.ok(matrix.indexOf('Kwartaalevaluatie') < matrix.indexOf('Uniform overdrachtsformulier'), 'overdue before afgerond');
  assert.match(matrix, /<span class="visually-hidden">eigenaar<\/span>/);
  r = await c.get(`/leertafel/actieplannen/${planId}/rapportage.csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv/);
  const csv = parseCsv(r.text);
  assert.deepEqual(csv[0].slice(0, 2), ['Actielijn', 'Groen (op schema)']);
  assert.deepEqual(csv.find((x) => x[0] === 'Totaal'), ['Totaal', '1', '0', '1', '1', '3', '2']);

  // escalation to the board, and the board's decision
  r = await c.get(`/leertafel/opschalingen/nieuw?actie=${a2}`);
  assert.equal(r.status, 200);
  r = await c.post('/leertafel/opschalingen/nieuw', { actie: String(a2), reason: 'Roosters sluiten niet aan.', escalated_on: '2025-03-05' });
  assert.equal(r.status, 303);
  const e = one(`SELECT id, subject FROM lt_escalation WHERE action_id = ${a2}`);
  assert.equal(e.subject, `Actie ${a2}`);
  r = await c.get('/leertafel/bestuurlijk-overleg');
  assert.match(r.text, /Roosters sluiten niet aan/);
  r = await c.post(`/leertafel/opschalingen/${e.id}/besluit`, { board_on: '2025-03-20', decision: 'Bestuur roostert vrij.' });
  assert.equal(r.status, 303);
  assert.deepEqual(one(`SELECT decided_on, decision FROM lt_escalation WHERE id = ${e.id}`), { decided_on: '2025-03-20', decision: 'Bestuur roostert vrij.' });
  r = await c.get('/leertafel/bestuurlijk-overleg');
  const decided = r.text.slice(r.text.indexOf('id="besluit-kop"'));
  assert.match(decided, /Bestuur roostert vrij/);
  r = await c.get(`/leertafel/acties/${a2}`);
  assert.match(r.text, /opgeschaald naar bestuurlijk overleg/);

  // the meeting's action list as CSV
  r = await c.get(`/leertafel/bijeenkomsten/${m2}/actielijst.csv`);
  assert.match(r.headers['content-disposition'], /attachment; filename="actielijst-leertafel-2025-04-15\.csv"/);
  const list = parseCsv(r.text);
  assert.equal(list[0][0], 'Soort');
  assert.ok(list.slice(1).every((row) => row.length === list[0].length), 'every row has every column');
  assert.ok(list.some((row) => row[0] === 'lopend' && row[2] === 'Warme overdracht als huisbezoek' && row[10] === 'rood'));
});

test('the demo year is there: meetings of 2026, a next meeting, statuses in all four colours, a decided escalation', async () => {
  const c = await as('secretaris');
  const r = await c.get('/leertafel?jaar=2026');
  assert.equal(r.status, 200);
  assert.ok(count("SELECT count(*) FROM lt_meeting WHERE held_on LIKE '2026-%'") >= 6);
  assert.deepEqual(sql(d.db, "SELECT DISTINCT a.status FROM lt_action a JOIN lt_plan p ON p.id = a.plan_id WHERE p.year = 2026 ORDER BY 1").map((x) => x.status),
    ['afgerond', 'groen', 'oranje', 'rood']);
  assert.equal(count("SELECT count(*) FROM lt_escalation WHERE decided_on IS NOT NULL AND subject = 'Scholing aandachtsfunctionarissen loopt vast'"), 1);
  assert.equal(count("SELECT count(*) FROM lt_escalation WHERE decided_on IS NULL AND action_id IS NULL"), 1, 'an open bottleneck not tied to an action');
  const home = await c.get('/');
  assert.match(home.text, /Volgende bijeenkomst/);
});

// ------------------------------------------------------------------ members: own organisation only

test('leertafellid updates only actions of his/her own organisation (others 403, nothing stored)', async () => {
  const c = await as('leertafellid'); // JGZ
  const mine = one("SELECT a.id FROM lt_action a JOIN lt_action_org x ON x.action_id = a.id JOIN organisation o ON o.id = x.organisation_id WHERE o.name = 'JGZ Noord-Limburg (demo)' ORDER BY a.id LIMIT 1").id;
  const other = one("SELECT a.id FROM lt_action a WHERE NOT EXISTS (SELECT 1 FROM lt_action_org x JOIN organisation o ON o.id = x.organisation_id WHERE x.action_id = a.id AND o.name = 'JGZ Noord-Limburg (demo)') ORDER BY a.id LIMIT 1").id;
  let r = await c.get(`/leertafel/acties/${mine}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Stoplicht bijwerken/);
  const before = count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${mine}`);
  r = await c.post(`/leertafel/acties/${mine}/status`, { status: 'oranje', status_note: 'Scholing schuift op', status_on: '2026-11-20' });
  assert.equal(r.status, 303);
  assert.equal(count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${mine}`), before + 1);
  assert.deepEqual(one(`SELECT status, user_name, org_name FROM lt_action_status WHERE action_id = ${mine} ORDER BY id DESC LIMIT 1`),
    { status: 'oranje', user_name: 'Karin Willems', org_name: 'JGZ Noord-Limburg (demo)' });

  r = await c.get(`/leertafel/acties/${other}`);
  assert.equal(r.status, 200, 'members read every action');
  assert.doesNotMatch(r.text, /Stoplicht bijwerken/);
  const otherBefore = count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${other}`);
  r = await c.post(`/leertafel/acties/${other}/status`, { status: 'rood', status_note: 'x', status_on: '2026-11-20' });
  assert.equal(r.status, 403);
  assert.equal(count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${other}`), otherBefore);

  // the politie member may update the politie action but not the JGZ one
  const p = await as('leertafellid.politie');
  const pol = one("SELECT a.id FROM lt_action a JOIN lt_action_org x ON x.action_id = a.id JOIN organisation o ON o.id = x.organisation_id WHERE o.name = 'Politie basisteam Venlo (demo)' AND x.owner = 1 LIMIT 1").id;
  r = await p.post(`/leertafel/acties/${pol}/status`, { status: 'groen', status_note: 'Loopt', status_on: '2026-11-21' });
  assert.equal(r.status, 303);
  const jgzOnly = one("SELECT a.id FROM lt_action a WHERE EXISTS (SELECT 1 FROM lt_action_org x JOIN organisation o ON o.id = x.organisation_id WHERE x.action_id = a.id AND o.name = 'JGZ Noord-Limburg (demo)') AND NOT EXISTS (SELECT 1 FROM lt_action_org x JOIN organisation o ON o.id = x.organisation_id WHERE x.action_id = a.id AND o.name = 'Politie basisteam Venlo (demo)') LIMIT 1").id;
  r = await p.post(`/leertafel/acties/${jgzOnly}/status`, { status: 'groen', status_note: 'x', status_on: '2026-11-21' });
  assert.equal(r.status, 403);

  // a member manages nothing else
  for (const [m, u] of [['GET', '/leertafel/bijeenkomsten/nieuw'], ['GET', '/leertafel/acties/nieuw'], ['GET', `/leertafel/acties/${mine}/bewerken`],
    ['GET', '/leertafel/instellingen'], ['POST', '/leertafel/actieplannen/nieuw'], ['POST', '/leertafel/actieplannen/1/vaststellen'],
    ['POST', `/leertafel/acties/${mine}/bewerken`], ['POST', '/leertafel/opschalingen/nieuw']]) {
    r = m === 'GET' ? await c.get(u) : await c.post(u, { year: '2030', title: 'x' });
    assert.equal(r.status, 403, `${m} ${u}`);
  }
  // members see meetings, plans, reports and the board agenda
  for (const u of ['/leertafel', '/leertafel/bijeenkomsten/1', '/leertafel/actieplannen/1', '/leertafel/actieplannen/1/rapportage',
    '/leertafel/actieplannen/1/rapportage.csv', '/leertafel/bijeenkomsten/1/actielijst.csv', '/leertafel/bestuurlijk-overleg']) {
    assert.equal((await c.get(u)).status, 200, u);
  }
  const home = await c.get('/');
  assert.match(home.text, /Open acties van JGZ Noord-Limburg \(demo\)/);
});

// ------------------------------------------------------------------ every other role refused

test('every leertafel route in the route table admits only secretaris/leertafellid and is not client data', () => {
  const routes = leertafelRoutes();
  assert.ok(routes.length >= 25, `found ${routes.length} leertafel routes`);
  for (const r of routes) {
    assert.ok(['LT_S', 'LT_SL'].includes(r.roles), `${r.method} ${r.pattern}: roles ${r.roles}`);
    assert.equal(r.flags, '0', `${r.method} ${r.pattern} is not a client-data route`);
  }
  const src = readFileSync(path.join(ROOT, 'src/server/routes.c'), 'utf8');
  assert.match(src, /#define LT_S ROLE_SECRETARIS\n/);
  assert.match(src, /#define LT_SL \(ROLE_SECRETARIS \| ROLE_LEERTAFELLID\)\n/);
  // only the status update is open to leertafellid among the POST routes
  assert.deepEqual(routes.filter((r) => r.method === 'POST' && r.roles === 'LT_SL').map((r) => r.pattern), ['/leertafel/acties/{id}/status']);
});

for (const user of ['vt', 'teamleider', 'professional', 'partner', 'beleid', 'beheerder']) {
  test(`${user} is refused on every leertafel route`, async () => {
    const c = await as(user);
    const home = await c.get('/');
    assert.doesNotMatch(home.text, /href="\/leertafel"/, 'no Leertafel in the navigation');
    for (const r of leertafelRoutes()) {
      const url = r.pattern.replaceAll('{id}', '1');
      const res = r.method === 'GET' ? await c.get(url) : await c.post(url, { status: 'groen', status_on: '2026-11-20', year: '2031', title: 'x' });
      assert.equal(res.status, 403, `${user} ${r.method} ${url} answered ${res.status}`);
    }
  });
}

test('without a session: GET goes to the login page, POST is refused', async () => {
  const c = new Client(d.baseUrl);
  for (const r of leertafelRoutes()) {
    const url = r.pattern.replaceAll('{id}', '1');
    const res = r.method === 'GET' ? await c.get(url) : await c.post(url, {}, { csrf: null });
    if (r.method === 'GET') {
      assert.equal(res.status, 303, url);
      assert.equal(res.location, '/login');
    } else {
      assert.equal(res.status, 403, url);
    }
  }
});

test('a POST without a valid CSRF token is refused and stores nothing', async () => {
  const c = await as('secretaris');
  const before = count('SELECT count(*) FROM lt_meeting');
  let r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-12-20', location: 'x' }, { csrf: null });
  assert.equal(r.status, 403);
  r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-12-20', location: 'x' }, { csrf: '0'.repeat(64) });
  assert.equal(r.status, 403);
  assert.equal(count('SELECT count(*) FROM lt_meeting'), before);
});

test('leertafel users reach no client-data route', async () => {
  for (const user of ['secretaris', 'leertafellid']) {
    const c = await as(user);
    for (const u of ['/overdrachten', '/overdrachten/nieuw', '/overdrachten/1', '/casussen', '/casussen/1', '/cijfers']) {
      const res = await c.get(u);
      assert.ok([403, 404].includes(res.status), `${user} GET ${u} answered ${res.status}`);
    }
  }
});

test('no leertafel source file names a client table', () => {
  const files = [
    ...readdirSync(path.join(ROOT, 'src/pages')).filter((f) => f.startsWith('leertafel')).map((f) => `src/pages/${f}`),
    ...['meeting', 'action', 'action_plan', 'board', 'actielijn', 'demo_leertafel', 'lt_list'].flatMap((b) => [`src/store/${b}.c`, `src/store/${b}.h`]),
    'src/view/svg_report.c', 'src/view/svg_report.h', 'migrations/0003_leertafel.sql',
  ].filter((f) => existsSync(path.join(ROOT, f)));
  assert.ok(files.length >= 18, files.join(' '));
  // client tables: a fixed list plus every table the other migrations create, except the foundation's
  const clientTables = new Set(['household', 'person', 'handover', 'case_file', 'cases', 'safety_condition', 'journal', 'journal_entry', 'safety_plan', 'family_plan']);
  for (const f of readdirSync(path.join(ROOT, 'migrations'))) {
    if (f.startsWith('0001') || f.startsWith('0003')) continue;
    for (const m of readFileSync(path.join(ROOT, 'migrations', f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)) clientTables.add(m[1]);
  }
  const allowed = /^(lt_\w+|organisation|app_user|excluded)$/;
  for (const f of files) {
    const text = readFileSync(path.join(ROOT, f), 'utf8');
    for (const t of clientTables) {
      assert.doesNotMatch(text, new RegExp(`\\b${t}\\b`), `${f} names client table ${t}`);
    }
    // every table an SQL statement names is a leertafel table or organisation/app_user
    for (const m of text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+([a-z_]+)/g)) {
      assert.match(m[1], allowed, `${f} uses table ${m[1]}`);
    }
  }
});

// ------------------------------------------------------------------ hostile and incomplete input

const HOSTILE = '<script>alert("x")</script>&"\'';

test('meeting form: incomplete and hostile input is kept with a message per field, nothing stored', async () => {
  const c = await as('secretaris');
  const before = count('SELECT count(*) FROM lt_meeting');
  let r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '31-02-2026', start_time: '25:99', location: '', agenda: HOSTILE, notes: `[klik](javascript:alert(1)) ${HOSTILE}` });
  assert.equal(r.status, 422);
  assert.match(r.text, /<p class="field-error" id="held_on-error">Vul een geldige datum in/);
  assert.match(r.text, /id="start_time-error">Schrijf de begintijd als uren en minuten/);
  assert.match(r.text, /id="location-error">Vul een plaats in, of kies ‘online’/);
  assert.ok(r.text.includes(escapeHtml(HOSTILE)), 'agenda kept, escaped');
  assert.ok(!r.text.includes('<script>alert'), 'never raw');
  assert.match(r.text, /value="31-02-2026"/);
  assert.match(r.text, /value="25:99"/);
  assert.match(r.text, /Geen cliëntgegevens/);
  assert.equal(count('SELECT count(*) FROM lt_meeting'), before);

  // stored hostile Markdown never comes out raw
  r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-12-17', location: HOSTILE, agenda: `[klik](javascript:alert(1))\n\n${HOSTILE}` });
  assert.equal(r.status, 303);
  r = await c.get(r.location);
  assert.ok(!r.text.includes('<script>alert'));
  assert.ok(!/href="javascript:/i.test(r.text));
  assert.ok(r.text.includes(escapeHtml(HOSTILE)));

  // edit with a broken attendance list
  const id = one('SELECT max(id) AS id FROM lt_meeting').id;
  r = await c.post(`/leertafel/bijeenkomsten/${id}/bewerken`, [['held_on', '2026-12-17'], ['location', 'Zaal'], ['att_org', '1'], ['att_presence', 'misschien']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies een van de mogelijkheden/);
  assert.equal(count(`SELECT count(*) FROM lt_attendance WHERE meeting_id = ${id}`), 0);
});

test('action form: every field checked, input kept (also the chosen organisations), nothing stored', async () => {
  const c = await as('secretaris');
  const before = count('SELECT count(*) FROM lt_action');
  const history = count('SELECT count(*) FROM lt_action_status');
  let r = await c.post('/leertafel/acties/nieuw', { plan: '1', wat: '', hoe: HOSTILE, owner: '', participant: [String(ORG.jgz()), 'abc'],
    deadline: '2026-01-01', quarter: 'Q5 2027', actielijn: '99999', tag: String(lijn('Eerder en beter in beeld')), status: 'paars' });
  assert.equal(r.status, 422);
  for (const [f, msg] of [['wat', 'Vul ‘Wat’ in'], ['owner', 'Kies een waarde bij ‘Eigenaar (trekker)’'], ['participant', 'Kies een geldige waarde'],
    ['actielijn', 'Kies een actielijn uit de lijst'], ['tag', 'Kies doen, delen of leren'], ['status', 'Kies een van de mogelijkheden']]) {
    assert.ok(r.text.includes(msg), `${f}: ${msg}`);
  }
  assert.ok(r.text.includes(escapeHtml(HOSTILE)), 'hoe kept, escaped');
  assert.match(r.text, new RegExp(`id="participant-${ORG.jgz()}" name="participant" value="${ORG.jgz()}" checked`));
  assert.match(r.text, /value="Q5 2027"/);

  r = await c.post('/leertafel/acties/nieuw', { plan: '1', wat: 'Iets', owner: String(ORG.vt()), deadline: '2026-01-01', quarter: 'Q1 2027',
    actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul een datum óf een kwartaal in, niet allebei/);
  r = await c.post('/leertafel/acties/nieuw', { plan: '1', wat: 'Iets', owner: String(ORG.vt()), quarter: 'Q5 2027',
    actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Schrijf het kwartaal als Q1 2027/);
  r = await c.post('/leertafel/acties/nieuw', { plan: '1', wat: 'Iets', owner: String(ORG.vt()),
    actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul in wanneer de actie klaar moet zijn/);
  r = await c.post('/leertafel/acties/nieuw', { plan: '99999', wat: 'Iets' });
  assert.equal(r.status, 404);
  assert.equal(count('SELECT count(*) FROM lt_action'), before);
  assert.equal(count('SELECT count(*) FROM lt_action_status'), history);

  // edit: same checks, stored values untouched
  const a = one('SELECT id, wat FROM lt_action ORDER BY id LIMIT 1');
  r = await c.post(`/leertafel/acties/${a.id}/bewerken`, { wat: '', owner: '99999', quarter: 'morgen', actielijn: String(lijn('Doen')) });
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies de organisatie die eigenaar is/);
  assert.match(r.text, /Kies een actielijn uit de lijst/);
  assert.equal(one(`SELECT wat FROM lt_action WHERE id = ${a.id}`).wat, a.wat);
});

test('status, plan, adoption, escalation, decision and list forms keep input and explain per field', async () => {
  const c = await as('secretaris');
  const a = one("SELECT id FROM lt_action ORDER BY id LIMIT 1").id;
  const hist = count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${a}`);
  let r = await c.post(`/leertafel/acties/${a}/status`, { status: 'rood', status_note: '', status_on: '2199-01-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="status_on-error">De datum van de status mag niet in de toekomst liggen/);
  assert.match(r.text, /id="status_note-error">Licht bij ‘rood’ toe/);
  assert.match(r.text, /id="status-rood" name="status" value="rood" checked/);
  r = await c.post(`/leertafel/acties/${a}/status`, { status_note: HOSTILE, status_on: '' });
  assert.equal(r.status, 422);
  assert.ok(r.text.includes(escapeHtml(HOSTILE)));
  assert.equal(count(`SELECT count(*) FROM lt_action_status WHERE action_id = ${a}`), hist);

  const plans = count('SELECT count(*) FROM lt_plan');
  r = await c.post('/leertafel/actieplannen/nieuw', { year: 'twintig', title: HOSTILE });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="year-error">Vul een geheel getal in/);
  assert.ok(r.text.includes(escapeHtml(HOSTILE)));
  r = await c.post('/leertafel/actieplannen/nieuw', { year: '2026', title: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Voor dit jaar bestaat al een actieplan/);
  assert.match(r.text, /id="title-error">Vul ‘Titel’ in/);
  assert.equal(count('SELECT count(*) FROM lt_plan'), plans);

  const adopted = one("SELECT id, adopted_on FROM lt_plan WHERE year = 2026");
  r = await c.post(`/leertafel/actieplannen/${adopted.id}/vaststellen`, { adopted_on: '2026-03-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Dit actieplan is al vastgesteld/);
  assert.equal(one(`SELECT adopted_on FROM lt_plan WHERE id = ${adopted.id}`).adopted_on, adopted.adopted_on);
  r = await c.post('/leertafel/actieplannen/nieuw', { year: '2024', title: 'Actieplan 2024' });
  const p2024 = Number(r.location.split('/').pop());
  r = await c.post(`/leertafel/actieplannen/${p2024}/vaststellen`, { adopted_on: 'gisteren' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="adopted_on-error">Vul een geldige datum in/);
  assert.match(r.text, /value="gisteren"/);

  const esc = count('SELECT count(*) FROM lt_escalation');
  r = await c.post('/leertafel/opschalingen/nieuw', { subject: HOSTILE, reason: '', escalated_on: '2199-12-31' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="reason-error">Vul ‘Reden van opschalen’ in/);
  assert.match(r.text, /id="escalated_on-error">De datum van opschalen mag niet in de toekomst liggen/);
  assert.ok(r.text.includes(escapeHtml(HOSTILE)));
  r = await c.post('/leertafel/opschalingen/nieuw', { subject: '', reason: 'x', escalated_on: '2026-11-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Beschrijf het knelpunt/);
  r = await c.post('/leertafel/opschalingen/nieuw', { actie: '99999', reason: 'x', escalated_on: '2026-11-01' });
  assert.equal(r.status, 404);
  assert.equal(count('SELECT count(*) FROM lt_escalation'), esc);

  const open = one('SELECT id FROM lt_escalation WHERE decided_on IS NULL LIMIT 1').id;
  r = await c.post(`/leertafel/opschalingen/${open}/besluit`, { board_on: '', decision: HOSTILE });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="board_on-error">Vul ‘Datum bestuurlijk overleg’ in/);
  assert.ok(r.text.includes(escapeHtml(HOSTILE)));
  assert.equal(one(`SELECT decided_on FROM lt_escalation WHERE id = ${open}`).decided_on, null);

  r = await c.post('/leertafel/instellingen', { kind: 'lijn', name: 'Eerder en beter in beeld' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Deze naam staat al in de lijst/);
  r = await c.post('/leertafel/instellingen', { kind: 'kleur', name: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="kind-error">Kies een van de mogelijkheden/);
  r = await c.post('/leertafel/instellingen', { kind: 'werkgroep', name: 'Werkgroep meldcode' });
  assert.equal(r.status, 303);
  const wg = one("SELECT id, active FROM lt_werkgroep WHERE name = 'Werkgroep meldcode'");
  r = await c.post('/leertafel/instellingen/actief', { kind: 'werkgroep', id: String(wg.id), active: 'nee' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT active FROM lt_werkgroep WHERE id = ${wg.id}`).active, 0);
});

test('a BSN or a date of birth in a text field warns first; "toch opslaan" saves', async () => {
  const c = await as('secretaris');
  const before = count('SELECT count(*) FROM lt_action');
  const fields = { plan: '1', wat: 'Bespreken casus BSN 123456782', hoe: 'Gewoon', owner: String(ORG.vt()), quarter: 'Q1 2027',
    actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' };
  let r = await c.post('/leertafel/acties/nieuw', fields);
  assert.equal(r.status, 422);
  assert.match(r.text, /id="wat-error">Deze tekst lijkt een BSN of een geboortedatum te bevatten/);
  assert.match(r.text, /name="toch_opslaan" value="ja"/);
  assert.match(r.text, /Bespreken casus BSN 123456782<\/textarea>/);
  assert.equal(count('SELECT count(*) FROM lt_action'), before);
  // a BSN that fails the elfproef is no reason to warn
  r = await c.post('/leertafel/acties/nieuw', { ...fields, wat: 'Kenmerk 123456789' });
  assert.equal(r.status, 303);
  r = await c.post('/leertafel/acties/nieuw', { ...fields, toch_opslaan: 'ja' });
  assert.equal(r.status, 303);
  assert.equal(count('SELECT count(*) FROM lt_action'), before + 2);

  const meetings = count('SELECT count(*) FROM lt_meeting');
  r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-12-18', location: 'Zaal', notes: 'Kind geboren 12-03-2015 besproken' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="notes-error">Deze tekst lijkt een BSN of een geboortedatum/);
  assert.equal(count('SELECT count(*) FROM lt_meeting'), meetings);
  const a = one('SELECT id FROM lt_action ORDER BY id LIMIT 1').id;
  r = await c.post(`/leertafel/acties/${a}/status`, { status: 'groen', status_note: 'zie 123.456.782', status_on: '2026-11-20' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Toch opslaan/);
  r = await c.post('/leertafel/opschalingen/nieuw', { subject: 'Casus', reason: 'geb. 2014-05-06', escalated_on: '2026-11-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="reason-error">Deze tekst lijkt/);
});

test('CSV is well-formed Dutch Excel and neutralises formulas', async () => {
  const c = await as('secretaris');
  const hostile = "=cmd|' /C calc'!A0";
  let r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: '2026-11-02', location: 'Zaal' });
  const m = Number(r.location.split('/').pop());
  r = await c.post('/leertafel/acties/nieuw', { bijeenkomst: String(m), wat: hostile, hoe: '+SUM(1;2)\n"regel twee"', owner: String(ORG.vt()),
    quarter: 'Q1 2027', actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen', status_note: '@HYPERLINK("x")' });
  assert.equal(r.status, 303);
  r = await c.get(`/leertafel/bijeenkomsten/${m}/actielijst.csv`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.ok(r.text.includes('\r\n'));
  const rows = parseCsv(r.text);
  const row = rows.find((x) => x[0] === 'nieuw');
  assert.equal(row.length, rows[0].length);
  assert.equal(row[2], `'${hostile}`);
  assert.equal(row[3], `'+SUM(1;2)\n"regel twee"`);
  assert.equal(row[12], `'@HYPERLINK("x")`);
  for (const x of rows) for (const cell of x) assert.doesNotMatch(cell, /^[=+\-@]/, `cell ${cell}`);
  r = await c.get('/leertafel/actieplannen/1/rapportage.csv');
  const rep = parseCsv(r.text);
  for (const x of rep) for (const cell of x) assert.doesNotMatch(cell, /^[=+@]/);
  assert.ok(rep.some((x) => x[1] === `'${hostile}`));
});

// ------------------------------------------------------------------ QA findings

test('the demo account list names leertafellid.politie once, at Politie basisteam Venlo', () => {
  const bin = process.env.KETENREGIE_BIN ? path.resolve(ROOT, process.env.KETENREGIE_BIN) : path.join(ROOT, 'build/rel/ketenregie');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-demo-'));
  try {
    const db = path.join(dir, 'demo.db');
    const env = { ...process.env, KETENREGIE_DEMO_PASSWORD: 'demo-ketenregie-2026' };
    execFileSync(bin, ['migrate', '--db', db], { env, encoding: 'utf8', stdio: 'pipe' });
    const out = execFileSync(bin, ['demo', '--db', db], { env, encoding: 'utf8', stdio: 'pipe' });
    const lines = out.split('\n').filter((l) => /^\s+leertafellid\.politie\s/.test(l));
    assert.equal(lines.length, 1, out);
    assert.match(lines[0], /Rob Verheijen.*Politie basisteam Venlo \(demo\)/);
    assert.deepEqual(sql(db, "SELECT u.name, o.name AS org FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.username = 'leertafellid.politie'").map((x) => [x.name, x.org]),
      [['Rob Verheijen', 'Politie basisteam Venlo (demo)']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const isoDay = (offsetDays = 0) => nlDay(offsetDays);
const lastId = (table) => Number(one(`SELECT max(id) AS id FROM ${table}`).id);

test('an action of a future meeting takes a status today; its birth date follows the meeting date', async () => {
  const c = await as('secretaris');
  const future = isoDay(30), later = isoDay(45), today = isoDay(0), yesterday = isoDay(-1);
  let r = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on: future, location: 'Zaal toekomst' });
  assert.equal(r.status, 303);
  const m = Number(r.location.split('/').pop());
  r = await c.post('/leertafel/acties/nieuw', { bijeenkomst: String(m), wat: 'Actie voor een komende bijeenkomst', owner: String(ORG.vt()),
    quarter: `Q4 ${future.slice(0, 4)}`, actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
  assert.equal(r.status, 303, r.text.match(/field-error[^<]*/g)?.join(' | '));
  const a = lastId('lt_action');
  assert.equal(one(`SELECT status_on FROM lt_action WHERE id = ${a}`).status_on, today, 'first status dated today, not in the future');

  r = await c.post(`/leertafel/acties/${a}/status`, { status: 'oranje', status_note: 'Start later', status_on: today });
  assert.equal(r.status, 303, r.text.match(/field-error[^<]*/g)?.join(' | '));
  assert.equal(one(`SELECT status FROM lt_action WHERE id = ${a}`).status, 'oranje', 'the update became the current status');
  r = await c.post(`/leertafel/acties/${a}/status`, { status: 'rood', status_note: 'x', status_on: yesterday });
  assert.equal(r.status, 422);
  assert.match(r.text, /De datum ligt vóór het ontstaan van de actie/);

  // the meeting moves: the action's birth date moves with it
  r = await c.post(`/leertafel/bijeenkomsten/${m}/bewerken`, { held_on: later, location: 'Zaal toekomst' });
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT born_on FROM lt_action WHERE id = ${a}`).born_on, later);
  r = await c.get(`/leertafel/acties/${a}`);
  assert.ok(r.text.includes(`${later.slice(8, 10)}-${later.slice(5, 7)}-${later.slice(0, 4)}`));
});

test('a past meeting\'s action list stays as it was: statuses and "te laat" as of the meeting date (page and CSV)', async () => {
  const c = await as('secretaris');
  const meetingOn = async (held_on) => {
    const res = await c.post('/leertafel/bijeenkomsten/nieuw', { held_on, location: 'Zaal 2023' });
    assert.equal(res.status, 303);
    return Number(res.location.split('/').pop());
  };
  const mA = await meetingOn('2023-03-01');
  const mB = await meetingOn('2023-03-15');
  const mC = await meetingOn('2023-06-01');
  const mk = async (wat, when) => {
    const res = await c.post('/leertafel/acties/nieuw', { bijeenkomst: String(mA), wat, owner: String(ORG.vt()), ...when,
      actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
    assert.equal(res.status, 303, res.text.match(/field-error[^<]*/g)?.join(' | '));
    return lastId('lt_action');
  };
  const done = await mk('Afgerond na de bijeenkomst 2023', { quarter: 'Q3 2023' });
  const late = await mk('Te laat na april 2023', { deadline: '2023-04-01' });
  for (const [status, on] of [['oranje', '2023-05-01'], ['afgerond', '2023-09-01']]) {
    const res = await c.post(`/leertafel/acties/${done}/status`, { status, status_note: 'stand', status_on: on });
    assert.equal(res.status, 303);
  }
  const rowOf = (html, wat) => html.slice(html.lastIndexOf('<tr', html.indexOf(wat)), html.indexOf('</tr>', html.indexOf(wat)));

  // the meeting where both were born: statuses as of 01-03-2023, not today's
  let r = await c.get(`/leertafel/bijeenkomsten/${mA}`);
  assert.match(rowOf(r.text, 'Afgerond na de bijeenkomst 2023'), /stoplicht--groen/);
  assert.doesNotMatch(rowOf(r.text, 'Afgerond na de bijeenkomst 2023'), /stoplicht--afgerond/);
  assert.doesNotMatch(rowOf(r.text, 'Te laat na april 2023'), /te laat/);
  let csv = parseCsv((await c.get(`/leertafel/bijeenkomsten/${mA}/actielijst.csv`)).text);
  assert.deepEqual(csv.filter((x) => x[0] === 'nieuw').map((x) => [x[2], x[10], x[11]]),
    [['Afgerond na de bijeenkomst 2023', 'groen', 'nee'], ['Te laat na april 2023', 'groen', 'nee']]);

  // two weeks later: not yet late (due 01-04-2023), although it is late today
  r = await c.get(`/leertafel/bijeenkomsten/${mB}`);
  assert.doesNotMatch(rowOf(r.text, 'Te laat na april 2023'), /te laat/);
  csv = parseCsv((await c.get(`/leertafel/bijeenkomsten/${mB}/actielijst.csv`)).text);
  assert.deepEqual(csv.find((x) => x[2] === 'Te laat na april 2023').slice(10, 12), ['groen', 'nee']);

  // in June it was late, and the other action was oranje (afgerond only in September)
  r = await c.get(`/leertafel/bijeenkomsten/${mC}`);
  assert.match(rowOf(r.text, 'Te laat na april 2023'), /\(te laat\)/);
  assert.match(rowOf(r.text, 'Afgerond na de bijeenkomst 2023'), /stoplicht--oranje/);
  csv = parseCsv((await c.get(`/leertafel/bijeenkomsten/${mC}/actielijst.csv`)).text);
  assert.deepEqual(csv.find((x) => x[2] === 'Te laat na april 2023').slice(10, 12), ['groen', 'ja']);
  assert.deepEqual(csv.find((x) => x[2] === 'Afgerond na de bijeenkomst 2023').slice(10, 12), ['oranje', 'nee']);
});

test('changes after adoption keep the old and the new value of every changed field, in Dutch', async () => {
  const c = await as('secretaris');
  let r = await c.post('/leertafel/actieplannen/nieuw', { year: '2022', title: 'Actieplan leertafel 2022' });
  assert.equal(r.status, 303);
  const plan = Number(r.location.split('/').pop());
  r = await c.post('/leertafel/acties/nieuw', { plan: String(plan), wat: 'Oorspronkelijke wat', hoe: '', owner: String(ORG.vt()),
    quarter: 'Q4 2022', actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
  assert.equal(r.status, 303, r.text.match(/field-error[^<]*/g)?.join(' | '));
  const a = lastId('lt_action');
  r = await c.post(`/leertafel/actieplannen/${plan}/vaststellen`, { adopted_on: '2022-02-01' });
  assert.equal(r.status, 303);
  r = await c.post(`/leertafel/acties/${a}/bewerken`, { wat: 'Nieuwe wat', hoe: 'Met de werkgroep', owner: String(ORG.vt()),
    participant: [String(ORG.jgz())], quarter: 'Q1 2023', actielijn: String(lijn('Eerder en beter in beeld')) });
  assert.equal(r.status, 303, r.text.match(/field-error[^<]*/g)?.join(' | '));
  const ch = one(`SELECT what, after_adoption FROM lt_action_change WHERE action_id = ${a} ORDER BY id DESC LIMIT 1`);
  assert.equal(ch.after_adoption, 1);
  for (const part of ['wat van ‘Oorspronkelijke wat’ in ‘Nieuwe wat’', 'hoe van ‘(leeg)’ in ‘Met de werkgroep’',
    'wie van ‘eigenaar Veilig Thuis Noord-Limburg (demo)’ in ‘eigenaar Veilig Thuis Noord-Limburg (demo), JGZ Noord-Limburg (demo)’',
    'wanneer van ‘Q4 2022’ in ‘Q1 2023’', 'actielijn van ‘Stoppen en duurzaam oplossen’ in ‘Eerder en beter in beeld’']) {
    assert.ok(ch.what.includes(part), `${part} in ${ch.what}`);
  }
  r = await c.get(`/leertafel/acties/${a}`);
  const changes = r.text.slice(r.text.indexOf('id="wijzigingen-kop"'), r.text.indexOf('id="opschaling-kop"'));
  const li = changes.slice(changes.indexOf('<li>', changes.indexOf('<li>') ), changes.indexOf('</li>') + 5);
  assert.ok(li.includes(escapeHtml('wanneer van ‘Q4 2022’ in ‘Q1 2023’')), li);
  assert.equal(li.match(/vaststelling/g).length, 1, `said once: ${li}`);
  assert.match(li, /class="status-badge lt-badge--changed">na vaststelling/);
  assert.doesNotMatch(r.text, /status-badge--open/, 'the mark is not green');
  r = await c.get(`/leertafel/actieplannen/${plan}`);
  assert.match(r.text, /1 actie is na de vaststelling toegevoegd of gewijzigd/);
  // an action added after adoption: "na vaststelling" said once
  r = await c.post('/leertafel/acties/nieuw', { plan: String(plan), wat: 'Later toegevoegd', owner: String(ORG.vt()),
    quarter: 'Q4 2022', actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' });
  assert.equal(r.status, 303);
  r = await c.get(`/leertafel/acties/${lastId('lt_action')}`);
  const added = r.text.slice(r.text.indexOf('id="wijzigingen-kop"'), r.text.indexOf('id="opschaling-kop"'));
  assert.equal(added.match(/vaststelling/g).length, 1, added);
});

test('deadlines within the plan year ±1; the quarter also as K1 2027 and with extra spaces', async () => {
  const c = await as('secretaris');
  const plan = one('SELECT id FROM lt_plan WHERE year = 2022').id;
  const base = { plan: String(plan), wat: 'Termijn', owner: String(ORG.vt()), actielijn: String(lijn('Stoppen en duurzaam oplossen')), status: 'groen' };
  const before = count('SELECT count(*) FROM lt_action');
  let r = await c.post('/leertafel/acties/nieuw', { ...base, deadline: '1900-01-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="deadline-error">Kies een datum in 2021, 2022 of 2023: de actie hoort bij het actieplan 2022/);
  assert.match(r.text, /value="1900-01-01"/);
  r = await c.post('/leertafel/acties/nieuw', { ...base, quarter: 'Q1 2030' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="quarter-error">Kies een kwartaal in 2021, 2022 of 2023/);
  assert.equal(count('SELECT count(*) FROM lt_action'), before);
  const a = one(`SELECT id FROM lt_action WHERE plan_id = ${plan} ORDER BY id LIMIT 1`).id;
  r = await c.post(`/leertafel/acties/${a}/bewerken`, { wat: 'Nieuwe wat', owner: String(ORG.vt()), deadline: '2099-12-31',
    actielijn: String(lijn('Eerder en beter in beeld')) });
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies een datum in 2021, 2022 of 2023/);

  r = await c.post('/leertafel/acties/nieuw', { ...base, quarter: 'K1 2022' });
  assert.equal(r.status, 303, r.text.match(/field-error[^<]*/g)?.join(' | '));
  r = await c.post('/leertafel/acties/nieuw', { ...base, quarter: '  k3    2023 ' });
  assert.equal(r.status, 303, r.text.match(/field-error[^<]*/g)?.join(' | '));
  assert.deepEqual(sql(d.db, `SELECT quarter, due_on FROM lt_action WHERE plan_id = ${plan} AND wat = 'Termijn' ORDER BY id`),
    [{ quarter: 'Q1 2022', due_on: '2022-03-31' }, { quarter: 'Q3 2023', due_on: '2023-09-30' }]);
});

test('escalation: no second one while the first is open; the board date lies between escalation and today', async () => {
  const c = await as('secretaris');
  const a = one("SELECT id FROM lt_action WHERE wat = 'Nieuwe wat'").id;
  let r = await c.post('/leertafel/opschalingen/nieuw', { actie: String(a), reason: 'Loopt vast.', escalated_on: '2022-05-01' });
  assert.equal(r.status, 303);
  const e = one(`SELECT id FROM lt_escalation WHERE action_id = ${a}`).id;
  const n = count(`SELECT count(*) FROM lt_escalation WHERE action_id = ${a}`);
  r = await c.get(`/leertafel/opschalingen/nieuw?actie=${a}`);
  assert.match(r.text, new RegExp(`al opgeschaald op 01-05-2022[\\s\\S]*href="/leertafel/bestuurlijk-overleg#opschaling-${e}"`));
  r = await c.post('/leertafel/opschalingen/nieuw', { actie: String(a), reason: 'Nog steeds.', escalated_on: '2022-06-01' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="reason-error">Deze actie is al opgeschaald op 01-05-2022/);
  assert.match(r.text, /Nog steeds\.<\/textarea>/);
  assert.equal(count(`SELECT count(*) FROM lt_escalation WHERE action_id = ${a}`), n);

  for (const [board_on, msg] of [['2022-04-30', /kan niet vóór de opschaling \(01-05-2022\)/], ['2099-01-01', /mag niet in de toekomst liggen/]]) {
    r = await c.post(`/leertafel/opschalingen/${e}/besluit`, { board_on, decision: 'Besluit' });
    assert.equal(r.status, 422, board_on);
    assert.match(r.text, msg);
    assert.match(r.text, new RegExp(`value="${board_on}"`));
  }
  assert.equal(one(`SELECT decided_on FROM lt_escalation WHERE id = ${e}`).decided_on, null);
  r = await c.post(`/leertafel/opschalingen/${e}/besluit`, { board_on: '2022-05-01', decision: 'Besluit' });
  assert.equal(r.status, 303);
  // decided: escalating the same action again is allowed
  r = await c.post('/leertafel/opschalingen/nieuw', { actie: String(a), reason: 'Opnieuw vast.', escalated_on: '2022-06-01' });
  assert.equal(r.status, 303);
});

test('UX: no duplicate headings, singular/plural, no "afgerond: afgerond", Markdown hint', async () => {
  const c = await as('secretaris');
  const m = one("SELECT id FROM lt_meeting WHERE held_on = '2023-03-01'").id;
  let r = await c.get(`/leertafel/bijeenkomsten/${m}`);
  assert.match(r.text, /<caption class="visually-hidden">Nieuwe acties<\/caption>/);
  assert.doesNotMatch(r.text, /<caption>/);
  assert.doesNotMatch(r.text, /stoplicht--afgerond">afgerond<\/span> <span class="lt-meaning">afgerond/);
  r = await c.get('/leertafel/actieplannen/1/rapportage');
  assert.doesNotMatch(r.text, /afgerond: afgerond/);
  assert.match(r.text, /afgerond<\/text>/);
  r = await c.get('/leertafel');
  assert.doesNotMatch(r.text, /\b1 acties\b/);
  assert.doesNotMatch(r.text, /actie\(s\)/);
  r = await c.get('/leertafel/actieplannen/1');
  assert.doesNotMatch(r.text, /actie\(s\)/);
  for (const u of ['/leertafel/bijeenkomsten/nieuw', '/leertafel/opschalingen/nieuw', '/leertafel/opschalingen/1/besluit']) {
    r = await c.get(u);
    assert.match(r.text, /Opmaak met Markdown; HTML wordt niet getoond\./, u);
  }
});

await run({ after: () => d.stop() });
