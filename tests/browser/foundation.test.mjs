// foundation.test.mjs — in headless Chromium: every demo role logs in, sees the
// navigation its roles allow and nothing else, and logs out; the login form works
// without JavaScript; the keyboard reaches the skip link; axe finds no WCAG 2.1
// A/AA violation on any page visited.
// @long: with walk.test.mjs the longest browser file; it starts first (../run_files.mjs).
import assert from 'node:assert/strict';
import { test, run, startDaemon, launchBrowser, login, checkA11y, DEMO_PASSWORD } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();

// What each role's menu must show (the route table decides; this is the expectation).
const expectedNav = {
  vt: ['Mijn werk'],
  teamleider: ['Mijn werk'],
  professional: ['Mijn werk'],
  partner: ['Mijn werk'],
  secretaris: ['Mijn werk'],
  leertafellid: ['Mijn werk'],
  beleid: ['Mijn werk'],
  beheerder: ['Mijn werk', 'Beheer'],
};
const areaNav = {
  Overdrachten: ['vt', 'teamleider'],
  Casussen: ['teamleider', 'professional', 'partner'],
  Procescijfers: ['vt', 'teamleider', 'beleid'],
  Leertafel: ['secretaris', 'leertafellid'],
};

for (const role of Object.keys(expectedNav)) {
  test(`${role} logs in, sees the right navigation, logs out`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, daemon.baseUrl, role, DEMO_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('h1').innerText(), /Mijn werk/);
    const nav = await page.locator('nav.site-nav a').allInnerTexts();
    for (const item of expectedNav[role]) assert.ok(nav.includes(item), `${role} sees ${item}`);
    for (const [item, roles] of Object.entries(areaNav)) {
      if (!roles.includes(role)) assert.ok(!nav.includes(item), `${role} must not see ${item}`);
    }
    if (role !== 'beheerder') assert.ok(!nav.includes('Beheer'));
    assert.ok(await page.locator('.demo-banner').isVisible(), 'demo banner');
    await checkA11y(page, `start page ${role}`);
    for (const link of nav.slice(1)) {
      await page.locator('nav.site-nav a', { hasText: link }).first().click();
      await page.waitForLoadState('load');
      await checkA11y(page, `${link} (${role})`);
    }
    if (role === 'partner') {
      // one's own password, from the header; a wrong current password is refused at the field
      await page.getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
      await page.waitForLoadState('load');
      await checkA11y(page, 'wachtwoord wijzigen');
      await page.fill('#current_password', 'niet-het-goede-wachtwoord');
      await page.fill('#password', 'tulpen langs de maas');
      await page.fill('#password2', 'tulpen langs de maas');
      await page.click('main button[type=submit]');
      assert.match(await page.locator('#current_password-error').innerText(), /niet uw huidige wachtwoord/);
      await checkA11y(page, 'wachtwoord wijzigen, fout');
    }
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/login');
    assert.match(await page.locator('main').innerText(), /U bent uitgelogd/);
    await page.goto(`${daemon.baseUrl}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'logged out for real');
    assert.doesNotMatch(await page.locator('main').innerText(), /U bent uitgelogd/, 'said once');
    await context.close();
  });
}

test('login works without JavaScript; failure keeps the username, Dutch message', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${daemon.baseUrl}/login`);
  await page.fill('#username', 'vt');
  await page.fill('#password', 'helemaal-fout');
  await page.click('form.login-form button[type=submit]');
  assert.match(await page.content(), /niet bekend/);
  assert.equal(await page.inputValue('#username'), 'vt');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form.login-form button[type=submit]');
  await page.waitForURL(`${daemon.baseUrl}/`);
  assert.match(await page.locator('h1').innerText(), /Mijn werk/);
  await context.close();
});

test('login, error and licence pages pass axe; the skip link is the first stop of the keyboard', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${daemon.baseUrl}/login`);
  await checkA11y(page, 'login');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.match(focused, /Direct naar de inhoud/);
  await page.goto(`${daemon.baseUrl}/bestaat-niet`);
  await checkA11y(page, '404 page');
  await page.goto(`${daemon.baseUrl}/licenties`);
  await checkA11y(page, 'licences');
  await context.close();
});

test('administration pages pass axe and create a user by keyboard-friendly form', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, daemon.baseUrl, 'beheerder', DEMO_PASSWORD);
  await page.goto(`${daemon.baseUrl}/beheer`);
  await checkA11y(page, 'beheer');
  await page.click('text=Nieuwe gebruiker');
  await checkA11y(page, 'nieuwe gebruiker');
  await page.fill('#username', 'm.bakker');
  await page.fill('#name', 'Marieke Bakker');
  await page.selectOption('#organisation', { label: 'JGZ Noord-Limburg (demo)' });
  await page.check('#role-partner');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Opslaan")')]);
  // a partner reaches client data: the account waits for a second person, who is
  // handed the link (issue 10 item 6; tests/browser/two_factor.test.mjs goes on)
  assert.match(await page.locator('main').innerText(), /pas in als een tweede persoon het bevestigt/);
  assert.equal(await page.locator('.reset-link').count(), 0, 'no link for the administrator who asked');
  await checkA11y(page, 'gebruiker aangemaakt');
  await page.goto(`${daemon.baseUrl}/beheer/organisaties/nieuw`);
  await page.click('button:has-text("Opslaan")');
  await checkA11y(page, 'organisatie met fouten');
  await context.close();
});

test('session expires while typing: log in again, send the form on, nothing lost', async () => {
  const { execFileSync } = await import('node:child_process');
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, daemon.baseUrl, 'beheerder', DEMO_PASSWORD);
  await page.goto(`${daemon.baseUrl}/beheer/organisaties/nieuw`);
  await page.fill('#name', 'GGZ Oost (na verlopen sessie)');
  await page.selectOption('#kind', 'ggz');
  execFileSync('sqlite3', [daemon.db, "UPDATE session SET last_seen = last_seen - 3600"]);
  await page.click('button:has-text("Opslaan")');
  assert.match(await page.locator('h1').innerText(), /Uw sessie is verlopen/);
  await checkA11y(page, 'session expired');
  await page.fill('#username', 'beheerder');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('form.login-form button[type=submit]');
  assert.match(await page.locator('h1').innerText(), /Formulier opnieuw versturen/);
  await checkA11y(page, 'resume form');
  await page.click('button:has-text("Formulier opnieuw versturen")');
  await page.waitForURL('**/beheer');
  assert.match(await page.content(), /GGZ Oost \(na verlopen sessie\)/);
  await context.close();
});

await run({ after: async () => { await browser.close(); await daemon.stop(); } });
