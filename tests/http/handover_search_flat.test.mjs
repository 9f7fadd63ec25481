// tests/http/handover_search_flat.test.mjs — the handover search counts its matches up to
// 1,000 and says "meer dan 1.000" beyond (issue 11: a common word must not cost every match
// it has), with the same rows, the same order and the same access as before.
//
// The matches are made in SQL in this test's own database (one statement per batch; the
// triggers keep the name index and the tallies in step, as they do for the daemon's own
// inserts): 1,000 exactly shows the exact count, one more shows "meer dan 1.000"; VT and
// a team leader of the receiving team both, another team sees none of them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, sql, loggedInClients } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const write = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: q, encoding: 'utf8' });
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOf = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;

const as = loggedInClients(d.baseUrl);

const NAME = 'Familie Veelvoud (test)';
const household = one('SELECT min(id) AS id FROM household').id;
/** n more handovers of family NAME submitted to the team of `teamleider`, waiting in its inbox. */
function addMatches(n) {
  write(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})
    INSERT INTO handover (vt_org_id, created_by, receiving_org_id, urgency, household_name, household_id, status,
      submitted_at, submitted_by)
    SELECT ${orgOf('vt')}, ${userId('vt')}, ${orgOf('teamleider')}, 'normaal', '${NAME}', ${household}, 'ingediend',
      datetime('now', '-1 hours'), ${userId('vt')} FROM k;`);
}
const newest = () => one(`SELECT max(id) AS id FROM handover WHERE household_name = '${NAME}'`).id;

/** The search result's heading and the handover numbers listed under it, in page order. */
async function search(username, query) {
  const r = await (await as(username)).get(`/overdrachten?${query}`);
  assert.equal(r.status, 200);
  const heading = /Zoekresultaat: ([^<]*)<\/h2>/.exec(r.text);
  assert.ok(heading, `a search result for ${username}: ${query}`);
  const part = r.text.slice(heading.index);
  const ids = [...part.matchAll(/href="\/overdrachten\/(\d+)"/g)].map((m) => Number(m[1]));
  return { text: heading[1], ids: [...new Set(ids)] };
}

test('up to 1,000 matches the count is exact; one more and the page says "meer dan 1.000"', async () => {
  addMatches(999);
  for (const u of ['vt', 'teamleider']) {
    const s = await search(u, 'naam=veelvoud');
    assert.equal(s.text, 'de nieuwste 100 van 999 gevonden overdrachten; maak de zoekopdracht nauwer', u);
  }
  addMatches(1); // 1,000: the cap itself is still exact
  for (const u of ['vt', 'teamleider']) {
    const s = await search(u, 'naam=veel');
    assert.equal(s.text, 'de nieuwste 100 van 1000 gevonden overdrachten; maak de zoekopdracht nauwer', u);
  }
  addMatches(1); // 1,001
  for (const u of ['vt', 'teamleider']) {
    const s = await search(u, 'naam=veelvoud');
    assert.equal(s.text, 'de nieuwste 100 van meer dan 1.000 gevonden overdrachten; maak de zoekopdracht nauwer', u);
    // the rows: the newest 100, newest first
    const top = newest();
    assert.equal(s.ids.length, 100, u);
    assert.deepEqual(s.ids, Array.from({ length: 100 }, (_, i) => top - i), u);
  }
  // the status filter narrows the count below the cap again: exact
  const none = await search('vt', 'naam=veelvoud&status=geaccepteerd');
  assert.equal(none.text, '0 gevonden overdrachten');
  // another team's leader sees none of them: the count follows what the lists show
  const other = await search('teamleider.zuid', 'naam=veelvoud');
  assert.equal(other.text, '0 gevonden overdrachten');
  assert.deepEqual(other.ids, []);
});

test('a period and a name without a word are counted up to the cap the same way', async () => {
  // (the first test left 1,001 handovers submitted an hour ago)
  const today = one("SELECT date('now', 'localtime') AS d").d;
  const period = await search('vt', `van=${today}`);
  assert.match(period.text, /^de nieuwste 100 van meer dan 1\.000 gevonden overdrachten/);
  const top = one('SELECT max(id) AS id FROM handover').id;
  assert.equal(period.ids[0], top, 'the newest first');
  for (const u of ['vt', 'teamleider']) {
    const all = await search(u, 'naam=-');
    assert.match(all.text, /^de nieuwste 100 van meer dan 1\.000 gevonden overdrachten/, u);
    assert.equal(all.ids.length, 100, u);
    assert.equal(all.ids[0], top, `${u}: the newest first`);
    assert.ok(all.ids.every((id, i) => i === 0 || id < all.ids[i - 1]), `${u}: newest first`);
  }
  // below the cap: a name without a word with a status only a few handovers have
  const returned = one(`SELECT count(*) AS n FROM handover WHERE vt_org_id = ${orgOf('vt')} AND status = 'teruggelegd'`).n;
  assert.ok(returned >= 1 && returned < 100);
  const few = await search('vt', 'naam=-&status=teruggelegd');
  assert.equal(few.text, returned === 1 ? '1 gevonden overdracht' : `${returned} gevonden overdrachten`);
  assert.equal(few.ids.length, returned);
});

await run({ after: () => d.stop() });
