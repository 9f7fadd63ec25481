// access_review.test.mjs — access must follow the organisation a person is in
// now and the organisation that decided at the time; an administrator cannot
// change his own access nor hold a client-data role; a closed case is read-only.
// (Findings of the final security review; each failed before its fix.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, confirmAccountChanges } from './lib.mjs';

const d = await startDaemon();
const admin = new Client(d.baseUrl);
await admin.login('beheerder');

const id = (q) => sql(d.db, q)[0].id;
const orgOf = (name) => id(`SELECT id FROM organisation WHERE name = '${name}'`);
const userOf = (name) => id(`SELECT id FROM app_user WHERE username = '${name}'`);
const roleFields = (user) => sql(d.db, `SELECT role FROM user_role WHERE user_id = ${user}`).map((r) => ['role', r.role]);

/** A move asked by the beheerder and, when it was accepted, confirmed by the second
 * person (four eyes: a client-data account's new organisation waits for that). */
async function moveUser(username, orgName) {
  const uid = userOf(username);
  const name = sql(d.db, `SELECT name FROM app_user WHERE id = ${uid}`)[0].name;
  const res = await admin.post(`/beheer/gebruikers/${uid}`, [['name', name], ['organisation', String(orgOf(orgName))],
    ['active', 'ja'], ...roleFields(uid)]);
  if (res.status === 303) await confirmAccountChanges(d.baseUrl, d.db, username);
  return res;
}

test('a person moved to another organisation takes no case along', async () => {
  const caseId = id(`SELECT i.case_id AS id FROM case_involvement i JOIN app_user u ON u.id = i.user_id
    WHERE u.username = 'partner' AND i.ended_at IS NULL LIMIT 1`);
  const partner = new Client(d.baseUrl);
  await partner.login('partner');
  assert.equal((await partner.get(`/casussen/${caseId}`)).status, 200, 'involved before the move');
  assert.equal((await moveUser('partner', 'JGZ Noord-Limburg (demo)')).status, 303);
  await partner.login('partner');
  assert.equal((await partner.get(`/casussen/${caseId}`)).status, 404, 'not after the move');
});

test('a regisseur of an open case cannot be moved away; the team leader assigns another first', async () => {
  const r = await moveUser('professional', 'Wijkteam Venlo-Zuid (demo)');
  assert.equal(r.status, 422);
  assert.match(r.text, /regisseur van een open casus/);
  assert.equal(sql(d.db, "SELECT organisation_id AS o FROM app_user WHERE username = 'professional'")[0].o,
    orgOf('Wijkteam Venlo-Noord (demo)'));
});

test('a returned triage handover stays with the team that returned it, even when its team leader moves', async () => {
  const hid = id("SELECT id FROM handover WHERE status = 'teruggelegd' AND taken_org_id IS NULL AND decided_by = (SELECT id FROM app_user WHERE username = 'teamleider.zuid') LIMIT 1");
  const buurt = new Client(d.baseUrl);
  await buurt.login('teamleider.buurt');
  assert.equal((await buurt.get(`/overdrachten/${hid}`)).status, 404);
  assert.equal((await moveUser('teamleider.zuid', 'Buurtteam Blerick (demo)')).status, 303);
  assert.equal((await buurt.get(`/overdrachten/${hid}`)).status, 404, 'the move does not hand it to Blerick');
  const list = await buurt.get('/overdrachten');
  assert.doesNotMatch(list.text, new RegExp(`/overdrachten/${hid}"`));
});

test('an administrator cannot change his own roles, and beheer never goes with a client-data role', async () => {
  const self = userOf('beheerder');
  const own = await admin.post(`/beheer/gebruikers/${self}`, [['name', 'Ruud Gerards'],
    ['organisation', String(orgOf('Gemeente Venlo (demo)'))], ['active', 'ja'], ['role', 'beheerder'], ['role', 'teamleider']]);
  assert.equal(own.status, 422);
  assert.deepEqual(sql(d.db, `SELECT role FROM user_role WHERE user_id = ${self}`).map((r) => r.role), ['beheerder']);
  const other = userOf('beleid');
  const combo = await admin.post(`/beheer/gebruikers/${other}`, [['name', 'Tom van der Linden'],
    ['organisation', String(orgOf('Gemeente Venlo (demo)'))], ['active', 'ja'], ['role', 'beheerder'], ['role', 'vt']]);
  assert.equal(combo.status, 422);
  assert.match(combo.text, /scheiding van taken/);
});

test('a closed case is read-only: changes answer 409', async () => {
  const caseId = id("SELECT c.id FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional' AND c.status = 'open' LIMIT 1");
  const cond = id(`SELECT id FROM case_condition WHERE case_id = ${caseId} LIMIT 1`);
  execFileSync('sqlite3', [d.db, `UPDATE casefile SET status = 'gesloten' WHERE id = ${caseId}`]);
  const prof = new Client(d.baseUrl);
  await prof.login('professional');
  const before = sql(d.db, `SELECT status FROM case_condition WHERE id = ${cond}`)[0].status;
  const r = await prof.post(`/casussen/${caseId}/voorwaarden`, [['condition', String(cond)], ['was', before], ['status', before === 'nageleefd' ? 'afgesproken' : 'nageleefd'], ['note', '']]);
  assert.equal(r.status, 409);
  assert.equal(sql(d.db, `SELECT status FROM case_condition WHERE id = ${cond}`)[0].status, before);
});

await run({ after: () => d.stop() });
