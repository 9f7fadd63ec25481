// two_factor.test.mjs — in headless Chromium (issue 10 items 5 and 6): a beheerder
// asks for a professional's account, the team leader confirms it on the start page
// and is handed the one-time link; the new professional sets a password, enrols the
// second factor with the QR code (the code is computed here from the secret the page
// shows in text), keeps the recovery codes, and logs in again with a fresh code.
// axe finds no WCAG 2.1 A/AA violation on any of these pages.
import assert from 'node:assert/strict';
import { test, run, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';
import { totpCode, totpStep } from '../http/lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const PASSWORD = 'vier ogen zien meer dan twee';

async function logout(page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL('**/login');
}

let link; // the one-time link the team leader was handed
let secret; let step; // what the enrolment page showed, and the step of the code typed
let own; let p; // the new professional's browser

test('a beheerder asks for a professional account; the team leader confirms and is handed the link', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(8000);

  // the beheerder asks; no link for him
  await login(page, daemon.baseUrl, 'beheerder');
  await page.goto(`${daemon.baseUrl}/beheer/gebruikers/nieuw`);
  await page.fill('#username', 'b.tweestap');
  await page.fill('#name', 'Bo Tweestap');
  await page.selectOption('#organisation', { label: 'Wijkteam Venlo-Noord (demo)' });
  await page.check('#role-professional');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]:has-text("Opslaan")')]);
  const asked = await page.locator('main').innerText();
  assert.match(asked, /pas in als een tweede persoon het bevestigt/);
  assert.doesNotMatch(asked, /wachtwoord\?t=/);
  await checkA11y(page, 'account asked, waits for confirmation');
  await logout(page);

  // the team leader confirms on the start page and is handed the link
  await login(page, daemon.baseUrl, 'teamleider');
  const panel = page.locator('section[aria-labelledby="home-account-changes"]');
  assert.match(await panel.innerText(), /Bo Tweestap \(b\.tweestap\)/);
  await checkA11y(page, 'start page with a change to confirm');
  await Promise.all([page.waitForNavigation(),
    panel.getByRole('button', { name: 'Bevestigen: Nieuw account voor b.tweestap' }).click()]);
  link = (await page.locator('.reset-link').innerText()).trim();
  assert.match(link, /\/wachtwoord\?t=[0-9a-f]{64}$/);
  await checkA11y(page, 'confirmed, link shown');
  await logout(page);
  await context.close();
});

test('the new professional enrols the second factor with the QR code and keeps ten recovery codes', async () => {
  assert.ok(link, 'confirmed by the test before');
  own = await browser.newContext();
  p = await own.newPage();
  p.setDefaultTimeout(8000);
  await p.goto(link);
  await p.fill('#password', PASSWORD);
  await p.fill('#password2', PASSWORD);
  await Promise.all([p.waitForNavigation(), p.click('main button[type=submit]')]);
  await login(p, daemon.baseUrl, 'b.tweestap', PASSWORD);
  assert.equal(new URL(p.url()).pathname, '/login/instellen');
  const qr = p.getByRole('img', { name: /QR-code/ });
  assert.ok(await qr.isVisible(), 'the QR code is drawn');
  const box = await qr.boundingBox();
  assert.ok(box.width >= 200 && box.height >= 200, 'large enough to scan');
  await checkA11y(p, 'second factor enrolment');
  secret = (await p.locator('#secret-text').innerText()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  // a wrong code first: the message at the field
  await p.fill('#code', '000000');
  await Promise.all([p.waitForNavigation(), p.click('main form[action="/login/instellen"] button[type=submit]')]);
  assert.match(await p.locator('#code-error').innerText(), /klopt niet/);
  await checkA11y(p, 'second factor enrolment, wrong code');
  step = totpStep();
  await p.fill('#code', totpCode(secret, step));
  await Promise.all([p.waitForNavigation(), p.click('main form[action="/login/instellen"] button[type=submit]')]);
  const codes = await p.locator('ul.recovery-codes code').allInnerTexts();
  assert.equal(codes.length, 10);
  await checkA11y(p, 'recovery codes');
  await Promise.all([p.waitForNavigation(), p.getByRole('link', { name: /naar mijn werk/ }).click()]);
  assert.match(await p.locator('h1').innerText(), /Mijn werk/);
  await logout(p);
});

test('the next login asks for a code: the one already used is refused, a fresh one works', async () => {
  assert.ok(secret, 'enrolled by the test before');
  await login(p, daemon.baseUrl, 'b.tweestap', PASSWORD);
  assert.equal(new URL(p.url()).pathname, '/login/code');
  await checkA11y(p, 'code page');
  await p.fill('#code', totpCode(secret, step));
  await Promise.all([p.waitForNavigation(), p.click('main button[type=submit]')]);
  assert.match(await p.locator('#code-error').innerText(), /al gebruikt/);
  await checkA11y(p, 'code page, refused');
  await p.fill('#code', totpCode(secret, step + 1));
  await Promise.all([p.waitForNavigation(), p.click('main button[type=submit]')]);
  assert.match(await p.locator('h1').innerText(), /Mijn werk/);
  await own.close();
});

await run({ after: async () => { await browser.close(); await daemon.stop(); } });
