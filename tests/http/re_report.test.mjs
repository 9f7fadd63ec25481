// re_report.test.mjs — a hermelding is marked for the team of the case (issue 8,
// item 6): Veilig Thuis sends a new handover about a member of the De Vries
// household (open case of Wijkteam Venlo-Noord) to Wijkteam Venlo-Zuid, or to the
// joint triage. The team leader and the regisseur of the case see it on their
// start page although the handover went elsewhere; the triage sees in the inbox
// which other team has the case; nobody else sees the family's name; audited.
import assert from 'node:assert/strict';
import { test, run, startDaemon, Client, sql, eventually } from './lib.mjs';

const d = await startDaemon();
const one = (q) => sql(d.db, q)[0];
const orgId = (name) => one(`SELECT id FROM organisation WHERE name = '${name}'`).id;
const devries = one(`SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = 'Familie De Vries (demo)'`).id;

async function as(username) {
  const c = new Client(d.baseUrl);
  await c.login(username);
  return c;
}

function handover(receiving, name) {
  return {
    receiving_organisation: receiving, urgency: 'hoog', household_name: name, address: 'Proefstraat 9, Venlo',
    member_name: ['Linda de Vries', 'Kees Bakker'], member_birthdate: ['1988-04-17', '1980-01-01'], member_role: ['ouder', 'ouder'],
    reason: 'Nieuwe melding na incident.', investigation_outcome: 'Vastgesteld.', risk_assessment: 'Onveilig.',
    safety_condition: ['Geen geweld.'], providers: 'Huisarts.', agreements: 'Geen.', family_informed: 'ja',
    contact: 'F. El Amrani', action: 'indienen',
  };
}

test('sent to another team: the case team\'s leader and the regisseur see the hermelding; the other team leader does not see the case', async () => {
  const vt = await as('vt');
  const r = await vt.post('/overdrachten/nieuw', handover(String(orgId('Wijkteam Venlo-Zuid (demo)')), 'Familie Bakker-de Vries (test)'));
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const id = Number(/\/overdrachten\/(\d+)/.exec(r.location)[1]);
  assert.deepEqual(one(`SELECT case_id, team_org_id, case_open FROM case_re_report WHERE handover_id = ${id}`),
    { case_id: devries, team_org_id: orgId('Wijkteam Venlo-Noord (demo)'), case_open: 1 });
  const mark = new RegExp(`<strong>Hermelding</strong>: <a href="/casussen/${devries}">Familie De Vries \\(demo\\)</a>[^<]*nieuwe overdracht met hoge urgentie van [0-9: -]+ aan Wijkteam Venlo-Zuid \\(demo\\), nog geen besluit`);
  const tl = (await (await as('teamleider')).get('/')).text;
  assert.match(tl, /Hermeldingen bij casussen van uw team/);
  assert.match(tl, mark);
  const reg = (await (await as('professional')).get('/')).text;
  assert.match(reg, /Hermeldingen bij mijn casussen/);
  assert.match(reg, mark);
  for (const who of ['teamleider.zuid', 'professional2', 'partner', 'teamleider.buurt'])
    assert.doesNotMatch((await (await as(who)).get('/')).text, /Hermeldingen bij/, who);
  await eventually(() => one(`SELECT count(*) AS n FROM audit_log WHERE username = 'teamleider' AND object_type = 'start_page_panel' AND detail = 'hermeldingen'`).n > 0);
  // on the case page, next to the phase, for the case team; the school (involved partner) does not see it
  const casePage = (await (await as('professional')).get(`/casussen/${devries}`)).text;
  assert.match(casePage, /<strong>Hermelding<\/strong>: Veilig Thuis stuurde een nieuwe overdracht over dit gezin\.[\s\S]*?, hoge urgentie, aan Wijkteam Venlo-Zuid \(demo\) — nog geen besluit/);
  assert.doesNotMatch((await (await as('partner')).get(`/casussen/${devries}`)).text, /Hermelding|Venlo-Zuid/);
});

test('sent to the joint triage: another team leader sees in the inbox that Venlo-Noord has an open case', async () => {
  const vt = await as('vt');
  const r = await vt.post('/overdrachten/nieuw', handover('triage', 'Familie Bakker-de Vries (triage)'));
  assert.equal(r.status, 303);
  const id = Number(/\/overdrachten\/(\d+)/.exec(r.location)[1]);
  const inbox = (await (await as('teamleider.buurt')).get('/overdrachten')).text;
  const row = new RegExp(`href="/overdrachten/${id}"[\\s\\S]*?<strong class="hermelding">Hermelding</strong>: open casus bij Wijkteam Venlo-Noord \\(demo\\)`);
  assert.match(inbox, row);
  // the case team itself sees its own mark as before
  assert.match((await (await as('teamleider')).get('/overdrachten')).text, new RegExp(`href="/overdrachten/${id}"[\\s\\S]*?Hermelding</strong>: open casus ${devries}`));
});

await run({ after: () => d.stop() });
