// tests/browser/handover.test.mjs — the handover flow clicked through by the three users
// in headless Chromium: Veilig Thuis writes and submits (without JavaScript, adding a
// household member with the submit button), the team leader takes it, records the warm
// handover and accepts it with a regisseur, the regisseur updates a safety condition and
// writes the feedback, Veilig Thuis sees it. axe (WCAG 2.1 A/AA) on every page visited;
// the print view becomes an A4 PDF with the family name on it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, nlDay, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const FAMILY = 'Familie Klikproef (test)';
let handoverUrl = '';
let caseUrl = '';

async function session(username, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await login(page, daemon.baseUrl, username);
  return { context, page };
}

async function submitAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

test('VT writes and submits a handover without JavaScript, adding a member with the button', async () => {
  // axe needs JavaScript: the no-JavaScript context clicks, a second context checks each page it saw
  const { context, page } = await session('vt', { javaScriptEnabled: false });
  const checker = await session('vt');
  const a11y = async (label) => {
    await checker.page.goto(`${daemon.baseUrl}/`);
    await checker.page.setContent(await page.content(), { waitUntil: 'load' });
    await checkA11y(checker.page, label);
  };
  await a11y('startpagina vt');
  await page.goto(`${daemon.baseUrl}/overdrachten`);
  await a11y('overdrachten vt');
  await page.goto(`${daemon.baseUrl}/overdrachten/nieuw`);
  await a11y('nieuwe overdracht');
  await page.selectOption('#receiving_organisation', 'triage');
  await page.check('#urgency-hoog');
  await page.fill('#household_name', FAMILY);
  await page.fill('#address', 'Proefweg 9, Venlo');
  await page.fill('#member-1-name', 'Els Klikproef');
  await page.fill('#member-1-birthdate', '1984-10-11');
  await page.fill('#member-2-name', 'Joep Klikproef');
  await page.fill('#member-2-birthdate', '2014-02-03');
  await submitAndWait(page, 'button[value="lid_toevoegen"]');
  assert.equal(await page.locator('input[name="member_name"]').count(), 3);
  assert.equal(await page.inputValue('#member-1-name'), 'Els Klikproef');
  assert.equal(await page.inputValue('#member-2-birthdate'), '2014-02-03');
  assert.equal(await page.inputValue('#household_name'), FAMILY);
  await a11y('overdracht met extra gezinslid');
  await page.fill('#member-3-name', 'Fenna Klikproef');
  // a typed date that is not (yet) valid survives adding a row
  await page.fill('#member-3-birthdate', '31-06-2017');
  await submitAndWait(page, 'button[value="lid_toevoegen"]');
  assert.equal(await page.inputValue('#member-3-birthdate'), '31-06-2017');
  await page.fill('#member-3-birthdate', '07-06-2017');
  await page.selectOption('#member-3-role', 'kind');
  // submit while incomplete: messages, input kept
  await submitAndWait(page, 'button[value="indienen"]');
  assert.match(await page.textContent('.error-summary'), /Vul de aanleiding in/);
  assert.equal(await page.inputValue('#member-3-name'), 'Fenna Klikproef');
  await a11y('overdracht met foutmeldingen');
  await page.fill('#reason', 'Melding door de school.');
  await page.fill('#investigation_outcome', 'Huiselijk geweld vastgesteld.');
  await page.fill('#risk_assessment', 'Onveilig met risico op herhaling.');
  await page.fill('#condition-1', 'Geen geweld waar de kinderen bij zijn.');
  await page.fill('#condition-2', 'Joep en Fenna gaan elke dag naar school.');
  await page.fill('#providers', 'Huisarts (test).');
  await page.fill('#agreements', 'Ouders werken mee.');
  await page.check('#family_informed-ja');
  await submitAndWait(page, 'button[value="indienen"]');
  assert.match(new URL(page.url()).pathname, /^\/overdrachten\/\d+$/);
  handoverUrl = new URL(page.url()).pathname;
  assert.match(await page.textContent('h1'), /Familie Klikproef/);
  assert.match(await page.textContent('main'), /Fenna Klikproef/);
  await a11y('ingediende overdracht (vt)');
  await checker.context.close();
  await context.close();
});

test('team leader takes it from the joint triage, records the warm handover and accepts it', async () => {
  const { context, page } = await session('teamleider');
  await checkA11y(page, 'startpagina teamleider');
  await page.goto(`${daemon.baseUrl}/overdrachten`);
  await checkA11y(page, 'inbox teamleider');
  await Promise.all([page.waitForNavigation(), page.click(`a[href="${handoverUrl}"]`)]);
  await checkA11y(page, 'overdracht (teamleider)');
  await page.fill('#take-reason', 'Gezin woont in Venlo-Noord.');
  await submitAndWait(page, 'form[action$="/overnemen"] button[type="submit"]');
  const today = nlDay();
  await page.fill('#held_date', today);
  await page.fill('#present', 'Veilig Thuis, wijkteam, beide ouders');
  await page.check('#family_present-ja');
  await page.fill('#outcome', 'Overdracht doorgenomen met het gezin.');
  await submitAndWait(page, 'form[action$="/warme-overdracht"] button[type="submit"]');
  assert.match(await page.textContent('main'), /Opgepakt door/);
  await checkA11y(page, 'overdracht in behandeling');
  await page.selectOption('#director', { label: 'Sanne Verhoeven' });
  await submitAndWait(page, 'form[action$="/accepteren"] button[type="submit"]');
  // accepting cannot be undone: a second page (no JavaScript) asks to confirm
  assert.match(await page.textContent('h1'), /Overdracht accepteren\?/);
  await checkA11y(page, 'bevestigen accepteren');
  await submitAndWait(page, 'button[name="bevestigd"][value="ja"]');
  assert.match(new URL(page.url()).pathname, /^\/casussen\/\d+$/);
  caseUrl = new URL(page.url()).pathname;
  assert.match(await page.textContent('main'), /Sanne Verhoeven/);
  await checkA11y(page, 'casus (teamleider)');
  await page.goto(`${daemon.baseUrl}/casussen`);
  await checkA11y(page, 'casussen teamleider');
  await page.goto(`${daemon.baseUrl}/cijfers`);
  await checkA11y(page, 'procescijfers');
  await context.close();
});

test('the regisseur updates a safety condition and writes the feedback', async () => {
  const { context, page } = await session('professional');
  await checkA11y(page, 'startpagina professional');
  await page.goto(`${daemon.baseUrl}${caseUrl}`);
  await checkA11y(page, 'casus (regisseur)');
  const select = page.locator('select[id^="status-"]').first();
  await select.selectOption('afgesproken');
  await submitAndWait(page, 'form[action$="/voorwaarden"] button[type="submit"]');
  assert.match(await page.textContent('main'), /afgesproken/);
  await page.fill('#agreements', 'Veiligheidsplan gemaakt met beide ouders.');
  await page.check('#with_family-ja');
  await page.fill('#agreed_on', nlDay());
  await submitAndWait(page, 'form[action$="/terugkoppeling"] button[type="submit"]');
  assert.match(await page.textContent('main'), /Veiligheidsplan gemaakt met beide ouders/);
  await checkA11y(page, 'casus na terugkoppeling');
  await context.close();
});

test('Veilig Thuis sees the feedback and condition status; the print view is an A4 PDF with the family name', async () => {
  const { context, page } = await session('vt');
  await page.goto(`${daemon.baseUrl}${handoverUrl}`);
  const text = await page.textContent('main');
  assert.match(text, /Veiligheidsplan gemaakt met beide ouders/);
  assert.match(text, /status: afgesproken/);
  await checkA11y(page, 'overdracht met terugkoppeling (vt)');
  await page.goto(`${daemon.baseUrl}${handoverUrl}/afdrukken`);
  await checkA11y(page, 'afdrukversie');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-pdf-'));
  try {
    const file = path.join(dir, 'overdracht.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595(\.\d+)? x 842/);
    assert.ok(Number(/Pages:\s+(\d+)/.exec(info)[1]) >= 1);
    const out = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.match(out, /Familie Klikproef/);
    assert.match(out, /Veiligheidsvoorwaarden/);
    assert.ok(!out.includes('Uitloggen'), 'no navigation or buttons on paper');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await context.close();
});

await run({ timeoutMs: 120_000, after: async () => { await browser.close(); await daemon.stop(); } });
