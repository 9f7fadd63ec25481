// tests/browser/family_plan.test.mjs — the family plan clicked through in headless Chromium
// without JavaScript (issue 8): the regisseur scores a ZRM domain (a refused score first:
// the message at the row, the input kept), adds a goal, records an evaluation with the family
// and sees the chart with the same numbers as its table. axe (WCAG 2.1 A/AA) on every page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, nlDay, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const q = (s) => JSON.parse(execFileSync('sqlite3', ['-readonly', '-json', daemon.db, s], { encoding: 'utf8' }) || '[]');
const CASE = q("SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = 'Familie De Vries (demo)'")[0].id;
const LINDA = q(`SELECT p.id FROM person p JOIN casefile c ON c.household_id = p.household_id WHERE c.id = ${CASE} AND p.name = 'Linda de Vries'`)[0].id;
const PLAN = `${daemon.baseUrl}/casussen/${CASE}/gezinsplan`;

async function submitAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

test('the regisseur scores the ZRM, adds a goal, records an evaluation and sees the chart', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, daemon.baseUrl, 'professional');
  const checkerContext = await browser.newContext();
  const checker = await checkerContext.newPage();
  await login(checker, daemon.baseUrl, 'professional');
  const a11y = async (label) => {
    await checker.goto(`${daemon.baseUrl}/`);
    await checker.setContent(await page.content(), { waitUntil: 'load' });
    await checkA11y(checker, label);
  };
  await page.goto(PLAN);
  const today = nlDay();
  // Werk & opleiding (domain 2) for Linda: "niet beoordeeld" without a reason first
  await page.selectOption(`#zrm-${LINDA}-2-score`, 'nb');
  await page.fill('#goal-3-what', 'Linda zoekt vrijwilligerswerk (klikproef)');
  await submitAndWait(page, 'button:has-text("Gezinsplan opslaan")');
  assert.match(await page.textContent(`#zrm-${LINDA}-2`), /Schrijf waarom dit domein niet beoordeeld is/);
  assert.equal(await page.inputValue('#goal-3-what'), 'Linda zoekt vrijwilligerswerk (klikproef)', 'input kept');
  await a11y('gezinsplan met foutmelding');
  await page.selectOption(`#zrm-${LINDA}-2-score`, '4');
  await page.fill(`#zrm-${LINDA}-2-date`, today);
  await page.fill(`#zrm-${LINDA}-2-source`, 'gesprek met Linda (klikproef)');
  await page.selectOption('#goal-3-domain', '2');
  await page.selectOption('#goal-3-target', '4');
  await page.fill('#goal-3-who', 'Linda');
  await submitAndWait(page, 'button:has-text("Gezinsplan opslaan")');
  assert.match(await page.textContent('main'), /Opgeslagen als versie 3/);
  assert.match(await page.textContent('main'), /Linda zoekt vrijwilligerswerk \(klikproef\)/);

  await page.goto(`${daemon.baseUrl}/casussen/${CASE}/evaluaties`);
  await a11y('evaluaties');
  await page.fill('#family_view', 'Linda is blij met de stap naar werk (klikproef).');
  await page.selectOption('#conclusion', 'doorgaan');
  await submitAndWait(page, 'button:has-text("Evaluatie vastleggen")');
  assert.match(page.url(), /\/evaluaties\/\d+$/);
  assert.equal(await page.locator('svg.ev-chart[role="img"]').count(), 1, 'the chart');
  const table = await page.locator('#zrm-tabel tbody tr').allTextContents();
  assert.ok(table.some((t) => t.includes('Linda de Vries') && t.includes('Werk & opleiding')));
  // the chart's numbers equal the table's
  const bars = await page.locator('svg.ev-chart rect[data-score]').evaluateAll((els) => els.map((e) => e.getAttribute('data-score')));
  const cells = await page.locator('#zrm-tabel tbody tr').evaluateAll((rows) => rows.flatMap((r) => [r.querySelector('.start').textContent, r.querySelector('.nu').textContent]));
  assert.deepEqual(bars, cells);
  await a11y('evaluatie met grafiek');
  await context.close();
  await checkerContext.close();
});

// the plan page is large (13 domains per member): axe takes a while on it
await run({ timeoutMs: 150_000, after: async () => { await browser.close(); await daemon.stop(); } });
