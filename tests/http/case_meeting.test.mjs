// case_meeting.test.mjs — round-table meetings (RTO, issue 8): the regisseur plans
// a meeting with invited involved people; the minutes record attendance (the family
// is present unless a reason is written down), agenda and notes tagged with a part,
// and agreements (what, who, by when) that become tracked items; the next meeting
// opens with the open agreements of earlier ones; a partner sees only its parts of
// the minutes and its own organisation's agreements; reads are audited.
import assert from 'node:assert/strict';
import { test, run, nlDay, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const caseOf = (name) => one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  WHERE h.name = '${name}'`).id;
const devries = caseOf('Familie De Vries (demo)');
const gerards = caseOf('Familie Gerards (demo)');
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const today = nlDay();
const base = `/casussen/${devries}/overleggen`;
const before = one('SELECT count(*) AS n FROM case_meeting').n;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}
const lastMeeting = () => one(`SELECT max(id) AS id FROM case_meeting WHERE case_id = ${devries}`).id;

test('planning: bad input is refused at the field and kept; only involved people can be invited', async () => {
  const reg = await as('professional');
  const r = await reg.post(base, [['held_on', today], ['start_time', '25:99'], ['location', ''], ['invitee', String(userId('professional2'))], ['agenda', 'Veiligheid <thuis>']]);
  assert.equal(r.status, 422);
  assert.match(r.text, /Vul de tijd in als uu:mm/);
  assert.match(r.text, /Vul de plaats in, of kies online/);
  assert.match(r.text, /Nodig alleen mensen uit die bij de casus betrokken zijn/);
  assert.match(r.text, />Veiligheid &lt;thuis&gt;<\/textarea>/);
  assert.equal(one('SELECT count(*) AS n FROM case_meeting').n, before);
  assert.equal((await (await as('partner')).post(base, [['held_on', today], ['location', 'x'], ['invitee', String(userId('partner'))]])).status, 403);
});

test('minutes: the family is present unless a reason is written; agreements become tracked items', async () => {
  const reg = await as('professional');
  const r = await reg.post(base, [['held_on', today], ['start_time', '14:30'], ['location', 'Wijkcentrum Venlo-Noord'],
    ['invitee', String(userId('partner'))], ['invitee', String(userId('partner.jgz'))], ['agenda', 'Veiligheidsvoorwaarden en school']]);
  assert.equal(r.status, 303);
  const m = lastMeeting();
  assert.equal(r.location, `${base}/${m}`);
  const url = `${base}/${m}`;
  const noReason = await reg.post(url, [['present', String(userId('partner'))], ['family_present', 'nee'], ['family_absent_reason', ''],
    ['agenda', 'Veiligheidsvoorwaarden'], ['notes', 'Vader was boos over de <omgangsregeling>.'], ['notes_part', 'journaal'],
    ['agr_what', 'Noah extra in de gaten houden'], ['agr_who', `u${userId('partner')}`], ['agr_who_text', ''], ['agr_due', '2027-01-31'], ['agr_part', 'plan_signalen']]);
  assert.equal(noReason.status, 422);
  assert.match(noReason.text, /Het gezin is er altijd bij, tenzij er een goede reden is: schrijf die reden op/);
  assert.match(noReason.text, />Vader was boos over de &lt;omgangsregeling&gt;\.<\/textarea>/);
  assert.match(noReason.text, />Noah extra in de gaten houden<\/textarea>/);
  const noWho = await reg.post(url, [['family_present', 'ja'], ['notes_part', 'journaal'],
    ['agr_what', 'Iets doen'], ['agr_who', ''], ['agr_who_text', ''], ['agr_due', ''], ['agr_part', 'plan_afspraken']]);
  assert.equal(noWho.status, 422);
  assert.match(noWho.text, /Afspraak 1: vul in wie het doet/);
  const ok = await reg.post(url, [['present', String(userId('partner'))], ['present', String(userId('partner.jgz'))],
    ['family_present', 'ja'], ['family_absent_reason', ''], ['agenda', 'Veiligheidsvoorwaarden'],
    ['notes', 'Vader was boos over de omgangsregeling.'], ['notes_part', 'journaal'],
    ['agr_what', 'Noah extra in de gaten houden'], ['agr_who', `u${userId('partner')}`], ['agr_who_text', ''], ['agr_due', '2027-01-31'], ['agr_part', 'plan_signalen'],
    ['agr_what', 'Consultatiebureau-afspraak Elif inplannen'], ['agr_who', `u${userId('partner.jgz')}`], ['agr_who_text', ''], ['agr_due', '2027-01-15'], ['agr_part', 'plan_afspraken'],
    ['agr_what', 'Oma haalt Noah op woensdag op'], ['agr_who', ''], ['agr_who_text', 'Oma (moederskant)'], ['agr_due', ''], ['agr_part', 'plan_afspraken']]);
  assert.equal(ok.status, 303);
  const rows = sql(d.db, `SELECT what, status, who_org_id FROM case_agreement WHERE meeting_id = ${m} ORDER BY id`);
  assert.equal(rows.length, 3);
  assert.ok(rows.every((x) => x.status === 'open'));
  assert.equal(one(`SELECT family_present FROM case_meeting WHERE id = ${m}`).family_present, 'ja');
  const page = (await reg.get(url)).text;
  assert.match(page, /Vader was boos over de omgangsregeling\./);
  assert.match(page, /Oma \(moederskant\)/);
  assert.match(page, /Eva Coenen \(JGZ Noord-Limburg \(demo\)\): aanwezig/);
});

test('a partner sees only its parts of the minutes and its own organisation\'s agreements', async () => {
  const m = lastMeeting();
  const school = (await (await as('partner')).get(`${base}/${m}`)).text;
  assert.match(school, /Noah extra in de gaten houden/);
  assert.doesNotMatch(school, /Consultatiebureau-afspraak|Oma haalt Noah|Vader was boos/);
  assert.match(school, /Het verslag hoort bij een deel van de casus dat u niet ziet/);
  assert.doesNotMatch(school, /Eva Coenen/, 'the attendance of other organisations is not the school\'s business');
  assert.doesNotMatch(school, /Verslag vastleggen/);
  const jgz = (await (await as('partner.jgz')).get(`${base}/${m}`)).text;
  assert.match(jgz, /Consultatiebureau-afspraak Elif inplannen/);
  // outside the case: 404
  assert.equal((await (await as('professional2')).get(`${base}/${m}`)).status, 404);
  assert.equal((await (await as('teamleider.zuid')).get(`${base}/${m}`)).status, 404);
  assert.equal((await (await as('professional.zuid')).get(`/casussen/${gerards}/overleggen/${m}`)).status, 404, 'a meeting of another case');
  const uid = userId('partner');
  await eventually(() => sql(d.db, `SELECT id FROM audit_log WHERE user_id = ${uid} AND action = 'view' AND object_type = 'case'
    AND object_id = ${devries} AND outcome = 'allowed'`).length > 0 || null);
});

test('the next meeting opens with the open agreements of earlier meetings; their status is tracked', async () => {
  const reg = await as('professional');
  const first = lastMeeting();
  assert.equal((await reg.post(base, [['held_on', today], ['online', 'ja'], ['location', ''], ['invitee', String(userId('partner'))]])).status, 303);
  const second = lastMeeting();
  assert.notEqual(first, second);
  let page = (await reg.get(`${base}/${second}`)).text;
  const open = page.slice(page.indexOf('id="open-kop"'), page.indexOf('id="verslag-kop"'));
  for (const t of ['Noah extra in de gaten houden', 'Consultatiebureau-afspraak Elif inplannen', 'Oma haalt Noah op woensdag op']) assert.match(open, new RegExp(t));
  const school = (await (await as('partner')).get(`${base}/${second}`)).text;
  const schoolOpen = school.slice(school.indexOf('id="open-kop"'), school.indexOf('id="verslag-kop"'));
  assert.match(schoolOpen, /Noah extra in de gaten houden/);
  assert.doesNotMatch(schoolOpen, /Consultatiebureau|Oma/);
  const jgzAgreement = one(`SELECT id FROM case_agreement WHERE what LIKE 'Consultatiebureau%'`).id;
  const r = await reg.post(`${base}/${second}`, [['family_present', 'ja'], ['notes_part', 'journaal'], ['notes', 'Kort online overleg.'],
    ['upd_id', String(jgzAgreement)], ['upd_status', 'gedaan']]);
  assert.equal(r.status, 303);
  assert.equal(one(`SELECT status, status_by FROM case_agreement WHERE id = ${jgzAgreement}`).status, 'gedaan');
  page = (await reg.get(`${base}/${second}`)).text;
  const open2 = page.slice(page.indexOf('id="open-kop"'), page.indexOf('id="verslag-kop"'));
  assert.doesNotMatch(open2, /Consultatiebureau/);
  assert.match(open2, /Noah extra in de gaten houden/);
  // the list shows both meetings; the case page links to it
  const list = (await reg.get(base)).text;
  assert.equal((list.match(/href="\/casussen\/1\/overleggen\/\d+"/g) || []).length >= 2, true);
  assert.match((await reg.get(`/casussen/${devries}`)).text, /href="\/casussen\/1\/overleggen">Rondetafeloverleggen/);
});

test('a closed case refuses planning and minutes with 409', async () => {
  const tl = await as('teamleider');
  const m = lastMeeting();
  assert.equal((await tl.post(`/casussen/${devries}/afsluiten`, [['closed_on', today], ['reason', 'Afgerond.']])).status, 303);
  assert.equal((await tl.post(base, [['held_on', today], ['online', 'ja'], ['invitee', String(userId('partner'))]])).status, 409);
  assert.equal((await tl.post(`${base}/${m}`, [['family_present', 'ja'], ['notes_part', 'journaal']])).status, 409);
  assert.equal((await tl.get(`${base}/${m}`)).status, 200, 'still readable');
});

await run({ after: () => d.stop() });
