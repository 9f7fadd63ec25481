// tests/browser/privacy.test.mjs — the privacy officer's search and report (issue 10,
// item 1) clicked through in Chromium: a partial name finds nothing, the exact name and
// birth date find the household, its access log filters by kind and has no contents;
// and the regisseur's view of the family's access log with its A4 print. axe (WCAG 2.1
// A/AA) on every page.
//
//   node tests/browser/privacy.test.mjs        (release build: build/rel/ketenregie)
import assert from 'node:assert/strict';
import { test, run, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();

async function asUser(username, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await login(page, daemon.baseUrl, username);
    await fn(page);
  } finally {
    await context.close();
  }
}

test('the privacy officer finds a household by exact name and birth date and reads its access log', async () => {
  await asUser('privacy', async (page) => {
    await page.click('nav.site-nav a:has-text("Privacy")');
    assert.match(page.url(), /\/privacy$/);
    await checkA11y(page, 'privacy: search form');
    await page.fill('#naam', 'Linda');
    await page.fill('#geboortedatum', '1988-04-17');
    await page.click('form[aria-label="Huishouden zoeken"] button');
    assert.match(await page.textContent('main'), /Geen huishouden met een gezinslid met precies deze naam/);
    await page.fill('#naam', '');
    await page.click('form[aria-label="Huishouden zoeken"] button');
    assert.match(await page.textContent('.error-summary'), /Volledige naam/);
    await checkA11y(page, 'privacy: search with a message at the field');
    await page.fill('#naam', 'Linda de Vries');
    await page.fill('#geboortedatum', '1988-04-17');
    await page.click('form[aria-label="Huishouden zoeken"] button');
    await checkA11y(page, 'privacy: household found');
    await page.click('a:has-text("Toegangslog van huishouden")');
    assert.match(page.url(), /\/privacy\/huishoudens\/\d+$/);
    const text = await page.textContent('main');
    assert.doesNotMatch(text, /Familie De Vries|Demostraat|17-04-1988/, 'no contents of the file');
    assert.match(text, /Toegangslog van huishouden/);
    await checkA11y(page, 'privacy: household access log');
    await page.selectOption('#actie', 'lijst');
    await page.click('form[aria-label="Filter"] button');
    assert.match(page.url(), /actie=lijst/);
    const kinds = await page.$$eval('tbody tr td:nth-child(5)', (tds) => tds.map((t) => t.textContent.trim()));
    assert.ok(kinds.every((k) => k === 'In een lijst'), kinds.join(','));
    await checkA11y(page, 'privacy: filtered access log');
    // a user's log
    await page.goto(`${daemon.baseUrl}/privacy?gebruiker=partner`);
    await page.click('a:has-text("Mark Janssen")');
    assert.match(await page.textContent('h1'), /Toegangslog van Mark Janssen/);
    await checkA11y(page, 'privacy: user access log');
  });
});

test("the regisseur shows the family its access log, on screen and on A4", async () => {
  await asUser('professional', async (page) => {
    await page.goto(`${daemon.baseUrl}/casussen/1`);
    await page.click('a:has-text("Wie heeft het dossier ingezien")');
    assert.match(await page.textContent('h1'), /Wie heeft het dossier van Familie De Vries/);
    await checkA11y(page, 'regisseur: family access log');
    await page.click('a:has-text("Afdrukken (A4)")');
    await page.emulateMedia({ media: 'print' });
    assert.match(await page.textContent('main'), /Afgedrukt op/);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
    await page.emulateMedia({ media: 'screen' });
    await checkA11y(page, 'regisseur: family access log, print');
    await page.goto(`${daemon.baseUrl}/casussen/1/inzage`);
    await checkA11y(page, 'regisseur: household export');
  });
});

await run({ after: async () => { await browser.close(); await daemon.stop(); } });
