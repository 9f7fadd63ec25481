// case_flat.test.mjs — the boundaries of the indexes that keep the case lists, the household
// search and the case panels of the start pages flat (issue 11, 0021_flat_case.sql):
// - an involvement whose case closes leaves the start page's open-case panels ("Casussen
//   waarbij u betrokken bent", "Nieuw veiligheidsplan") and comes back when the case
//   reopens; an involvement added to a closed case is not open; the case list (closed
//   cases too) keeps showing it;
// - the case-keyed search (case_name_search) follows a new case, a renamed household and a
//   case of another household, for a team leader (matches walked) and a partner (own cases
//   checked), and never lists a case twice for a user involved in it twice.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const write = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: q, encoding: 'utf8' });
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const orgOf = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}
const listed = (html, heading) => {
  const m = new RegExp(`id="${heading}"[\\s\\S]*?<ul>([\\s\\S]*?)</ul>`).exec(html);
  return m ? [...m[1].matchAll(/<a href="\/casussen\/(\d+)[^"]*">/g)].map((x) => Number(x[1])) : [];
};
const caseList = (html) => [...html.matchAll(/<td data-label="Gezin"><a href="\/casussen\/(\d+)">/g)].map((x) => Number(x[1]));

// A case of the professional's team with the partner involved and an agreed safety plan
// the partner has not opened.
const team = orgOf('professional');
const partner = userId('partner');
write(`BEGIN;
  INSERT INTO household (name) VALUES ('Familie Grensgeval (test)');
  INSERT INTO casefile (household_id, team_org_id, director_id, opened_at) VALUES (last_insert_rowid(), ${team}, ${userId('professional')}, datetime('now'));
  INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES ((SELECT max(id) FROM casefile), ${orgOf('partner')}, ${partner}, 'betrokken');
  INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
    VALUES ((SELECT max(id) FROM casefile), 1, 'vastgesteld', '2099-01-01', '2099-01-01', ${userId('professional')});
  COMMIT;`);
const grens = one(`SELECT max(id) AS id FROM casefile`).id;

test('a closed case leaves the open-case panels of the start page and comes back when reopened', async () => {
  const pa = await as('partner');
  let home = (await pa.get('/')).text;
  assert.ok(listed(home, 'betrokken-kop').includes(grens), 'involved: the open case');
  assert.ok(listed(home, 'nieuw-plan-kop').includes(grens), 'unread safety plan of the open case');
  assert.equal(one(`SELECT case_open FROM case_involvement WHERE case_id = ${grens} AND user_id = ${partner}`).case_open, 1);
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${grens};`);
  assert.equal(one(`SELECT case_open FROM case_involvement WHERE case_id = ${grens} AND user_id = ${partner}`).case_open, 0);
  home = (await pa.get('/')).text;
  assert.ok(!listed(home, 'betrokken-kop').includes(grens), 'a closed case is not work');
  assert.ok(!listed(home, 'nieuw-plan-kop').includes(grens), 'no unread plan of a closed case');
  assert.ok(caseList((await pa.get('/casussen')).text).includes(grens), 'the case list keeps the closed case');
  // an involvement added while the case is closed is not open either
  write(`INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (${grens}, ${team}, ${userId('teamleider')}, 'betrokken');`);
  assert.equal(one(`SELECT case_open FROM case_involvement WHERE case_id = ${grens} AND user_id = ${userId('teamleider')}`).case_open, 0);
  write(`UPDATE casefile SET status = 'open', closed_at = NULL WHERE id = ${grens};`);
  assert.equal(sql(d.db, `SELECT case_open FROM case_involvement WHERE case_id = ${grens} AND ended_at IS NULL`).every((r) => r.case_open === 1), true);
  home = (await pa.get('/')).text;
  assert.ok(listed(home, 'betrokken-kop').includes(grens), 'reopened: back on the start page');
  assert.ok(listed(home, 'nieuw-plan-kop').includes(grens));
});

test('an ended involvement leaves the case list; the case search follows new cases and renamed households', async () => {
  const pa = await as('partner');
  const tl = await as('teamleider');
  for (const [c, who] of [[pa, 'partner'], [tl, 'teamleider']]) {
    const found = caseList((await c.get('/casussen?zoek=grensgeval')).text);
    assert.deepEqual(found, [grens], `${who}: found by name`);
    assert.deepEqual(caseList((await c.get('/casussen?zoek=grens')).text), [grens], `${who}: a prefix`);
  }
  // a second current involvement of the partner in the same case: still one row
  write(`INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (${grens}, ${orgOf('partner')}, ${partner}, 'betrokken');`);
  assert.deepEqual(caseList((await pa.get('/casussen?zoek=grensgeval')).text), [grens]);
  assert.equal(caseList((await pa.get('/casussen')).text).filter((id) => id === grens).length, 1);
  // the household renamed: found by the new name only
  write(`UPDATE household SET name = 'Familie Verhuisd (test)' WHERE id = (SELECT household_id FROM casefile WHERE id = ${grens});`);
  for (const c of [pa, tl]) {
    assert.deepEqual(caseList((await c.get('/casussen?zoek=grensgeval')).text), []);
    assert.deepEqual(caseList((await c.get('/casussen?zoek=verhuisd')).text), [grens]);
  }
  // a second case for the same household is found as well, newest first (team leader)
  write(`INSERT INTO casefile (household_id, team_org_id, director_id, status, opened_at)
    SELECT household_id, team_org_id, director_id, 'gesloten', datetime('now') FROM casefile WHERE id = ${grens};`);
  const second = one(`SELECT max(id) AS id FROM casefile`).id;
  assert.deepEqual(caseList((await tl.get('/casussen?zoek=verhuisd')).text), [second, grens]);
  // the partner is not involved in the second case: he/she still sees only the first
  assert.deepEqual(caseList((await pa.get('/casussen?zoek=verhuisd')).text), [grens]);
  // the partner's involvements end: the case leaves his/her list and search
  write(`UPDATE case_involvement SET ended_at = datetime('now') WHERE case_id = ${grens} AND user_id = ${partner};`);
  assert.ok(!caseList((await pa.get('/casussen')).text).includes(grens));
  assert.deepEqual(caseList((await pa.get('/casussen?zoek=verhuisd')).text), []);
});

test('a team leader\'s unread safety plans: newest plan first, from the date kept on the case', async () => {
  const tl = await as('teamleider');
  const prof = userId('professional');
  // two open cases of the team, each with an agreed plan; the older case gets the newer plan
  write(`BEGIN;
    INSERT INTO household (name) VALUES ('Familie Planoud (test)');
    INSERT INTO casefile (household_id, team_org_id, director_id, opened_at) VALUES (last_insert_rowid(), ${team}, ${prof}, datetime('now'));
    INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
      VALUES ((SELECT max(id) FROM casefile), 1, 'vastgesteld', '2099-02-01', '2099-02-01', ${prof});
    INSERT INTO household (name) VALUES ('Familie Plannieuw (test)');
    INSERT INTO casefile (household_id, team_org_id, director_id, opened_at) VALUES (last_insert_rowid(), ${team}, ${prof}, datetime('now'));
    INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
      VALUES ((SELECT max(id) FROM casefile), 1, 'vastgesteld', '2099-03-01', '2099-03-01', ${prof});
    COMMIT;`);
  const newer = one(`SELECT max(id) AS id FROM casefile`).id;
  const older = newer - 1;
  let order = listed((await tl.get('/')).text, 'nieuw-plan-kop');
  assert.ok(order.indexOf(newer) >= 0 && order.indexOf(newer) < order.indexOf(older), `newest plan first: ${order}`);
  // a case of his team that he is also involved in himself comes from both arms: shown once,
  // which needs the date on his involvement to equal the case's (0030)
  assert.equal(one(`SELECT count(*) AS n FROM case_involvement WHERE case_id = ${grens} AND user_id = ${userId('teamleider')}
    AND ended_at IS NULL AND case_open = 1`).n, 1, 'the team leader is involved in grens himself (first test)');
  assert.equal(order.filter((c) => c === grens).length, 1, `grens once: ${order}`);
  // a concept does not count; a second agreed version of the older case moves it to the top
  write(`INSERT INTO safety_plan_version (case_id, n, status, saved_by) VALUES (${older}, 2, 'concept', ${prof});`);
  assert.equal(one(`SELECT plan_agreed_on FROM casefile WHERE id = ${older}`).plan_agreed_on, '2099-02-01');
  write(`INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
    VALUES (${older}, 3, 'vastgesteld', '2099-04-01', '2099-04-01', ${prof});`);
  assert.equal(one(`SELECT plan_agreed_on FROM casefile WHERE id = ${older}`).plan_agreed_on, '2099-04-01');
  order = listed((await tl.get('/')).text, 'nieuw-plan-kop');
  assert.equal(order[0], older, `the newer version first: ${order}`);
  // read by the team leader: it leaves his/her list; closed: it leaves too
  write(`INSERT INTO safety_plan_read (version_id, user_id) SELECT id, ${userId('teamleider')} FROM safety_plan_version WHERE case_id = ${older} AND n = 3;`);
  order = listed((await tl.get('/')).text, 'nieuw-plan-kop');
  assert.ok(!order.includes(older) && order.includes(newer));
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE id = ${newer};`);
  assert.ok(!listed((await tl.get('/')).text, 'nieuw-plan-kop').includes(newer));
});

test('an involvement carries its case\'s latest plan date (0030): the involvement arm walks it newest first', async () => {
  const pa = await as('partner');
  const prof = userId('professional');
  const paOrg = orgOf('partner');
  const planDate = (c) => one(`SELECT case_plan_agreed_on AS d FROM case_involvement WHERE case_id = ${c} AND user_id = ${partner} AND ended_at IS NULL`).d;
  // two open cases with the partner involved; the first gets its plan before the partner joins
  write(`BEGIN;
    INSERT INTO household (name) VALUES ('Familie Datumeerst (test)');
    INSERT INTO casefile (household_id, team_org_id, director_id, opened_at) VALUES (last_insert_rowid(), ${team}, ${prof}, datetime('now'));
    INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
      VALUES ((SELECT max(id) FROM casefile), 1, 'vastgesteld', '2099-05-01', '2099-05-01', ${prof});
    INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES ((SELECT max(id) FROM casefile), ${paOrg}, ${partner}, 'betrokken');
    INSERT INTO household (name) VALUES ('Familie Datumlater (test)');
    INSERT INTO casefile (household_id, team_org_id, director_id, opened_at) VALUES (last_insert_rowid(), ${team}, ${prof}, datetime('now'));
    INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES ((SELECT max(id) FROM casefile), ${paOrg}, ${partner}, 'betrokken');
    COMMIT;`);
  const later = one(`SELECT max(id) AS id FROM casefile`).id;
  const first = later - 1;
  assert.equal(planDate(first), '2099-05-01', 'a new involvement takes the case\'s date');
  assert.equal(planDate(later), null, 'no agreed plan yet: not in the index');
  assert.ok(!listed((await pa.get('/')).text, 'nieuw-plan-kop').includes(later));
  // the later case gets a plan: its involvement follows and it comes first
  write(`INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
    VALUES (${later}, 1, 'vastgesteld', '2099-06-01', '2099-06-01', ${prof});`);
  assert.equal(planDate(later), '2099-06-01');
  let order = listed((await pa.get('/')).text, 'nieuw-plan-kop');
  assert.ok(order.indexOf(later) >= 0 && order.indexOf(later) < order.indexOf(first), `newest plan first: ${order}`);
  // an ended involvement keeps its date (history is final) and does not stop the next plan
  write(`UPDATE case_involvement SET ended_at = datetime('now'), ended_on = date('now'), ended_reason = 'test', ended_by = ${prof}
    WHERE case_id = ${first} AND user_id = ${partner};
    INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES (${first}, ${paOrg}, ${partner}, 'betrokken');
    INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by)
      VALUES (${first}, 2, 'vastgesteld', '2099-07-01', '2099-07-01', ${prof});`);
  assert.equal(one(`SELECT case_plan_agreed_on AS d FROM case_involvement WHERE case_id = ${first} AND user_id = ${partner} AND ended_at IS NOT NULL`).d, '2099-05-01');
  assert.equal(planDate(first), '2099-07-01');
  order = listed((await pa.get('/')).text, 'nieuw-plan-kop');
  assert.ok(order.indexOf(first) >= 0 && order.indexOf(first) < order.indexOf(later), `the newer version first: ${order}`);
  // read: the walk passes it and shows the next
  write(`INSERT INTO safety_plan_read (version_id, user_id) SELECT id, ${partner} FROM safety_plan_version WHERE case_id = ${first} AND n = 2;`);
  order = listed((await pa.get('/')).text, 'nieuw-plan-kop');
  assert.ok(!order.includes(first) && order.includes(later), `read plans leave: ${order}`);
  // the copy is never written by hand, and an involvement never moves to another case
  const refused = (q) => assert.throws(() => write(q), /case_plan_agreed_on is the case's plan_agreed_on|an involvement stays with its case/);
  refused(`UPDATE case_involvement SET case_plan_agreed_on = '2000-01-01' WHERE case_id = ${later} AND user_id = ${partner};`);
  refused(`UPDATE case_involvement SET case_id = ${first} WHERE case_id = ${later} AND user_id = ${partner};`);
  assert.equal(planDate(later), '2099-06-01');
});

await run({ after: () => d.stop() });
