// tests/browser/case_team.test.mjs — the case team clicked through in headless
// Chromium (issue 7): the regisseur, without JavaScript, invites the school (on
// consent, default parts) and JGZ (directly involved care provider, family not
// informed with the reason, more parts), after one failed attempt whose input is
// kept; the school then logs in and sees only its part of the case and of the
// journal. axe (WCAG 2.1 A/AA) on every page visited.
import assert from 'node:assert/strict';
import { test, run, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
let caseUrl = '';
let reg = null; // the regisseur's sessions: without JavaScript, and a checker for axe

async function session(username, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await login(page, daemon.baseUrl, username);
  return { context, page };
}

async function submitAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

// axe needs JavaScript: the no-JavaScript context clicks, a second context checks each page it saw
async function a11y(label) {
  await reg.checker.page.goto(`${daemon.baseUrl}/`);
  await reg.checker.page.setContent(await reg.page.content(), { waitUntil: 'load' });
  await checkA11y(reg.checker.page, label);
}

test('the regisseur invites the school on consent, without JavaScript', async () => {
  const { context, page } = await session('professional', { javaScriptEnabled: false });
  reg = { context, page, checker: await session('professional') };
  await page.goto(`${daemon.baseUrl}/casussen`);
  await Promise.all([page.waitForNavigation(), page.locator('tr', { hasText: 'Familie Smits (demo)' }).locator('a').first().click()]);
  caseUrl = new URL(page.url()).pathname;
  await a11y('casus met uitnodigformulier');

  // the school: consent of the parents, family informed, no parts ticked (= default)
  await page.selectOption('#organisation', { label: 'Basisschool De Regenboog (demo)' });
  await page.selectOption('#user', { label: 'Mark Janssen (ketenpartner)' });
  await page.fill('#role_in_case', 'intern begeleider');
  await page.check('#basis-toestemming');
  await page.fill('#consent_of', 'beide ouders');
  await page.fill('#consent_on', '2026-01-05');
  await page.check('#family_informed-ja');
  await page.fill('#informed_on', '2026-01-06');
  await page.fill('#informed_by', 'Sanne Verhoeven');
  await submitAndWait(page, 'button:has-text("Betrekken bij de casus")');
  assert.match(await page.locator('#team-kop').locator('..').innerText(), /Mark Janssen[\s\S]*toestemming van beide ouders/);
  await a11y('casus met school betrokken');
});

test('the regisseur invites JGZ as a care provider with more parts, after an error that keeps the input', async () => {
  const { page } = reg;
  // JGZ, first without the reason why the family was not informed: error, input kept
  await page.selectOption('#organisation', { label: 'JGZ Noord-Limburg (demo)' });
  await page.selectOption('#user', { label: 'Eva Coenen (ketenpartner)' });
  await page.fill('#role_in_case', 'jeugdverpleegkundige');
  await page.check('#basis-betrokken_hulpverlener');
  await page.check('#family_informed-nee');
  await page.check('#parts-gezin');
  await page.check('#parts-voorwaarden');
  await submitAndWait(page, 'button:has-text("Betrekken bij de casus")');
  assert.match(await page.locator('.error-summary').innerText(), /waarom het gezin \(nog\) niet is geïnformeerd/);
  assert.equal(await page.inputValue('#role_in_case'), 'jeugdverpleegkundige');
  assert.ok(await page.isChecked('#parts-gezin'));
  assert.ok(await page.isChecked('#family_informed-nee'));
  await a11y('uitnodiging met fout');
  await page.fill('#not_informed_reason', 'Vader mag nog niet weten dat JGZ meekijkt; regisseur informeert na het RTO.');
  await submitAndWait(page, 'button:has-text("Betrekken bij de casus")');
  const team = await page.locator('#team-kop').locator('..').innerText();
  assert.match(team, /Eva Coenen[\s\S]*betrokken hulpverlener \(Jeugdwet 7\.3\.11\)[\s\S]*nee: Vader mag nog niet weten/);
  assert.match(team, /Gezin: gezinsleden, geboortedata en adres/);
  await a11y('casus met school en JGZ');
  await reg.checker.context.close();
  await reg.context.close();
});

test('the school logs in and sees only its part of the case and of the journal', async () => {
  assert.ok(caseUrl, 'the first test found the case');
  const { context, page } = await session('partner');
  await page.goto(`${daemon.baseUrl}${caseUrl}`);
  const text = await page.locator('main').innerText();
  assert.match(text, /Sanne Verhoeven/);
  assert.match(text, /Signalen en wat te doen als het onveilig wordt/);
  assert.match(text, /Uw betrokkenheid: intern begeleider/);
  assert.doesNotMatch(text, /Geboortedatum|Adres|Veiligheidsvoorwaarden|Overdrachten van Veilig Thuis|Eva Coenen/);
  assert.equal(await page.locator('form[action$="/betrokkenen"]').count(), 0);
  await checkA11y(page, 'casus gezien door de school');
  await page.click('a:has-text("Journaal van deze casus")');
  await page.waitForLoadState('load');
  assert.deepEqual(await page.locator('#part option').evaluateAll((o) => o.map((x) => x.value)), ['basis', 'plan_signalen']);
  await checkA11y(page, 'journaal gezien door de school');
  // JGZ sees the members it was given
  const jgz = await session('partner.jgz');
  await jgz.page.goto(`${daemon.baseUrl}${caseUrl}`);
  assert.match(await jgz.page.locator('main').innerText(), /Geboortedatum/);
  await checkA11y(jgz.page, 'casus gezien door JGZ');
  await jgz.context.close();
  await context.close();
});

await run({ timeoutMs: 120_000, after: async () => { await browser.close(); await daemon.stop(); } });
