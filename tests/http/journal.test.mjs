// journal.test.mjs — the case journal (groeidocument, issue 7): entries tagged with
// a part are seen only by who sees that part, a writer tags only with parts he/she
// sees, entries are never edited (addenda by the author), the regisseur pins
// (pinned first), Markdown is safe, bad input keeps the text, reads are audited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const devries = one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  WHERE h.name = 'Familie De Vries (demo)'`).id;
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const path = `/casussen/${devries}/journaal`;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

test('demo: entries of three organisations; each reader sees the parts he/she may see', async () => {
  const orgs = sql(d.db, `SELECT DISTINCT author_org_id FROM journal_entry WHERE case_id = ${devries}`);
  assert.ok(orgs.length >= 3);
  const reg = (await (await as('professional')).get(path)).text;
  for (const t of ['Huisbezoek met moeder', 'Noah was maandag stil', 'consultatiebureau', 'zus in Tegelen']) assert.match(reg, new RegExp(t));
  const jgz = (await (await as('partner.jgz')).get(path)).text;
  for (const t of ['Huisbezoek met moeder', 'Noah was maandag stil', 'consultatiebureau', 'zus in Tegelen']) assert.match(jgz, new RegExp(t));
  const school = (await (await as('partner')).get(path)).text;
  assert.match(school, /Noah was maandag stil/);
  assert.doesNotMatch(school, /Huisbezoek met moeder|consultatiebureau|zus in Tegelen/);
  // the school may tag only with its own parts
  assert.match(school, /<option value="plan_signalen"/);
  assert.doesNotMatch(school, /<option value="gezin"|<option value="journaal"/);
});

test('a partner cannot tag an entry with a part it does not see; the text is kept', async () => {
  const school = await as('partner');
  const r = await school.post(path, [['entry_date', '2026-01-05'], ['part', 'gezin'], ['body', 'Moeder belde de school.']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Kies een deel van de casus dat u mag zien/);
  assert.match(r.text, />Moeder belde de school\.<\/textarea>/);
  assert.equal(one(`SELECT count(*) AS n FROM journal_entry WHERE body = 'Moeder belde de school.'`).n, 0);
});

test('bad input: future date, empty text, over-long text — Dutch message, input kept; hostile Markdown is safe', async () => {
  const reg = await as('professional');
  const long = 'a'.repeat(20001);
  const r = await reg.post(path, [['entry_date', '2100-01-01'], ['part', 'journaal'], ['body', long]]);
  assert.equal(r.status, 422);
  assert.match(r.text, /de datum kan niet in de toekomst liggen/);
  assert.match(r.text, /ten hoogste 20000 tekens/);
  assert.ok(r.text.includes(`>${long}</textarea>`), 'the long text is kept');
  assert.match(r.text, /value="2100-01-01"/);
  const empty = await reg.post(path, [['entry_date', '2026-01-05'], ['part', 'journaal'], ['body', '  ']]);
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Schrijf de tekst van de aantekening/);
  const hostile = '**vet** [klik](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n<script>alert(1)</script>\n';
  const ok = await reg.post(path, [['entry_date', '2026-01-05'], ['part', 'plan_signalen'], ['body', hostile]]);
  assert.equal(ok.status, 303);
  const page = (await reg.get(path)).text;
  assert.ok(!page.includes('<script>alert(1)'), 'no raw script');
  assert.ok(!/href="javascript:/i.test(page), 'no javascript: link');
  assert.ok(!page.includes('onerror=alert'), 'no raw img');
  assert.match(page, /<strong>vet<\/strong>/);
  assert.match(page, />klik<\/a>/, 'the link text stays, its target emptied');
});

test('addenda: only the author, on his/her own entry, never on an addendum; entries are never edited', async () => {
  const school = await as('partner');
  const own = one(`SELECT id FROM journal_entry WHERE case_id = ${devries} AND author_id = ${userId('partner')} AND addendum_of IS NULL`).id;
  const r = await school.post(`${path}/${own}/aanvulling`, [['body', 'Aanvulling: ook donderdag stil.']]);
  assert.equal(r.status, 303);
  const add = one(`SELECT id, part, addendum_of FROM journal_entry WHERE body = 'Aanvulling: ook donderdag stil.'`);
  assert.equal(add.addendum_of, own);
  assert.equal(add.part, one(`SELECT part FROM journal_entry WHERE id = ${own}`).part, 'the addendum has the entry part');
  assert.match((await (await as('partner.jgz')).get(path)).text, /Aanvulling: ook donderdag stil/);
  // someone else's entry, an addendum, an entry the reader cannot see
  const regEntry = one(`SELECT id FROM journal_entry WHERE case_id = ${devries} AND author_id = ${userId('professional')} AND addendum_of IS NULL LIMIT 1`).id;
  assert.equal((await school.post(`${path}/${regEntry}/aanvulling`, [['body', 'x']])).status, 404);
  assert.equal((await school.post(`${path}/${add.id}/aanvulling`, [['body', 'x']])).status, 404);
  const emptyAdd = await school.post(`${path}/${own}/aanvulling`, [['body', '']]);
  assert.equal(emptyAdd.status, 422);
  assert.match(emptyAdd.text, /Schrijf de tekst van de aantekening/);
  // the database refuses an edit or a delete
  assert.throws(() => execFileSync('sqlite3', [d.db, `UPDATE journal_entry SET body = 'anders' WHERE id = ${own}`], { stdio: 'pipe' }));
  assert.throws(() => execFileSync('sqlite3', [d.db, `DELETE FROM journal_entry WHERE id = ${own}`], { stdio: 'pipe' }));
});

test('the regisseur pins entries (pinned first); nobody else can', async () => {
  const reg = await as('professional');
  const jgzEntry = one(`SELECT id FROM journal_entry WHERE case_id = ${devries} AND author_id = ${userId('partner.jgz')} AND addendum_of IS NULL`).id;
  assert.equal((await reg.post(`${path}/${jgzEntry}/vastzetten`, [['pinned', 'ja']])).status, 303);
  const page = (await reg.get(path)).text;
  const first = /<article[^>]*id="regel-(\d+)"/.exec(page)[1];
  assert.equal(Number(first), jgzEntry, 'the most recently pinned entry comes first');
  assert.match(page, /Vastgezet — /);
  assert.equal((await (await as('partner.jgz')).post(`${path}/${jgzEntry}/vastzetten`, [['pinned', 'nee']])).status, 403);
  assert.equal((await (await as('professional.zuid')).post(`${path}/${jgzEntry}/vastzetten`, [['pinned', 'nee']])).status, 404);
  assert.equal((await reg.post(`${path}/${jgzEntry}/vastzetten`, [['pinned', 'nee']])).status, 303);
  assert.equal(one(`SELECT pinned_at IS NULL AS free FROM journal_entry WHERE id = ${jgzEntry}`).free, 1);
});

test('journal reads are audited as views of the case', async () => {
  await (await as('partner.jgz')).get(path);
  const uid = userId('partner.jgz');
  const row = await eventually(() => sql(d.db, `SELECT outcome FROM audit_log WHERE user_id = ${uid} AND action = 'view'
    AND object_type = 'case' AND object_id = ${devries} AND detail = 'journaal'`)[0]);
  assert.equal(row?.outcome, 'allowed');
});

test('a closed case is read-only: writing, amending, pinning, inviting and ending answer 409', async () => {
  const reg = await as('professional');
  const entry = one(`SELECT id FROM journal_entry WHERE case_id = ${devries} AND author_id = ${userId('professional')} AND addendum_of IS NULL LIMIT 1`).id;
  const inv = one(`SELECT id FROM case_involvement WHERE case_id = ${devries} AND role = 'betrokken' AND ended_at IS NULL LIMIT 1`).id;
  const before = one(`SELECT count(*) AS n FROM journal_entry`).n;
  execFileSync('sqlite3', [d.db, `UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${devries}`]);
  assert.equal((await reg.post(path, [['entry_date', '2026-01-05'], ['part', 'journaal'], ['body', 'x']])).status, 409);
  assert.equal((await reg.post(`${path}/${entry}/aanvulling`, [['body', 'x']])).status, 409);
  assert.equal((await reg.post(`${path}/${entry}/vastzetten`, [['pinned', 'ja']])).status, 409);
  assert.equal((await reg.post(`/casussen/${devries}/betrokkenen/${inv}/beeindigen`, [['ended_on', '2026-01-05'], ['ended_reason', 'x']])).status, 409);
  assert.equal((await reg.post(`/casussen/${devries}/betrokkenen`, [['user', '1']])).status, 409);
  assert.equal(one(`SELECT count(*) AS n FROM journal_entry`).n, before);
  assert.equal((await reg.get(path)).status, 200, 'still readable');
});

await run({ after: () => d.stop() });
