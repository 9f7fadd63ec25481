// lists_flat.test.mjs — the boundaries of what keeps /casussen and the inbox flat
// (issue 11, 0024_flat_lists.sql):
// - the caseload per regisseur on the team leader's /casussen comes from a tally kept by
//   triggers: a case enters it when opened, moves with its regisseur and its team, leaves
//   when closed and comes back when reopened; a regisseur without open cases leaves; the
//   tally always equals the count of the open cases it replaces;
// - the case list reads each row's access facts in its own statement
//   (case_parts_of_listed): the phase column still follows case_parts_of, per user and
//   per involvement (the case team sees it; a partner does not unless the involvement
//   names every part; an ended involvement takes the case off the list);
// - the case list and the search merge their two arms with UNION ALL (0027) and keep a
//   case once by its id: a case of the own team that the user is also involved in, or
//   involved in twice, is one row, and a page holds 50 different cases (the keyset pages
//   meet without a gap or a repeat);
// - the VT list's condition counts come from one index range as one number (0027): kept,
//   not kept and all, each in its own place, with every status counted where it belongs;
// - the position of a VT list page ("51–100 van N") is counted from handover_vt's entries of
//   every status, so it stays exact for handovers of each status.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const write = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: q, encoding: 'utf8' });
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOf = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;
const nameOf = (u) => one(`SELECT name FROM app_user WHERE username = '${u}'`).name;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}
// the caseload table of /casussen: regisseur name → open cases
const caseload = (html) => Object.fromEntries([...html.matchAll(
  /<td data-label="Professional"><a href="\/casussen\?regisseur=\d+"[^>]*>([^<]*)<\/a><\/td><td data-label="Open casussen" class="num">(\d+)<\/td>/g)]
  .map((m) => [m[1], Number(m[2])]));
// the Fase cell of case id's row in the case list, undefined when the case is not listed
const phaseCell = (html, id) => {
  const m = new RegExp(`<a href="/casussen/${id}">[\\s\\S]*?<td data-label="Fase">([^<]*)</td>`).exec(html);
  return m ? m[1] : undefined;
};
const tallyRows = () => sql(d.db, 'SELECT team_org_id AS t, director_id AS d, n FROM case_caseload_tally ORDER BY t, d');
const openRows = () => sql(d.db, "SELECT team_org_id AS t, director_id AS d, count(*) AS n FROM casefile WHERE status = 'open'"
  + ' GROUP BY team_org_id, director_id ORDER BY t, d');

const team = orgOf('teamleider');
write(`INSERT INTO household (name) VALUES ('Familie Tellerstand (test)');
  INSERT INTO casefile (household_id, team_org_id, director_id, opened_at, phase)
    VALUES (last_insert_rowid(), ${team}, ${userId('professional2')}, datetime('now'), 3);`);
const kase = one('SELECT max(id) AS id FROM casefile').id;

test('the caseload follows a case opened, moved, closed and reopened; the tally equals the open cases', async () => {
  const tl = await as('teamleider');
  const load = async () => caseload((await tl.get('/casussen')).text);
  const pro = nameOf('professional'), pro2 = nameOf('professional2');
  const start = await load();
  assert.equal(start[pro2], 1, 'the new open case counts for its regisseur');
  write(`UPDATE casefile SET director_id = ${userId('professional')} WHERE id = ${kase};`);
  let now = await load();
  assert.equal(now[pro], (start[pro] || 0) + 1, 'moves to the new regisseur');
  assert.equal(now[pro2], 0, 'the old regisseur keeps his row from the team list, with 0');
  assert.equal(one(`SELECT count(*) AS n FROM case_caseload_tally WHERE director_id = ${userId('professional2')}`).n, 0,
    'a regisseur without open cases leaves the tally');
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${kase};`);
  now = await load();
  assert.equal(now[pro] || 0, (start[pro] || 0), 'a closed case leaves the caseload');
  write(`UPDATE casefile SET status = 'open', closed_at = NULL WHERE id = ${kase};`);
  now = await load();
  assert.equal(now[pro], (start[pro] || 0) + 1, 'and comes back when reopened');
  const other = orgOf('teamleider.zuid');
  write(`UPDATE casefile SET team_org_id = ${other} WHERE id = ${kase};`);
  now = await load();
  assert.equal(now[pro] || 0, (start[pro] || 0), 'a case moved to another team leaves this team\'s caseload');
  assert.equal(one(`SELECT n FROM case_caseload_tally WHERE team_org_id = ${other} AND director_id = ${userId('professional')}`).n, 1,
    'and enters the other team\'s');
  write(`UPDATE casefile SET team_org_id = ${team} WHERE id = ${kase};`);
  // a case inserted closed does not count; the tally equals the rows it replaces
  write(`INSERT INTO casefile (household_id, team_org_id, director_id, status, closed_at)
    VALUES ((SELECT household_id FROM casefile WHERE id = ${kase}), ${team}, ${userId('professional')}, 'gesloten', datetime('now'));`);
  assert.deepEqual(tallyRows(), openRows());
});

test('the case list decides the phase column per row by the access rule, from the list statement', async () => {
  write(`INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (${kase}, ${orgOf('partner')}, ${userId('partner')}, 'betrokken');
    INSERT INTO case_involvement (case_id, org_id, user_id, role, parts) VALUES (${kase}, ${orgOf('partner.jgz')}, ${userId('partner.jgz')}, 'betrokken', 16383);
    INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (${kase}, ${orgOf('professional.buurt')}, ${userId('professional.buurt')}, 'betrokken');`);
  const phaseOf = async (u) => phaseCell((await (await as(u)).get('/casussen')).text, kase);
  assert.match(await phaseOf('teamleider'), /\S/, 'the team leader of the case\'s team sees the phase');
  assert.notEqual(await phaseOf('teamleider'), '—');
  assert.notEqual(await phaseOf('professional'), '—', 'the regisseur sees the phase');
  assert.notEqual(await phaseOf('professional.buurt'), '—', 'a professional of another local team, involved: all but the handover');
  assert.equal(await phaseOf('partner'), '—', 'a partner with the default parts: not the phase');
  assert.notEqual(await phaseOf('partner.jgz'), '—', 'a partner whose involvement names every part sees it');
  assert.equal(await phaseOf('teamleider.zuid'), undefined, 'another team leader does not list the case');
  write(`UPDATE case_involvement SET ended_at = datetime('now') WHERE case_id = ${kase} AND user_id = ${userId('partner.jgz')};`);
  assert.equal(await phaseOf('partner.jgz'), undefined, 'an ended involvement takes the case off the list');
});

test('the VT list\'s position counts the newer handovers of every status', async () => {
  const vt = orgOf('vt');
  const cols = sql(d.db, 'PRAGMA table_info(handover)').map((c) => c.name).filter((c) => c !== 'id' && c !== 'form_key');
  const src = one(`SELECT id FROM handover WHERE vt_org_id = ${vt} ORDER BY id LIMIT 1`).id;
  const statuses = ['concept', 'ingediend', 'in_behandeling', 'geaccepteerd', 'teruggelegd', 'ingetrokken'];
  let script = 'BEGIN;';
  for (let i = 0; i < 66; i++)
    script += `INSERT INTO handover (${cols.join(', ')}) SELECT ${cols.map((c) => c === 'status' ? `'${statuses[i % 6]}'` : c).join(', ')}
      FROM handover WHERE id = ${src};`;
  write(script + 'COMMIT;');
  const ids = sql(d.db, `SELECT id FROM handover WHERE vt_org_id = ${vt} ORDER BY id DESC`).map((r) => r.id);
  const v = await as('vt');
  for (const k of [7, 50, 61]) { // a page that starts k handovers below the newest
    const html = (await v.get(`/overdrachten?voor=${ids[k - 1]}`)).text;
    const m = /nieuwste eerst: (\d+)–(\d+) van (\d+)/.exec(html);
    assert.ok(m, 'the VT list shows its position');
    assert.deepEqual([Number(m[1]), Number(m[3])], [k + 1, ids.length], `the page after the newest ${k}`);
  }
});

test('a case reached by both arms, or by two involvements, is listed once; pages hold 50 different cases', async () => {
  const tl = userId('teamleider'), pb = userId('professional.buurt');
  // 110 more cases of the team; the team leader is also involved (twice) in every third one
  let script = 'BEGIN;';
  for (let i = 0; i < 110; i++) {
    script += `INSERT INTO household (name) VALUES ('Familie Dubbelrij ${i} (test)');
      INSERT INTO casefile (household_id, team_org_id, director_id, opened_at)
        VALUES (last_insert_rowid(), ${team}, ${userId('professional')}, datetime('now'));`;
    if (i % 3 === 0)
      script += `INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (last_insert_rowid(), ${team}, ${tl}, 'betrokken');
        INSERT INTO case_involvement (case_id, org_id, user_id, role)
          VALUES ((SELECT max(id) FROM casefile), ${team}, ${tl}, 'team');`;
  }
  // professional.buurt twice in the test case (another team's: the involvement arm alone)
  script += `INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (${kase}, ${orgOf('professional.buurt')}, ${pb}, 'overdragend');`;
  write(script + 'COMMIT;');
  const listed = (html) => [...html.matchAll(/<a href="\/casussen\/(\d+)">/g)].map((m) => Number(m[1]));
  const visible = sql(d.db, `SELECT id FROM casefile WHERE team_org_id = ${team} UNION SELECT case_id FROM case_involvement
    WHERE user_id = ${tl} AND ended_at IS NULL AND org_id = ${team} ORDER BY 1 DESC`).map((r) => r.id);
  assert.ok(visible.length > 100, 'more than two pages');
  const c = await as('teamleider');
  let seen = [], href = '/casussen';
  for (let page = 0; href && page < 10; page++) {
    const html = (await c.get(href)).text;
    const ids = listed(html);
    assert.equal(new Set(ids).size, ids.length, 'no case twice on a page');
    if (href === '/casussen' || ids.length) assert.ok(ids.length === 50 || !/>Oudere</.test(html), 'a full page unless the last');
    seen = seen.concat(ids);
    const m = /href="\/casussen\?voor=(\d+)">Oudere</.exec(html);
    href = m ? `/casussen?voor=${m[1]}` : null;
  }
  assert.deepEqual(seen, visible, 'the pages together: every visible case once, newest first');
  const pro = await as('professional.buurt');
  assert.equal(listed((await pro.get('/casussen')).text).filter((id) => id === kase).length, 1,
    'involved twice: listed once');
  assert.equal(listed((await pro.get('/casussen?zoek=Tellerstand')).text).filter((id) => id === kase).length, 1,
    'and found once');
  const dubbel = listed((await c.get('/casussen?zoek=Dubbelrij')).text);
  assert.equal(dubbel.length, 50, 'the team leader\'s search: a page of different cases');
  assert.equal(new Set(dubbel).size, 50);
});

test('the VT list counts the conditions kept, not kept and all of each handover from one number', async () => {
  const h = one(`SELECT id, case_id FROM handover WHERE vt_org_id = ${orgOf('vt')} AND case_id IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const statuses = ['nageleefd', 'nageleefd', 'nageleefd', 'niet_nageleefd', 'afgesproken', 'nog_niet_besproken', 'afgesproken'];
  write(`DELETE FROM case_condition WHERE handover_id = ${h.id};` + statuses.map((st, i) =>
    `INSERT INTO case_condition (case_id, handover_id, position, text, status) VALUES (${h.case_id}, ${h.id}, ${i + 1}, 'v${i}', '${st}');`).join(''));
  const row = (html) => new RegExp(`<td data-label="Nr.">${h.id}</td>[\\s\\S]*?<td data-label="Veiligheidsvoorwaarden">([^<]*)</td>`).exec(html)[1];
  const v = await as('vt');
  assert.equal(row((await v.get(`/overdrachten?voor=${h.id + 1}`)).text), '3 nageleefd, 1 niet nageleefd (van 7)');
  write(`DELETE FROM case_condition WHERE handover_id = ${h.id};`);
  assert.equal(row((await v.get(`/overdrachten?voor=${h.id + 1}`)).text), '', 'no conditions: nothing shown');
});

await run({ after: () => d.stop() });
