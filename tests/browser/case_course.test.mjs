// tests/browser/case_course.test.mjs — the course of a case clicked through in
// headless Chromium without JavaScript (issue 8): the regisseur involves the school,
// holds a round-table meeting with it (an agreement for the school), moves the case
// to phase 2, escalates to the team leader, who decides from his start page; later
// the case moves to phase 4 and is closed — first refused without a toekomstplan,
// the input kept — with a toekomstplan. axe (WCAG 2.1 A/AA) on every page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, nlDay, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const today = nlDay();
let caseUrl = '';
let reg = null;

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
async function a11y(who, label) {
  await who.checker.page.goto(`${daemon.baseUrl}/`);
  await who.checker.page.setContent(await who.page.content(), { waitUntil: 'load' });
  await checkA11y(who.checker.page, label);
}

test('the regisseur involves the school and holds a round-table meeting with it', async () => {
  const { context, page } = await session('professional', { javaScriptEnabled: false });
  reg = { context, page, checker: await session('professional') };
  await page.goto(`${daemon.baseUrl}/casussen?zoek=smits`);
  await a11y(reg, 'casussen gezocht');
  await Promise.all([page.waitForNavigation(), page.locator('tr', { hasText: 'Familie Smits (demo)' }).locator('a').first().click()]);
  caseUrl = new URL(page.url()).pathname;
  await page.selectOption('#organisation', { label: 'Basisschool De Regenboog (demo)' });
  await page.selectOption('#user', { label: 'Mark Janssen (ketenpartner)' });
  await page.fill('#role_in_case', 'intern begeleider');
  await page.check('#basis-toestemming');
  await page.fill('#consent_of', 'moeder');
  await page.fill('#consent_on', today);
  await page.check('#family_informed-ja');
  await page.fill('#informed_on', today);
  await page.fill('#informed_by', 'Sanne Verhoeven');
  await submitAndWait(page, 'button:has-text("Betrekken bij de casus")');
  await a11y(reg, 'casus met fase, opschalen en afsluiten');

  await Promise.all([page.waitForNavigation(), page.locator('a:has-text("Rondetafeloverleggen")').click()]);
  await page.fill('#start_time', '15:00');
  await page.fill('#location', 'Basisschool De Regenboog');
  await page.check('label:has-text("Mark Janssen")');
  await page.fill('#agenda', 'Hoe gaat het met Lisa op school?');
  await a11y(reg, 'overleg plannen');
  await submitAndWait(page, 'button:has-text("Overleg plannen")');
  assert.match(page.url(), /\/overleggen\/\d+$/);
  await page.check('label:has-text("Mark Janssen")');
  await page.check('#family_present-ja');
  await page.fill('#notes', 'Lisa is vrolijker; moeder en school houden contact.');
  await page.fill('#agr_what-1', 'Wekelijks kort contact tussen mentor en moeder.');
  await page.selectOption('#agr_who-1', { label: 'Mark Janssen (Basisschool De Regenboog (demo))' });
  await page.fill('#agr_due-1', '2027-03-01');
  await page.selectOption('#agr_part-1', { label: await page.locator('#agr_part-1 option', { hasText: 'Signalen' }).first().innerText() });
  await submitAndWait(page, 'button:has-text("Verslag opslaan")');
  assert.match(await page.locator('#afspraken-kop').locator('..').innerText(), /Wekelijks kort contact tussen mentor en moeder\.[\s\S]*Mark Janssen/);
  await a11y(reg, 'verslag rondetafeloverleg');
  // the minutes on A4 paper: "Vertrouwelijk", the case and the meeting named, no form
  const meetingId = /\/overleggen\/(\d+)$/.exec(page.url())[1];
  const caseId = /\/casussen\/(\d+)/.exec(page.url())[1];
  await page.emulateMedia({ media: 'print' });
  const hidden = await page.$$eval('form', (fs) => fs.map((f) => getComputedStyle(f).display));
  assert.ok(hidden.length > 0 && hidden.every((d) => d === 'none'), `forms printed: ${hidden}`);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-rto-pdf-'));
  try {
    writeFileSync(path.join(dir, 'rto.pdf'), pdf);
    const info = execFileSync('pdfinfo', [path.join(dir, 'rto.pdf')], { encoding: 'utf8' });
    assert.match(info, /Page size:.*\(A4\)/);
    const text = execFileSync('pdftotext', ['-raw', path.join(dir, 'rto.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`Vertrouwelijk — casus ${caseId}, overleg ${meetingId}`));
    assert.match(text, new RegExp(`Casus ${caseId}, Familie Smits \\(demo\\): overleg ${meetingId} van`));
    assert.match(text, /Pagina 1 van \d+/);
    assert.match(text, /Wekelijks kort contact tussen mentor en moeder\./);
    assert.doesNotMatch(text, /Verslag opslaan|Afspraak toevoegen|Alle overleggen/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // the school sees the agreement asked of it on its start page
  const school = await session('partner');
  await school.page.goto(`${daemon.baseUrl}/`);
  assert.match(await school.page.content(), /Wekelijks kort contact tussen mentor en moeder/);
  await school.context.close();
});

test('phase 2, and an escalation to the team leader, who decides from his start page', async () => {
  const { page } = reg;
  await page.goto(`${daemon.baseUrl}${caseUrl}`);
  await page.selectOption('#to_phase', '2');
  await page.fill('#phase_reason', 'Veiligheidsplan werkt; geen incidenten.');
  await submitAndWait(page, 'button:has-text("Fase vastleggen")');
  assert.match(await page.locator('#fase-kop').locator('..').innerText(), /Huidige fase: 2 Stabiele veiligheid/);
  await page.selectOption('#level', 'teamleider');
  await page.fill('#escalate_reason', 'Vader werkt niet mee aan de afspraken.');
  await page.fill('#asked', 'Teamleider: gesprek met vader en zijn werkgever.');
  await submitAndWait(page, 'button:has-text("Opschalen")');
  assert.match(await page.locator('#opschalen-kop').locator('..').innerText(), /wacht op besluit/);
  await a11y(reg, 'casus opgeschaald');

  const tlNoJs = await session('teamleider', { javaScriptEnabled: false });
  const tl = { ...tlNoJs, checker: await session('teamleider') };
  await tl.page.goto(`${daemon.baseUrl}/`);
  await a11y(tl, 'startpagina teamleider');
  await Promise.all([tl.page.waitForNavigation(), tl.page.locator('#opschalingen-team-kop').locator('..').locator('a', { hasText: 'Familie Smits (demo)' }).click()]);
  const form = tl.page.locator('form[action*="/besluit"]');
  await form.locator('textarea').fill('Ik spreek vader deze week; bij geen verbetering naar het ZVH.');
  await Promise.all([tl.page.waitForNavigation(), form.locator('button').click()]);
  assert.match(await tl.page.locator('#opschalen-kop').locator('..').innerText(), /Besluit .*Joost Peeters.*Ik spreek vader deze week/);
  await a11y(tl, 'besluit op opschaling');
  await tl.checker.context.close();
  await tl.context.close();
});

test('later: phase 4, closing refused without a toekomstplan (input kept), then closed with one', async () => {
  const { page } = reg;
  await page.goto(`${daemon.baseUrl}${caseUrl}`);
  await page.selectOption('#to_phase', '4');
  await page.fill('#phase_reason', 'Doelen gehaald; stabilisatie.');
  await submitAndWait(page, 'button:has-text("Fase vastleggen")');
  await page.fill('#close_reason', 'Veilig en stabiel; gezin wil zelf verder.');
  await submitAndWait(page, 'button:has-text("Casus afsluiten")');
  assert.match(await page.locator('.error-summary').innerText(), /toekomstplan/);
  assert.equal(await page.inputValue('#close_reason'), 'Veilig en stabiel; gezin wil zelf verder.');
  await a11y(reg, 'afsluiten zonder toekomstplan');
  await page.fill('#relapse_signals', 'Lisa trekt zich terug; moeder zegt afspraken af.');
  await page.fill('#family_calls', 'Moeder belt het wijkteam.');
  await page.selectOption('#watch_org', { label: 'Basisschool De Regenboog (demo)' });
  await page.fill('#watch_what', 'Aanwezigheid en stemming van Lisa');
  await page.fill('#watch_until', '2027-07-01');
  await page.fill('#check_on_1', '2027-02-01');
  await submitAndWait(page, 'button:has-text("Casus afsluiten")');
  const text = await page.locator('main').innerText();
  assert.match(text, /Afgesloten op .* vanuit fase 4 Stabilisatie/);
  assert.match(text, /Toekomstplan[\s\S]*Lisa trekt zich terug/);
  assert.match(text, /Casus heropenen/);
  await a11y(reg, 'gesloten casus met toekomstplan');
  await reg.checker.context.close();
  await reg.context.close();
});

await run({ timeoutMs: 120_000, after: async () => { await browser.close(); await daemon.stop(); } });
