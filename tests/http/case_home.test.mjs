// case_home.test.mjs — start pages that carry the work (issue 8) and the case
// list: the regisseur's cases with their phase and the agreements asked of him/her
// or the organisation (overdue ones marked), the team leader's caseload per
// regisseur, a partner's cases and what is asked of its organisation (never
// another organisation's); /casussen?zoek= finds "Müller" for "muller" and never a
// household outside the user's cases; keyset pages; the panel is audited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, nlDay, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const caseOf = (name) => one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id
  WHERE h.name = '${name}'`).id;
const devries = caseOf('Familie De Vries (demo)');
const userId = (u) => one(`SELECT id FROM app_user WHERE username = '${u}'`).id;
const today = nlDay();
const write = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db], { input: q, encoding: 'utf8' });

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

test('regisseur: my cases with their phase; an agreement for me past its date stands out', async () => {
  const reg = await as('professional');
  let home = (await reg.get('/')).text;
  assert.match(home, /Mijn casussen als regisseur[\s\S]*Familie De Vries \(demo\)<\/a>: fase 2 Stabiele veiligheid/);
  assert.match(home, /Familie Janssen \(demo\)<\/a>: fase 5 Leren omgaan met terugval/);
  assert.doesNotMatch(home, /Familie Kuipers/, 'closed cases are not work');
  assert.doesNotMatch(home, /Familie Müller/);
  assert.equal((await reg.post(`/casussen/${devries}/overleggen`, [['held_on', today], ['online', 'ja'], ['invitee', String(userId('partner'))]])).status, 303);
  const m = one(`SELECT max(id) AS id FROM case_meeting WHERE case_id = ${devries}`).id;
  assert.equal((await reg.post(`/casussen/${devries}/overleggen/${m}`, [['family_present', 'ja'], ['notes_part', 'journaal'],
    ['agr_what', 'Verslag naar Veilig Thuis sturen'], ['agr_who', `u${userId('professional')}`], ['agr_who_text', ''], ['agr_due', '2020-01-01'], ['agr_part', 'plan_afspraken']])).status, 303);
  home = (await reg.get('/')).text;
  assert.match(home, /Wat van u en uw organisatie gevraagd wordt/);
  assert.match(home, /<li class="te-laat"><a href="\/casussen\/1\/overleggen">Familie De Vries \(demo\)<\/a>: Verslag naar Veilig Thuis sturen — uiterlijk 01-01-2020 \(te laat\) \(open, voor u\)/);
  const uid = userId('professional');
  await eventually(() => sql(d.db, `SELECT id FROM audit_log WHERE user_id = ${uid} AND object_type = 'start_page_panel' AND detail = 'casussen'`).length > 0 || null);
});

test('partner: the cases it is involved in and what is asked of its organisation, never another\'s', async () => {
  const school = (await (await as('partner')).get('/')).text;
  assert.match(school, /Casussen waarbij u betrokken bent[\s\S]*Familie De Vries \(demo\)<\/a> — regisseur Sanne Verhoeven/);
  assert.match(school, /Let op of Noah stil of teruggetrokken is/);
  assert.doesNotMatch(school, /consultatiebureau|Verslag naar Veilig Thuis|Mijn casussen als regisseur|Caseload/);
  const jgz = (await (await as('partner.jgz')).get('/')).text;
  assert.match(jgz, /Afspraak consultatiebureau voor Elif inplannen\. — uiterlijk [0-9-]+ \(te laat\)/);
  assert.doesNotMatch(jgz, /Let op of Noah stil/);
});

test('team leader: caseload per regisseur of the own team only', async () => {
  const tl = (await (await as('teamleider')).get('/')).text;
  assert.match(tl, /Caseload van het team[\s\S]*<tr><td[^>]*>Sanne Verhoeven<\/td><td[^>]*>4<\/td><\/tr>/);
  assert.doesNotMatch(tl, /Bram Hermans/);
  const zuid = (await (await as('teamleider.zuid')).get('/')).text;
  assert.match(zuid, /<tr><td[^>]*>Bram Hermans<\/td><td[^>]*>2<\/td><\/tr>/);
});

test('search: "muller" finds "Müller" (any case), only among the cases the user may see', async () => {
  for (const q of ['muller', 'MÜLLER', 'Mül']) {
    const r = await (await as('professional.zuid')).get(`/casussen?zoek=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /<td[^>]*>(?:<a href=\"\/casussen\/\d+\">)?Familie Müller \(demo\)(?:<\/a>)?<\/td>/, q);
    assert.doesNotMatch(r.text, /Familie Gerards/, q);
  }
  assert.match((await (await as('teamleider.zuid')).get('/casussen?zoek=muller')).text, /Familie Müller \(demo\)/);
  for (const u of ['professional', 'teamleider', 'partner']) {
    const r = (await (await as(u)).get('/casussen?zoek=muller')).text;
    assert.doesNotMatch(r, /Müller/, u);
    assert.match(r, /Geen casus gevonden voor "muller" onder de casussen die u mag zien/, u);
  }
  const schoolList = (await (await as('partner')).get('/casussen?zoek=vries')).text;
  assert.match(schoolList, /Familie De Vries \(demo\)/);
  assert.doesNotMatch(schoolList, /Stabiele veiligheid/, 'the phase is not the school\'s business');
  assert.doesNotMatch((await (await as('partner')).get('/casussen?zoek=gerards')).text, /<td[^>]*>(?:<a [^>]*>)?Familie Gerards/);
  // hostile or empty search text is harmless
  const h = await (await as('professional')).get(`/casussen?zoek=${encodeURIComponent('" OR 1=1 -- NEAR(*')}`);
  assert.equal(h.status, 200);
  assert.doesNotMatch(h.text, /<td[^>]*>(?:<a [^>]*>)?Familie/);
});

test('the case list pages by keyset, newest first; the phase is shown', async () => {
  const reg = await as('professional');
  const all = (await reg.get('/casussen')).text;
  const ids = [...all.matchAll(/<td[^>]*><a href="\/casussen\/(\d+)">/g)].map((x) => Number(x[1]));
  assert.ok(ids.length >= 5);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.match(all, /<td[^>]*>2 Stabiele veiligheid<\/td>/);
  const older = (await reg.get(`/casussen?voor=${ids[1]}`)).text;
  const ids2 = [...older.matchAll(/<td[^>]*><a href="\/casussen\/(\d+)">/g)].map((x) => Number(x[1]));
  assert.deepEqual(ids2, ids.slice(2));
  assert.match(older, /<a href="\/casussen">Nieuwste<\/a>/);
});

test('start-page lists page by keyset: every row once, in order; a paged list stands alone; a search form to /casussen', async () => {
  const reg = await as('professional');
  const uid = userId('professional');
  const team = one(`SELECT organisation_id AS o FROM app_user WHERE id = ${uid}`).o;
  // 25 more open cases, opened long ago and never evaluated: also 25 more overdue evaluations
  let q = 'BEGIN;';
  for (let i = 1; i <= 25; i++) {
    q += `INSERT INTO household (name) VALUES ('Familie Blader${String(i).padStart(2, '0')} (test)');`;
    q += `INSERT INTO casefile (household_id, team_org_id, director_id, opened_at, activity_on) VALUES (last_insert_rowid(), ${team}, ${uid}, '2025-01-01 10:00:00', '2025-02-${String(i).padStart(2, '0')}');`;
    // the regisseur's involvement and an agreed safety plan not yet opened: 25 more "nieuw veiligheidsplan"
    q += `INSERT INTO case_involvement (case_id, org_id, user_id, role) VALUES ((SELECT max(id) FROM casefile), ${team}, ${uid}, 'regisseur');`;
    q += `INSERT INTO safety_plan_version (case_id, n, status, evaluation_date, agreed_on, saved_by) VALUES ((SELECT max(id) FROM casefile), 1, 'vastgesteld', '2025-06-01', '2025-03-${String(i).padStart(2, '0')}', ${uid});`;
  }
  write(q + 'COMMIT;');
  const names = (html, heading) => {
    const m = new RegExp(`id="${heading}"[\\s\\S]*?<ul>([\\s\\S]*?)</ul>`).exec(html);
    return m ? [...m[1].matchAll(/<a href="\/casussen\/(\d+)[^"]*">/g)].map((x) => Number(x[1])) : [];
  };
  const home = (await reg.get('/')).text;
  assert.match(home, /<form method="get" action="\/casussen"[^>]*role="search">[\s\S]*?name="zoek"/);
  for (const [heading, list, label] of [['mijn-casussen-kop', 'mijn-casussen', 'casussen'], ['evaluatie-te-laat-kop', 'evaluatie-te-laat', 'evaluaties'],
    ['nieuw-plan-kop', 'nieuwe-veiligheidsplannen', 'veiligheidsplannen']]) {
    const first = names(home, heading);
    assert.equal(first.length, 20, heading);
    const next = new RegExp(`<a href="(/\\?lijst&#61;${list}&amp;na&#61;[^"]+)">Volgende ${label}</a>`).exec(home);
    assert.ok(next, `${heading}: a link to the next page`);
    const page2 = (await reg.get(next[1].replace(/&amp;/g, '&').replace(/&#61;/g, '='))).text;
    const second = names(page2, heading);
    assert.ok(second.length >= 5, `${heading}: ${second.length}`);
    assert.equal(new Set([...first, ...second]).size, first.length + second.length, 'no row twice');
    assert.doesNotMatch(page2, /Volgende/, 'the last page');
    assert.match(page2, /Terug naar alle lijsten van Mijn werk/);
    assert.doesNotMatch(page2, /Caseload|Wat van u en uw organisatie gevraagd wordt|Casussen waarbij u betrokken bent/, 'only the paged list');
    // every open case of the regisseur once, over the pages
    if (list === 'mijn-casussen') {
      const all = sql(d.db, `SELECT id FROM casefile WHERE director_id = ${uid} AND status = 'open'`).map((r) => r.id).sort((a, b) => a - b);
      assert.deepEqual([...first, ...second].sort((a, b) => a - b), all);
      assert.match(page2, /Familie Blader25 \(test\)/);
    }
  }
  // a cursor that does not parse starts the list again; another regisseur sees none of it
  assert.equal(names((await reg.get('/?lijst=mijn-casussen&na=%27%20OR%201%3D1')).text, 'mijn-casussen-kop').length, 20);
  const zuid = (await (await as('professional.zuid')).get('/?lijst=mijn-casussen')).text;
  assert.doesNotMatch(zuid, /Blader/);
  write(`UPDATE casefile SET status = 'gesloten', closed_at = datetime('now') WHERE household_id IN (SELECT id FROM household WHERE name LIKE 'Familie Blader%');`);
});

const decode = (t) => t.replace(/&#61;/g, '=').replace(/&amp;/g, '&');

test('team leader: /casussen filtered by regisseur, with the caseload per professional (issue 9 item 11)', async () => {
  const tl = await as('teamleider');
  const all = (await tl.get('/casussen')).text;
  const sanne = userId('professional');
  // the caseload: every professional of the team, open cases counted, each a filter link
  assert.match(all, new RegExp(`<a href="/casussen\\?regisseur=${sanne}">Sanne Verhoeven</a></td><td data-label="Open casussen" class="num">4</td>`));
  assert.match(all, new RegExp(`<option value="${sanne}">Sanne Verhoeven \\(4 open\\)</option>`));
  const others = sql(d.db, `SELECT id FROM app_user WHERE organisation_id = (SELECT organisation_id FROM app_user WHERE username = 'teamleider')
    AND id IN (SELECT user_id FROM user_role WHERE role = 'professional') AND id <> ${sanne}`);
  for (const o of others) assert.match(all, new RegExp(`regisseur=${o.id}"`), 'a professional without cases is listed too');
  const ownCases = sql(d.db, `SELECT c.id FROM casefile c WHERE c.director_id = ${sanne} ORDER BY c.id DESC`).map((r) => r.id);
  const page = (t) => [...t.matchAll(/<td data-label="Gezin"><a href="\/casussen\/(\d+)">/g)].map((x) => Number(x[1]));
  const filtered = (await tl.get(`/casussen?regisseur=${sanne}`)).text;
  assert.deepEqual(page(filtered), ownCases);
  assert.match(filtered, /<option value="\d+" selected>Sanne Verhoeven/);
  assert.match(filtered, /met regisseur Sanne Verhoeven/);
  // keyset pages keep the filter and the search
  const p2 = decode((await tl.get(`/casussen?regisseur=${sanne}&voor=${ownCases[0]}`)).text);
  assert.deepEqual(page(p2), ownCases.slice(1));
  assert.match(p2, new RegExp(`<a href="/casussen\\?regisseur=${sanne}">Nieuwste</a>`));
  const withSearch = (await tl.get(`/casussen?zoek=vries&regisseur=${sanne}`)).text;
  assert.match(withSearch, /Familie De Vries \(demo\)/);
  assert.equal(page((await tl.get(`/casussen?zoek=vries&regisseur=${others[0]?.id ?? 999999}`)).text).length, 0);
  // another team's regisseur shows nothing of that team
  const bram = userId('professional.zuid');
  const foreign = (await tl.get(`/casussen?regisseur=${bram}`)).text;
  assert.equal(page(foreign).length, 0);
  assert.match(foreign, /Deze regisseur heeft geen casussen die u mag zien/);
  assert.equal((await tl.get('/casussen?regisseur=abc')).status, 200, 'a malformed filter is ignored, the list shown');
});

test('the pager of a filtered list carries the filter to the older page', async () => {
  const tl = await as('teamleider');
  const sanne = userId('professional');
  // 55 extra cases for the regisseur: the filtered list spans two pages
  const hh = one(`SELECT household_id AS h, team_org_id AS t FROM casefile WHERE director_id = ${sanne} LIMIT 1`);
  for (let i = 0; i < 55; i++) {
    execFileSync('sqlite3', ['-cmd', '.timeout 10000', d.db, `INSERT INTO casefile (household_id, team_org_id, director_id, status, opened_at)
      SELECT ${hh.h}, ${hh.t}, ${sanne}, 'gesloten', datetime('now')`]);
  }
  const first = decode((await tl.get(`/casussen?regisseur=${sanne}`)).text);
  const older = first.match(/<a href="(\/casussen\?regisseur=\d+&voor=\d+)">Oudere<\/a>/);
  assert.ok(older, 'an "Oudere" link that keeps the regisseur');
  const second = (await tl.get(older[1])).text;
  const ids = [...second.matchAll(/<td data-label="Gezin"><a href="\/casussen\/(\d+)">/g)].map((x) => Number(x[1]));
  assert.ok(ids.length > 0);
  for (const id of ids) assert.equal(one(`SELECT director_id AS d FROM casefile WHERE id = ${id}`).d, sanne);
});

await run({ after: () => d.stop() });
