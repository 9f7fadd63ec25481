// tests/browser/safety_plan.test.mjs — the safety plan clicked through in headless Chromium
// (issue 7): the regisseur, without JavaScript, adds lines with "Meer regels" (everything
// typed kept), writes an agreement for the school and records the plan as agreed with the
// family; the family version prints to A4 (PDF text: the agreements and the crisis numbers,
// "Vertrouwelijk" and a page number on every page, never the risk assessment); the school
// sees "nieuw veiligheidsplan" on its start page; Veilig Thuis sees the conditions and the
// agreements on its handover; a save against an older version shows the conflict page.
// axe (WCAG 2.1 A/AA) on every page visited.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, nlDay, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const q = (s) => JSON.parse(execFileSync('sqlite3', ['-readonly', '-json', daemon.db, s], { encoding: 'utf8' }) || '[]');
const CASE = q("SELECT c.id FROM casefile c JOIN household h ON h.id = c.household_id WHERE h.name = 'Familie De Vries (demo)'")[0].id;
const SCHOOL = q("SELECT id FROM organisation WHERE name = 'Basisschool De Regenboog (demo)'")[0].id;
const PLAN = `${daemon.baseUrl}/casussen/${CASE}/veiligheidsplan`;
const AGREEMENT = 'Belt de regisseur als Noah of Tess niet op school is (klikproef).';

async function session(username, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await login(page, daemon.baseUrl, username);
  return { context, page };
}

async function submitAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(locator).first().click()]);
}

test('the regisseur writes the plan without JavaScript and records it as agreed with the family', async () => {
  const { context, page } = await session('professional', { javaScriptEnabled: false });
  const checker = await session('professional');
  const a11y = async (label) => {
    await checker.page.goto(`${daemon.baseUrl}/`);
    await checker.page.setContent(await page.content(), { waitUntil: 'load' });
    await checkA11y(checker.page, label);
  };
  await page.goto(PLAN);
  await a11y('veiligheidsplan (regisseur)');
  const rowsBefore = await page.locator('textarea[name="agr_what"]').count();
  await page.locator('textarea[name="danger"]').last().fill('Mama zegt: ik ben bang als papa gaat drinken.');
  await submitAndWait(page, 'button[value="meer_regels"]');
  assert.equal(await page.locator('textarea[name="agr_what"]').count(), rowsBefore + 3, 'three more rows');
  assert.equal(await page.locator('textarea[name="danger"]').nth(1).inputValue(), 'Mama zegt: ik ben bang als papa gaat drinken.');
  const empty = rowsBefore; // the first of the new rows (0-based)
  await page.locator('select[name="agr_owner"]').nth(empty).selectOption(`org-${SCHOOL}`);
  await page.locator('input[name="agr_who"]').nth(empty).fill('Intern begeleider');
  await page.locator('textarea[name="agr_what"]').nth(empty).fill(AGREEMENT);
  await page.locator('input[name="agr_when"]').nth(empty).fill('elke schooldag');
  const today = nlDay();
  await page.fill('#agreed_on', today);
  await submitAndWait(page, 'button[formaction$="/vaststellen"]');
  const main = await page.textContent('main');
  assert.match(main, /Opgeslagen als versie 4/);
  assert.match(main, /Vastgesteld met het gezin op/);
  assert.ok(main.includes(AGREEMENT));
  assert.equal(q(`SELECT status FROM safety_plan_version WHERE case_id = ${CASE} ORDER BY n DESC LIMIT 1`)[0].status, 'vastgesteld');
  // a version and a comparison
  await page.goto(`${PLAN}/versies/4?met=3`);
  assert.match(await page.textContent('main'), /toegevoegd/);
  await a11y('versie vergeleken');
  await checker.context.close();
  await context.close();
});

test('the family version prints on A4: agreements and crisis numbers, "Vertrouwelijk" and page numbers, no risk assessment', async () => {
  const { context, page } = await session('professional');
  await page.goto(`${PLAN}/afdrukken`);
  await checkA11y(page, 'afdrukversie gezin');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-sp-pdf-'));
  try {
    const file = path.join(dir, 'plan.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595(\.\d+)? x 842/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(text.includes('Belt de regisseur als Noah of Tess niet op school is'), 'the agreement');
    for (const n of ['112', '0800-2000', 'Ons veiligheidsplan', 'Wanneer praten we weer']) assert.ok(text.includes(n), n);
    const risk = q(`SELECT risk_assessment FROM handover WHERE case_id = ${CASE} LIMIT 1`)[0].risk_assessment;
    assert.ok(!text.includes(risk.slice(0, 25)), 'never the risk assessment');
    assert.ok(!text.includes('Uitloggen') && !text.includes('Opslaan'), 'no forms or navigation');
    // every page: "Vertrouwelijk" and "Pagina i van n"
    for (let i = 1; i <= pages; i++) {
      const pageText = execFileSync('pdftotext', ['-f', String(i), '-l', String(i), file, '-'], { encoding: 'utf8' });
      assert.match(pageText, /Vertrouwelijk/, `page ${i}`);
      assert.match(pageText, new RegExp(`Pagina ${i} van ${pages}`), `page number on page ${i}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await context.close();
});

test('the school sees "nieuw veiligheidsplan" on its start page and only its parts', async () => {
  const { context, page } = await session('partner');
  const link = page.locator('a', { hasText: 'nieuw veiligheidsplan: Familie De Vries' });
  assert.equal(await link.count(), 1);
  await checkA11y(page, 'startpagina school met nieuw veiligheidsplan');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  const main = await page.textContent('main');
  assert.ok(main.includes(AGREEMENT), 'its own agreement');
  assert.ok(!main.includes('consultatiebureau') && !main.includes('Mama zegt'), 'nothing of other parts');
  await checkA11y(page, 'veiligheidsplan (school)');
  await page.goto(`${daemon.baseUrl}/`);
  assert.equal(await page.locator('a', { hasText: 'nieuw veiligheidsplan: Familie De Vries' }).count(), 0, 'gone once opened');
  await context.close();
});

test('Veilig Thuis sees the agreed plan\'s conditions and agreements on its handover', async () => {
  const { context, page } = await session('vt', { javaScriptEnabled: false });
  const h = q(`SELECT id FROM handover WHERE case_id = ${CASE} ORDER BY id LIMIT 1`)[0].id;
  await page.goto(`${daemon.baseUrl}/overdrachten/${h}`);
  const main = await page.textContent('main');
  assert.match(main, /Veiligheidsplan, vastgesteld met het gezin op/);
  assert.ok(main.includes(AGREEMENT));
  assert.match(main, /Veiligheidsvoorwaarden en hun status nu/);
  const checker = await session('vt');
  await checker.page.goto(`${daemon.baseUrl}/overdrachten/${h}`);
  await checkA11y(checker.page, 'overdracht met vastgesteld veiligheidsplan (vt)');
  await checker.context.close();
  await context.close();
});

test('a save against an older version shows the conflict page, accessible, with the input kept', async () => {
  const one = await session('professional');
  const two = await session('professional');
  await one.page.goto(PLAN);
  await two.page.goto(PLAN);
  await one.page.locator('textarea[name="danger"]').last().fill('Eerste browser.');
  await submitAndWait(one.page, 'button[value="opslaan"]');
  await two.page.locator('textarea[name="danger"]').last().fill('Tweede browser.');
  const [resp] = await Promise.all([two.page.waitForNavigation({ waitUntil: 'load' }), two.page.locator('button[value="opslaan"]').first().click()]);
  assert.equal(resp.status(), 409);
  const main = await two.page.textContent('main');
  assert.match(main, /intussen gewijzigd/);
  assert.ok(main.includes('Eerste browser.'));
  assert.equal(await two.page.locator('textarea[name="danger"]', { hasText: 'Tweede browser.' }).count(), 1);
  await checkA11y(two.page, 'conflictpagina veiligheidsplan');
  await one.context.close();
  await two.context.close();
});

await run({ after: async () => { await browser.close(); await daemon.stop(); } });
