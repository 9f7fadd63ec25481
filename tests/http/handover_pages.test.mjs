// tests/http/handover_pages.test.mjs — /overdrachten on a year of data (tools/bench_data.sql
// loaded into this test's own temporary database): the VT list and the team's decided list
// come in pages of 50, newest first; page 2 exists and differs from page 1 without overlap;
// the links are plain links (followed here without any script) and keep the status
// filter; and no keyset value — an id of another organisation's or another team's handover,
// nonsense, huge numbers — ever brings in a handover that is not the user's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, run, startDaemon, sql, loggedInClients } from './lib.mjs';

const d = await startDaemon();
const q = (s) => sql(d.db, s);
const one = (s) => q(s)[0];
const write = (s) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: s, encoding: 'utf8' });

write(readFileSync(new URL('../../tools/bench_data.sql', import.meta.url), 'utf8'));
// one handover of another Veilig Thuis organisation, newer than all others
write(`INSERT INTO organisation (name, kind) VALUES ('Veilig Thuis Elders (test)', 'veilig_thuis');
INSERT INTO handover (vt_org_id, created_by, receiving_org_id, urgency, household_name, address, reason,
  investigation_outcome, risk_assessment, providers, agreements, family_informed, family_informed_reason, contact,
  status, submitted_at, submitted_by, created_at, updated_at)
SELECT (SELECT id FROM organisation WHERE name = 'Veilig Thuis Elders (test)'), created_by, receiving_org_id, urgency,
  'Familie Elders (test)', address, reason, investigation_outcome, risk_assessment, providers, agreements,
  family_informed, family_informed_reason, contact, 'ingediend', datetime('now'), created_by, datetime('now'),
  datetime('now')
FROM handover WHERE id = 100001;`);
const VT = one(`SELECT organisation_id AS id FROM app_user WHERE username = 'vt'`).id;
const OTHER = one(`SELECT max(id) AS id FROM handover`).id;
const NOORD = one(`SELECT organisation_id AS id FROM app_user WHERE username = 'teamleider'`).id;

const as = loggedInClients(d.baseUrl);

/** The handover ids linked in a table of the page (after the caption matching `caption`). */
function rowIds(html, caption) {
  const start = html.indexOf(caption);
  if (start < 0) return [];
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<td[^>]*><a href="\/overdrachten\/(\d+)">/g)].map((m) => Number(m[1]));
}

/** The href of a pager link ("Oudere" / "Nieuwere") after `caption`, as a browser reads it. */
function link(html, caption, rel) {
  const start = html.indexOf(caption);
  const m = new RegExp(`<a class="utrecht-link" rel="${rel}" href="([^"]+)"`).exec(html.slice(start));
  if (!m) return null;
  return m[1].replace(/&#61;/g, '=').replace(/&amp;/g, '&');
}

const VT_TABLE = 'Verzonden overdrachten';
const TEAM_TABLE = 'Geaccepteerde en teruggelegde overdrachten';

/** Per row of the table after `caption`: the handover id and its "Aan" cell (HTML-decoded). */
function teamCells(html, caption) {
  const start = html.indexOf(caption);
  const table = html.slice(start, html.indexOf('</table>', start));
  const decode = (t) => t.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...table.matchAll(/href="\/overdrachten\/(\d+)">[\s\S]*?<td data-label="Aan">([^<]*)<\/td>/g)]
    .map((m) => ({ id: Number(m[1]), team: decode(m[2]) }));
}

/** The "Aan" of each handover as the database has it: the team that took it, else the one it was sent to. */
function teamsOf(ids) {
  const rows = q(`SELECT h.id, coalesce(tk.name, ro.name, CASE WHEN h.receiving_triage THEN
    'Gezamenlijke triage lokale teams' ELSE '(nog niet gekozen)' END) AS team FROM handover h
    LEFT JOIN organisation tk ON tk.id = h.taken_org_id LEFT JOIN organisation ro ON ro.id = h.receiving_org_id
    WHERE h.id IN (${ids.join(',')})`);
  return new Map(rows.map((x) => [x.id, x.team]));
}

test('VT: pages of 50, newest first; "Oudere" is page 2 (differs, no overlap), "Nieuwere" leads back', async () => {
  const vt = await as('vt');
  const total = one(`SELECT count(*) AS n FROM handover WHERE vt_org_id = ${VT}`).n;
  let r = await vt.get('/overdrachten');
  assert.equal(r.status, 200);
  const p1 = rowIds(r.text, VT_TABLE);
  assert.equal(p1.length, 50);
  assert.deepEqual(p1, [...p1].sort((a, b) => b - a), 'newest first');
  assert.equal(p1[0], one(`SELECT max(id) AS id FROM handover WHERE vt_org_id = ${VT}`).id);
  assert.ok(r.text.includes(`nieuwste eerst: 1–50 van ${total}`), 'position and total');
  assert.equal(link(r.text, VT_TABLE, 'prev'), null, 'no newer page on page 1');
  const older = link(r.text, VT_TABLE, 'next');
  assert.equal(older, `/overdrachten?voor=${p1[49]}`);
  // everything the VT view must show is still in the brief rows
  for (const h of ['Werkdagen tot besluit', 'Warme overdracht', 'Terugkoppeling', 'Veiligheidsvoorwaarden'])
    assert.ok(r.text.includes(`<th scope="col">${h}</th>`), h);
  assert.equal(rowIds(r.text, VT_TABLE).length, 50);
  // every row names the team it went to (read once per list, not joined per row)
  const cells = teamCells(r.text, VT_TABLE);
  assert.equal(cells.length, 50);
  const teams = teamsOf(cells.map((c) => c.id));
  for (const c of cells) assert.equal(c.team, teams.get(c.id), `team of handover ${c.id}`);
  assert.ok(new Set(cells.map((c) => c.team)).size > 1, 'the page names more than one team');
  // accepted ones show the conditions kept or not, the warm handover and the feedback
  const done = one(`SELECT max(id) AS id FROM handover WHERE vt_org_id = ${VT} AND status = 'geaccepteerd'
    AND warm_held_date IS NOT NULL AND feedback_first_at IS NOT NULL`).id;
  const acc = await vt.get(`/overdrachten?status=geaccepteerd&voor=${done + 1}`);
  assert.match(acc.text, /\d+ nageleefd, \d+ niet nageleefd \(van 3\)/);
  // among them handovers a team took from the joint triage: "Aan" is the team that took it
  const accCells = teamCells(acc.text, VT_TABLE);
  const accTeams = teamsOf(accCells.map((c) => c.id));
  for (const c of accCells) assert.equal(c.team, accTeams.get(c.id), `team of handover ${c.id}`);
  assert.ok(one(`SELECT count(*) AS n FROM handover WHERE receiving_org_id IS NULL AND taken_org_id IS NOT NULL
    AND id IN (${accCells.map((c) => c.id).join(',')})`).n > 0, 'the page has handovers taken from the triage');
  assert.match(acc.text, /gehouden \d\d-\d\d-\d{4}/);
  assert.match(acc.text, /ontvangen \d\d-\d\d-\d{4}/);

  r = await vt.get(older);
  assert.equal(r.status, 200);
  const p2 = rowIds(r.text, VT_TABLE);
  assert.equal(p2.length, 50);
  assert.ok(p2.every((id) => !p1.includes(id)), 'no overlap');
  assert.ok(Math.max(...p2) < Math.min(...p1), 'older');
  assert.ok(r.text.includes(`nieuwste eerst: 51–100 van ${total}`));
  const newer = link(r.text, VT_TABLE, 'prev');
  assert.equal(newer, `/overdrachten?na=${p2[0]}`);
  r = await vt.get(newer);
  assert.deepEqual(rowIds(r.text, VT_TABLE), p1, '"Nieuwere" from page 2 is page 1');
});

test('VT start page: a returned handover names the team that returned it', async () => {
  const vt = await as('vt');
  const r = await vt.get('/');
  assert.equal(r.status, 200);
  const named = [...r.text.matchAll(/teruggelegd op \d\d-\d\d-\d{4} door ([^:<]*):/g)].map((m) => m[1]);
  assert.ok(named.length > 0, 'returned handovers on the start page');
  const teams = new Set(q(`SELECT o.name FROM handover h JOIN organisation o ON o.id = h.decided_org_id
    WHERE h.vt_org_id = ${VT} AND h.status = 'teruggelegd'`).map((x) => x.name.replace(/&/g, '&amp;')));
  for (const name of named) assert.ok(teams.has(name), `"${name}" returned one of the VT's handovers`);
});

test('VT: the status filter is kept on every page and in the links; the select keeps it', async () => {
  const vt = await as('vt');
  const total = one(`SELECT count(*) AS n FROM handover WHERE vt_org_id = ${VT} AND status = 'teruggelegd'`).n;
  let r = await vt.get('/overdrachten?status=teruggelegd');
  assert.equal(r.status, 200);
  assert.match(r.text, /<option value="teruggelegd" selected>/);
  const p1 = rowIds(r.text, VT_TABLE);
  assert.equal(p1.length, 50);
  assert.ok(r.text.includes(`(gefilterd), nieuwste eerst: 1–50 van ${total}`));
  const older = link(r.text, VT_TABLE, 'next');
  assert.equal(older, `/overdrachten?status=teruggelegd&voor=${p1[49]}`);
  r = await vt.get(older);
  const p2 = rowIds(r.text, VT_TABLE);
  assert.equal(p2.length, 50);
  assert.ok(p2.every((id) => !p1.includes(id)));
  const statuses = q(`SELECT DISTINCT status FROM handover WHERE id IN (${p2.join(',')})`).map((x) => x.status);
  assert.deepEqual(statuses, ['teruggelegd']);
  assert.match(r.text, /<option value="teruggelegd" selected>/);
  assert.equal(link(r.text, VT_TABLE, 'prev'), `/overdrachten?status=teruggelegd&na=${p2[0]}`);
});

test('team leader: the decided list in pages of 50 by decision, page 2 differs; the inbox stays whole', async () => {
  const tl = await as('teamleider');
  let r = await tl.get('/overdrachten');
  assert.equal(r.status, 200);
  const waiting = one(`SELECT count(*) AS n FROM handover WHERE status IN ('ingediend', 'in_behandeling')
    AND (taken_org_id = ${NOORD} OR (taken_org_id IS NULL AND (receiving_org_id = ${NOORD} OR receiving_org_id IS NULL)))`).n;
  assert.equal(rowIds(r.text, 'Wachten op een besluit').length, waiting);
  const p1 = rowIds(r.text, TEAM_TABLE);
  assert.equal(p1.length, 50);
  const older = link(r.text, TEAM_TABLE, 'next');
  assert.equal(older, `/overdrachten?voor=${p1[49]}`);
  r = await tl.get(older);
  const p2 = rowIds(r.text, TEAM_TABLE);
  assert.equal(p2.length, 50);
  assert.ok(p2.every((id) => !p1.includes(id)), 'no overlap');
  const last1 = one(`SELECT decided_at FROM handover WHERE id = ${p1[49]}`).decided_at;
  const first2 = one(`SELECT decided_at FROM handover WHERE id = ${p2[0]}`).decided_at;
  assert.ok(first2 <= last1, 'older decisions');
  const foreign = q(`SELECT id FROM handover WHERE id IN (${[...p1, ...p2].join(',')}) AND NOT (taken_org_id = ${NOORD}
    OR (taken_org_id IS NULL AND decided_by IN (SELECT id FROM app_user WHERE organisation_id = ${NOORD})))`);
  assert.deepEqual(foreign, [], 'only what the team decided');
  r = await tl.get(link(r.text, TEAM_TABLE, 'prev'));
  assert.deepEqual(rowIds(r.text, TEAM_TABLE), p1);
});

test('access: a keyset id of another organisation or team, or nonsense, never shows a handover that is not yours', async () => {
  const vt = await as('vt');
  const own = rowIds((await vt.get('/overdrachten')).text, VT_TABLE);
  for (const path of [`/overdrachten?voor=${OTHER + 1}`, `/overdrachten?voor=${OTHER}`, `/overdrachten?na=${OTHER - 1}`,
    `/overdrachten?na=${OTHER}`, `/overdrachten?status=ingediend&voor=${OTHER + 1}`, '/overdrachten?voor=abc',
    '/overdrachten?voor=-5', '/overdrachten?voor=0', '/overdrachten?voor=99999999999999999999999',
    '/overdrachten?na=1&voor=1', `/overdrachten?voor=${OTHER}&voor=${OTHER + 1}`]) {
    const r = await vt.get(path);
    assert.ok(r.status === 200 || r.status === 400, `${path}: ${r.status}`);
    assert.ok(!r.text.includes('Familie Elders (test)'), path);
    assert.ok(!r.text.includes(`/overdrachten/${OTHER}"`), path);
    if (r.status === 200) {
      const ids = rowIds(r.text, VT_TABLE).concat([0]).filter(Boolean);
      const rows = ids.length ? q(`SELECT DISTINCT vt_org_id FROM handover WHERE id IN (${ids.join(',')})`) : [];
      assert.ok(rows.every((x) => x.vt_org_id === VT), path);
    }
  }
  assert.deepEqual(rowIds((await vt.get(`/overdrachten?voor=${OTHER + 1}`)).text, VT_TABLE), own,
    'a bound above every id is page 1');
  const past = await vt.get('/overdrachten?voor=1');
  assert.deepEqual(rowIds(past.text, VT_TABLE), []);
  assert.equal(link(past.text, 'Geen overdrachten', 'prev'), '/overdrachten', 'past the oldest: a way back');
  // the other organisation's handover itself stays out of reach
  assert.equal((await vt.get(`/overdrachten/${OTHER}`)).status, 404);

  // a team leader anchored on another team's decided handover reads its own newest page
  const tl = await as('teamleider');
  const ownTeam = rowIds((await tl.get('/overdrachten')).text, TEAM_TABLE);
  const zuid = one(`SELECT id FROM handover WHERE status IN ('geaccepteerd', 'teruggelegd') AND taken_org_id <> ${NOORD}
    ORDER BY decided_at DESC LIMIT 1 OFFSET 200`).id;
  for (const path of [`/overdrachten?voor=${zuid}`, `/overdrachten?na=${zuid}`, `/overdrachten?voor=${OTHER}`]) {
    const r = await tl.get(path);
    assert.equal(r.status, 200, path);
    assert.deepEqual(rowIds(r.text, TEAM_TABLE), ownTeam, path);
    assert.ok(!r.text.includes(`/overdrachten/${zuid}"`), path);
  }
});

await run({ after: () => d.stop() });
