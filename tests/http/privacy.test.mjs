// privacy.test.mjs — issue 10, items 1, 4 (lists) and 8: the privacy officer finds a
// household only by exact name and birth date and never sees its contents; the family's
// access log (shown by its regisseur) lists a partner's read of the plan and a team
// leader's list page; lists and unaccepted handovers name their households in the audit
// trail; the export holds every part of the demo case, as HTML and as correctly escaped
// JSON; a correction of a name keeps the old value with who, when and why.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const household = one("SELECT id FROM household WHERE name = 'Familie De Vries (demo)'").id;
const devries = one(`SELECT id FROM casefile WHERE household_id = ${household} ORDER BY id LIMIT 1`).id;
const peters = one("SELECT id FROM household WHERE name = 'Familie Peters (demo)'").id;
const orgOf = (u) => one(`SELECT organisation_id AS o FROM app_user WHERE username = '${u}'`).o;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

const privacy = await as('privacy');
const regisseur = await as('professional');

test('the privacy officer reaches a household only through an exact name and birth date', async () => {
  const before = await privacy.get(`/privacy/huishoudens/${household}`);
  assert.equal(before.status, 404, 'no browsing by number before a search found it');
  const partial = await privacy.get('/privacy?naam=Linda&geboortedatum=1988-04-17');
  assert.equal(partial.status, 200);
  assert.match(partial.text, /Geen huishouden met een gezinslid met precies deze naam en geboortedatum/);
  assert.doesNotMatch(partial.text, /\/privacy\/huishoudens\/\d+/);
  const wrongDate = await privacy.get('/privacy?naam=Linda+de+Vries&geboortedatum=1988-04-18');
  assert.doesNotMatch(wrongDate.text, /\/privacy\/huishoudens\/\d+/, 'the birth date must match too');
  const noDate = await privacy.get('/privacy?naam=Linda+de+Vries');
  assert.equal(noDate.status, 422);
  assert.match(noDate.text, /Vul de geboortedatum in/);
  for (const bad of ['2026-02-30', '31-12-2026', 'morgen']) {
    const r = await privacy.get(`/privacy?naam=Linda+de+Vries&geboortedatum=${bad}`);
    assert.equal(r.status, 422, bad);
    assert.match(r.text, /<p class="field-error" id="geboortedatum-error">Vul een geldige datum in/);
    assert.match(r.text, /value="Linda de Vries"/, 'the name typed is kept');
    assert.doesNotMatch(r.text, /\/privacy\/huishoudens\/\d+/);
  }
  assert.match(noDate.text, /value="Linda de Vries"/, 'the name typed is kept');
  assert.doesNotMatch(noDate.text, /\/privacy\/huishoudens\/\d+/);
  const hit = await privacy.get('/privacy?naam=linda+de+vries&geboortedatum=1988-04-17');
  assert.match(hit.text, new RegExp(`href="/privacy/huishoudens/${household}"`));
  // the search is recorded with the household it found
  const rec = one(`SELECT a.households AS h, a.detail FROM audit_log a JOIN app_user u ON u.id = a.user_id
    WHERE u.username = 'privacy' AND a.action = 'search' ORDER BY a.id DESC LIMIT 1`);
  assert.equal(rec.h, String(household));
  assert.ok(!/Linda/.test(rec.detail), 'the search terms are not written into the audit trail');
  const report = await privacy.get(`/privacy/huishoudens/${household}`);
  assert.equal(report.status, 200);
  assert.match(report.text, /Toegangslog van huishouden/);
  for (const secret of ['Familie De Vries', 'Linda de Vries', 'Marco de Vries', '17-04-1988', 'Demostraat',
    'agressieregulatietraining', 'Tegelen']) {
    assert.ok(!report.text.includes(secret), `the privacy officer must not see "${secret}"`);
  }
  // another household stays closed: found by nobody's search
  assert.equal((await privacy.get(`/privacy/huishoudens/${peters}`)).status, 404);
  assert.equal((await privacy.get(`/privacy/huishoudens/${peters}/export.csv`)).status, 404);
  // the look-up itself is in the family's access log
  const own = one(`SELECT count(*) AS n FROM audit_household ah JOIN audit_log a ON a.id = ah.audit_id
    WHERE ah.household_id = ${household} AND a.username = 'privacy' AND a.object_type = 'access_log'`);
  assert.ok(own.n >= 1);
});

test('a report with a bad filter says so at the field (422); its download and print refuse (400), never the whole log', async () => {
  await privacy.get('/privacy?naam=Linda+de+Vries&geboortedatum=1988-04-17');
  const officer = one("SELECT id FROM app_user WHERE username = 'professional'").id;
  const reports = [[privacy, `/privacy/huishoudens/${household}`, '/export.csv'],
    [privacy, `/privacy/gebruikers/${officer}`, '/export.csv'], [regisseur, `/casussen/${devries}/toegang`, '/afdrukken']];
  for (const [who, base, download] of reports) {
    for (const [query, field, message] of [
      ['tot=2026-02-30&actie=lezen', 'tot', /Vul een geldige datum in/],
      ['van=morgen&actie=lezen', 'van', /Vul een geldige datum in/],
      ['van=2026-03-01&tot=2026-02-01&actie=lezen', 'tot', /Deze datum ligt vóór ‘Vanaf’/],
      ['organisatie=999999&actie=lezen', 'organisatie', /Kies een organisatie uit de lijst/],
      ['organisatie=abc&actie=lezen', 'organisatie', /Kies een geldige waarde/],
      ['actie=%3Cscript%3Ealert(1)%3C/script%3E', 'actie', /Kies een van de mogelijkheden/],
    ]) {
      const page = await who.get(`${base}?${query}`);
      assert.equal(page.status, 422, `${base}?${query}`);
      assert.match(page.text, new RegExp(`<p class="field-error" id="${field}-error">`), `${query}: the message at the field`);
      assert.match(page.text, message);
      assert.ok(!page.text.includes('<script>alert(1)</script>'));
      assert.doesNotMatch(page.text, /export\.csv\?|\/afdrukken/, 'no download or print of another selection');
      if (field !== 'actie') assert.match(page.text, /<option value="lezen" selected>/, 'the other input is kept');
      const file = await who.get(`${base}${download}?${query}`);
      assert.equal(file.status, 400, `${base}${download}?${query}: not the whole log`);
      assert.match(file.text, /Ongeldig verzoek/);
    }
    // a pager position no link made (the user never types it): 400, not a message at a field that is not there
    for (const voor of ['-5', 'abc', '99999999999999999999']) {
      assert.equal((await who.get(`${base}?voor=${voor}`)).status, 400, `${base}?voor=${voor}`);
      assert.equal((await who.get(`${base}${download}?voor=${voor}`)).status, 400);
    }
    assert.equal((await who.get(`${base}?voor=1`)).status, 200);
    assert.equal((await who.get(`${base}?van=2026-01-01&tot=2026-12-31`)).status, 200);
    assert.equal((await who.get(`${base}${download}?van=2026-01-01&tot=2026-12-31`)).status, 200);
  }
});

test('no route that shows client data admits the privacy officer', async () => {
  const table = execFileSync(daemonBinary(), ['routes'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split('\t'));
  const clientData = table.filter(([, , , flags]) => flags === 'client_data');
  assert.ok(clientData.length > 30);
  const problems = [];
  for (const [method, pattern, roles] of clientData) {
    if (roles.split(',').includes('privacy')) problems.push(`${method} ${pattern} declares privacy`);
    const p = pattern.replace(/\{id\}/g, String(devries));
    const r = method === 'GET' ? await privacy.get(p) : await privacy.post(p, []);
    if (r.status !== 403) problems.push(`${method} ${p}: ${r.status}`);
  }
  assert.deepEqual(problems, []);
});

test("the family's access log lists a partner's read of the plan and a team leader's list page", async () => {
  const partner = await as('partner');
  assert.equal((await partner.get(`/casussen/${devries}/veiligheidsplan`)).status, 200);
  const leader = await as('teamleider');
  const list = await leader.get('/casussen');
  assert.match(list.text, /Familie De Vries/);
  // the regisseur shows it to the family: organisation, role, what, allowed — not the names
  const school = orgOf('partner');
  const read = await regisseur.get(`/casussen/${devries}/toegang?organisatie=${school}&actie=lezen`);
  assert.equal(read.status, 200);
  assert.match(read.text, /Basisschool De Regenboog \(demo\)<\/td>\s*<td>Ketenpartner-professional<\/td>\s*<td>Lezen<\/td>/);
  assert.ok(!read.text.includes('Mark Janssen'), "the family's log names organisations and roles, not people");
  const lists = await regisseur.get(`/casussen/${devries}/toegang?organisatie=${orgOf('teamleider')}&actie=lijst`);
  assert.match(lists.text, /Teamleider<\/td>\s*<td>In een lijst<\/td>\s*<td>casuslijst<\/td>/);
  // a refused access is in it too
  assert.equal((await (await as('professional2')).get(`/casussen/${devries}/journaal`)).status, 404);
  const refused = await regisseur.get(`/casussen/${devries}/toegang?organisatie=${orgOf('professional2')}&actie=lezen`);
  assert.match(refused.text, /<td>Professional<\/td>\s*<td>Lezen<\/td>\s*<td>casus \d+<\/td>\s*<td><strong>geweigerd<\/strong><\/td>/);
  const print = await regisseur.get(`/casussen/${devries}/toegang/afdrukken`);
  assert.equal(print.status, 200);
  assert.match(print.text, /Afgedrukt op/);
  assert.doesNotMatch(print.text, /<form method="get"/, 'the A4 print has no filter form');
  // the privacy officer's view of the same household names the people, and exports it
  await privacy.get('/privacy?naam=Linda+de+Vries&geboortedatum=1988-04-17');
  const officer = await privacy.get(`/privacy/huishoudens/${household}?actie=lezen&organisatie=${school}`);
  assert.match(officer.text, /Mark Janssen \(partner\)/);
  const csv = await privacy.get(`/privacy/huishoudens/${household}/export.csv?actie=lijst`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /text\/csv/);
  assert.ok(csv.text.startsWith('\uFEFFTijdstip (UTC);Organisatie;Rol;Gebruikersnaam;Naam;Soort toegang'));
  assert.match(csv.text, /;teamleider;Joost Peeters;In een lijst;casuslijst;toegestaan\r\n/);
  assert.doesNotMatch(csv.text, /;Lezen;/, 'the filter holds in the export');
  // per user: what the partner did, keyset-paginated
  const partnerId = one("SELECT id FROM app_user WHERE username = 'partner'").id;
  const user = await privacy.get(`/privacy/gebruikers/${partnerId}`);
  assert.equal(user.status, 200);
  assert.match(user.text, /Toegangslog van Mark Janssen/);
  assert.match(user.text, /<td>Lezen<\/td>/);
  assert.equal((await privacy.get('/privacy/gebruikers/999999')).status, 404);
  // the reports read through indexes, never a scan of audit_log
  const plans = [
    "EXPLAIN QUERY PLAN SELECT a.id FROM audit_household ah JOIN audit_log a ON a.id = ah.audit_id WHERE ah.household_id = 1 AND ah.audit_id < 99 ORDER BY ah.audit_id DESC LIMIT 51",
    "EXPLAIN QUERY PLAN SELECT a.id FROM audit_log a WHERE a.user_id = 1 AND a.at >= '' AND a.at <= '9999' AND (a.at < '9999' OR a.id < 5) ORDER BY a.at DESC, a.id DESC LIMIT 51",
  ];
  for (const q of plans) {
    const plan = execFileSync('sqlite3', ['-readonly', d.db, q], { encoding: 'utf8' });
    assert.doesNotMatch(plan, /SCAN a\b|SCAN audit_log|USE TEMP B-TREE/, plan);
  }
});

test('lists and start pages name the households they showed; so does a handover not yet accepted', async () => {
  const leader = await as('teamleider');
  await leader.get('/');
  await leader.get('/overdrachten');
  const rows = sql(d.db, `SELECT object_type, households FROM audit_log WHERE username = 'teamleider'
    AND object_type IN ('start_page_panel', 'handover_list') AND households IS NOT NULL`);
  assert.ok(rows.some((r) => r.object_type === 'handover_list'), 'the inbox names its households');
  assert.ok(rows.some((r) => r.object_type === 'start_page_panel'), 'the start page names its households');
  const waiting = one("SELECT id, household_id FROM handover WHERE status = 'ingediend' AND receiving_org_id = (SELECT organisation_id FROM app_user WHERE username = 'teamleider') OR (status = 'ingediend' AND receiving_triage) ORDER BY id LIMIT 1");
  assert.ok(waiting.household_id, 'a submitted handover names its household');
  assert.equal((await leader.get(`/overdrachten/${waiting.id}`)).status, 200);
  const rec = one(`SELECT household_id FROM audit_log WHERE username = 'teamleider' AND object_type = 'handover'
    AND object_id = ${waiting.id} ORDER BY id DESC LIMIT 1`);
  assert.equal(rec.household_id, waiting.household_id);
  const idx = one(`SELECT count(*) AS n FROM audit_household WHERE household_id = ${waiting.household_id}
    AND audit_id = (SELECT max(id) FROM audit_log WHERE username = 'teamleider' AND object_type = 'handover')`);
  assert.equal(idx.n, 1);
  // audit_household is append-only and names only the newest audit row
  for (const q of [`DELETE FROM audit_household WHERE household_id = ${household}`,
    `UPDATE audit_household SET household_id = 0 WHERE household_id = ${household}`,
    `INSERT INTO audit_household (household_id, audit_id) VALUES (${peters}, 1)`,
    `INSERT OR REPLACE INTO audit_household (household_id, audit_id) SELECT household_id, audit_id FROM audit_household ORDER BY audit_id DESC LIMIT 1`]) {
    const r = spawnSync('sqlite3', [d.db, q], { encoding: 'utf8' });
    assert.match(r.stderr, /append-only/, q);
  }
});

test('the export holds every part of the demo case, as HTML and as JSON', async () => {
  const html = await regisseur.get(`/casussen/${devries}/inzage`);
  assert.equal(html.status, 200);
  for (const part of ['Gezinsleden', 'Overdrachten van Veilig Thuis', 'Veiligheidsplan: alle versies',
    'Gezinsplan: alle versies', 'Journaal', 'Overleggen (ronde tafel)', 'Evaluaties', 'Toegangslog']) {
    assert.ok(html.text.includes(part), `the HTML export has ${part}`);
  }
  // a family reads Dutch names, never a column name (birthdate, case_id) or a bare a..e
  const names = [...html.text.matchAll(/<dt>([^<]*)<\/dt>/g)].map((m) => m[1]);
  assert.ok(names.length > 100, `${names.length} fields`);
  const raw = [...new Set(names.filter((n) => /^[a-z_]+$/.test(n)))];
  assert.deepEqual(raw, [], 'every column has a Dutch label');
  for (const label of ['Geboortedatum', 'Casus (nummer)', 'Gevaarsituatie in de woorden van het gezin', 'Doet wat'])
    assert.ok(names.includes(label), `the export names ${label}`);
  const res = await regisseur.get(`/casussen/${devries}/inzage.json`);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /application\/json/);
  const doc = JSON.parse(res.text);
  assert.equal(doc.huishouden_id, household);
  const parts = doc.delen;
  // every part the demo case has, with every version
  for (const [key, table, where] of [
    ['gezinsleden', 'person', `household_id = ${household}`],
    ['casussen', 'casefile', `household_id = ${household}`],
    ['overdrachten', 'handover', `household_id = ${household}`],
    ['veiligheidsplan_versies', 'safety_plan_version', `case_id = ${devries}`],
    ['veiligheidsplan_onderdelen', 'safety_plan_item', `version_id IN (SELECT id FROM safety_plan_version WHERE case_id = ${devries})`],
    ['gezinsplan_versies', 'family_plan_version', `case_id = ${devries}`],
    ['journaal', 'journal_entry', `case_id = ${devries}`],
    ['overleggen', 'case_meeting', `case_id = ${devries}`],
    ['evaluaties', 'case_evaluation', `case_id = ${devries}`],
    ['betrokkenen', 'case_involvement', `case_id = ${devries}`],
    ['veiligheidsvoorwaarden', 'case_condition', `case_id = ${devries}`],
  ]) {
    const n = one(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).n;
    assert.ok(n > 0, `the demo case has ${key}`);
    assert.ok(Array.isArray(parts[key]) && parts[key].length >= n, `${key}: ${parts[key]?.length} of ${n}`);
  }
  assert.ok(parts.toegangslog.length > 0);
  assert.ok(parts.veiligheidsplan_versies.length >= 2, 'every version, not only the newest');
  assert.ok(JSON.stringify(parts.journaal).length > 100);
  // not for a professional who is not the regisseur, nor for the privacy officer
  assert.equal((await (await as('professional2')).get(`/casussen/${devries}/inzage.json`)).status, 404);
  assert.equal((await privacy.get(`/casussen/${devries}/inzage.json`)).status, 403);
  // the privacy officer hands the family the same, from the household his/her own search found
  // (issue 10 item 8), and only that one; recorded as an export in the family's access log
  const report = (await privacy.get(`/privacy/huishoudens/${household}`)).text;
  assert.match(report, new RegExp(`href="/privacy/huishoudens/${household}/inzage"`));
  const officerHtml = await privacy.get(`/privacy/huishoudens/${household}/inzage`);
  assert.equal(officerHtml.status, 200);
  for (const part of ['Gezinsleden', 'Veiligheidsplan: alle versies', 'Journaal', 'Toegangslog'])
    assert.ok(officerHtml.text.includes(part), `the privacy officer's export has ${part}`);
  const officerJson = JSON.parse((await privacy.get(`/privacy/huishoudens/${household}/inzage.json`)).text);
  assert.equal(officerJson.huishouden_id, household);
  assert.equal(officerJson.delen.journaal.length, parts.journaal.length);
  assert.equal((await privacy.get(`/privacy/huishoudens/${peters}/inzage.json`)).status, 404, 'not found by a search');
  assert.ok(one(`SELECT count(*) AS n FROM audit_household ah JOIN audit_log a ON a.id = ah.audit_id
    WHERE ah.household_id = ${household} AND a.username = 'privacy' AND a.action = 'export' AND a.object_type = 'household_export'`).n >= 2);
});

test('a correction keeps the old name with who, when and why; the JSON stays valid with hostile text', async () => {
  const linda = one(`SELECT id FROM person WHERE household_id = ${household} AND name = 'Linda de Vries'`).id;
  const page = await regisseur.get(`/casussen/${devries}`);
  assert.match(page.text, new RegExp(`action="/casussen/${devries}/gezinsleden/${linda}/corrigeren"`));
  const noReason = await regisseur.post(`/casussen/${devries}/gezinsleden/${linda}/corrigeren`,
    [['name', 'Linda de Vries-Bos'], ['birthdate', '1988-04-17'], ['reason', '']]);
  assert.equal(noReason.status, 422, 'shown again (POST-redirect-GET) with the message at the field');
  const shown = noReason;
  assert.match(shown.text, /Reden van de correctie: Vul ‘Reden van de correctie’ in/);
  assert.match(shown.text, /value="Linda de Vries-Bos"/, 'the input is kept');
  // the summary's link reaches the field of the form that failed (one of a form per member)
  assert.match(shown.text, /<a href="#reason">Reden van de correctie:/);
  assert.match(shown.text, /<textarea [^>]*id="reason" name="reason" aria-describedby="reason-error" aria-invalid="true"/);
  assert.equal((shown.text.match(/id="reason"/g) || []).length, 1, 'one such id on the page');
  const other = await regisseur.post(`/casussen/${devries}/gezinsleden/${linda}/corrigeren`,
    [['name', 'Linda de Vries'], ['birthdate', 'morgen'], ['reason', 'paspoort']]);
  assert.equal(other.status, 422);
  assert.match(other.text, /<a href="#birthdate">Geboortedatum: Vul een geldige datum in/);
  assert.match(other.text, /<input [^>]*id="birthdate" name="birthdate" aria-describedby="birthdate-error"[^>]*value="morgen">/);
  assert.equal(one(`SELECT name FROM person WHERE id = ${linda}`).name, 'Linda de Vries');
  const hostile = 'Linda "de" <Vries>\\ \u2028 </script>';
  const ok = await regisseur.post(`/casussen/${devries}/gezinsleden/${linda}/corrigeren`,
    [['name', hostile], ['birthdate', '1988-04-17'], ['reason', 'Schrijfwijze volgens paspoort']]);
  assert.equal(ok.status, 303);
  const after = await regisseur.get(`/casussen/${devries}`);
  assert.match(after.text, /naam was ‘Linda de Vries’, is ‘Linda &quot;de&quot; &lt;Vries&gt;/);
  assert.match(after.text, /gecorrigeerd door Sanne Verhoeven op .*Reden: Schrijfwijze volgens paspoort/);
  const k = one(`SELECT field, old_value, new_value, reason FROM person_correction WHERE person_id = ${linda}`);
  assert.deepEqual(k, { field: 'name', old_value: 'Linda de Vries', new_value: hostile, reason: 'Schrijfwijze volgens paspoort' });
  const doc = JSON.parse((await regisseur.get(`/casussen/${devries}/inzage.json`)).text);
  assert.ok(doc.delen.gezinsleden.some((p) => p.name === hostile), 'the JSON round-trips the exact text');
  assert.ok(doc.delen.correcties.some((c) => c.old_value === 'Linda de Vries' && c.new_value === hostile));
  const raw = (await regisseur.get(`/casussen/${devries}/inzage.json`)).text;
  assert.ok(!raw.includes('</script>') && !raw.includes('\u2028'), 'escaped for HTML too');
  // a name never changes without its history
  const r = spawnSync('sqlite3', [d.db, `UPDATE person SET name = 'X' WHERE id = ${linda}`], { encoding: 'utf8' });
  assert.match(r.stderr, /correction history/);
});

await run({ after: () => d.stop() });
