// tests/browser/selftest.mjs — proves the harness in lib.mjs without the real daemon.
//
//   node tests/browser/selftest.mjs
//
// Checks: Chromium launches with the FIELD-NOTES flags; axe passes a labelled input and reports
// an unlabelled one; axe can be injected under a strict Content-Security-Policy; our own CSS
// (static/app.css + print.css on top of the NL Design System files, when web/node_modules is
// installed) passes axe including colour contrast; startDaemon()/login() work against a tiny
// stand-in daemon; the registry prints "N passed, M failed" and exits non-zero on failure.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  test, run, launchBrowser, checkA11y, startDaemon, login, a11yReport,
  DEMO_ACCOUNTS, DEMO_USERS, REPO_ROOT, HERE,
} from './lib.mjs';

const page = (body, head = '') => `data:text/html;charset=utf-8,${encodeURIComponent(
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Zelftest</title>${head}</head>`
  + `<body><main><h1>Zelftest</h1>${body}</main></body></html>`)}`;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-selftest-'));
const browser = await launchBrowser();

async function withPage(fn) {
  const context = await browser.newContext();
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

test('chromium starts with the FIELD-NOTES flags', async () => {
  assert.match(browser.version(), /^\d+\./);
});

test('axe passes a page with a labelled input', async () => {
  await withPage(async (p) => {
    await p.goto(page('<form><label for="naam">Naam</label> <input id="naam" name="naam"></form>'));
    const violations = await checkA11y(p, 'gelabeld invoerveld');
    assert.deepEqual(violations, []);
  });
});

test('axe reports an unlabelled input (and checkA11y throws with the label)', async () => {
  await withPage(async (p) => {
    await p.goto(page('<form><input id="naam" name="naam"></form>'));
    const violations = await checkA11y(p, 'ongelabeld', { throws: false });
    const ids = violations.map((v) => v.id);
    assert.ok(ids.includes('label'), `expected rule "label", got ${ids.join(', ')}`);
    assert.ok(violations.find((v) => v.id === 'label').targets.includes('#naam'));
    await assert.rejects(checkA11y(p, 'ongelabeld formulier'),
      (err) => /ongelabeld formulier/.test(err.message) && /\blabel\b/.test(err.message)
        && Array.isArray(err.violations));
    assert.equal(a11yReport.at(-1).label, 'ongelabeld formulier');
  });
});

test('axe can be injected under a strict Content-Security-Policy', async () => {
  await withPage(async (p) => {
    await p.goto(page('<p>Streng beleid.</p>',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">`));
    assert.deepEqual(await checkA11y(p, 'strikte CSP'), []);
  });
});

// Our CSS on the layout skeleton the templates use, with the NL Design System files below it.
const vendor = [
  'web/node_modules/@utrecht/component-library-css/dist/index.css',
  'web/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css',
].map((f) => path.join(REPO_ROOT, f));
const skeleton = `<!doctype html><html lang="nl" class="utrecht-root voorbeeld-theme"><head><meta charset="utf-8">
<title>Mijn werk — ketenregie</title></head>
<body class="utrecht-document">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Naar de inhoud</a>
<div class="demo-banner"><p>Demo-omgeving: alle gegevens zijn verzonnen.</p></div>
<header class="site-header">
  <span class="site-header__org">Wijkteam Noord</span>
  <span class="site-header__user">Sanne de Vries</span>
  <span class="site-header__role">Teamleider</span>
  <form class="site-header__logout" method="post" action="/logout"><input type="hidden" name="csrf" value="x">
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">Uitloggen</button></form>
</header>
<nav class="site-nav" aria-label="Hoofdmenu"><ul>
  <li><a href="/" aria-current="page">Mijn werk</a></li><li><a href="/overdrachten">Overdrachten</a></li>
  <li><a href="/leertafel">Leertafel</a></li></ul></nav>
<main id="inhoud" class="site-main" tabindex="-1">
  <h1 class="utrecht-heading-1">Mijn werk</h1>
  <form method="post" class="no-print">
    <div class="utrecht-form-field utrecht-form-field--text utrecht-form-field--invalid">
      <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="reason">Aanleiding</label></div>
      <p class="field-error" id="reason-fout">Vul de aanleiding in.</p>
      <div class="utrecht-form-field__input"><textarea class="utrecht-textarea" id="reason" name="reason"
        aria-invalid="true" aria-describedby="reason-fout"></textarea></div>
    </div>
    <div class="form-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action">Indienen</button></div>
  </form>
  <section class="print-section">
  <div class="table-wrapper"><table class="data-table"><caption>Acties</caption>
    <thead><tr><th scope="col">Actie</th><th scope="col">Status</th><th scope="col">Handover</th><th scope="col" class="num">Dagen</th></tr></thead>
    <tbody>
      <tr><td>Scholing</td><td><span class="stoplicht stoplicht--groen">groen</span></td><td><span class="status-badge status-badge--concept">concept</span></td><td class="num">1</td></tr>
      <tr><td>Werkafspraken</td><td><span class="stoplicht stoplicht--oranje">oranje</span></td><td><span class="status-badge status-badge--ingediend">ingediend</span></td><td class="num">2</td></tr>
      <tr class="te-laat"><td>Triage</td><td><span class="stoplicht stoplicht--rood">rood</span></td><td><span class="status-badge status-badge--in_behandeling">in behandeling</span></td><td class="num te-laat">12 (te laat)</td></tr>
      <tr><td>Monitor</td><td><span class="stoplicht stoplicht--afgerond">afgerond</span></td><td><span class="status-badge status-badge--geaccepteerd">geaccepteerd</span> <span class="status-badge status-badge--teruggelegd">teruggelegd</span> <span class="status-badge status-badge--hoog">hoog</span></td><td class="num">3</td></tr>
    </tbody></table></div>
  </section>
  <section class="print-section page-break"><h2>Veiligheidsplan</h2><p>Tekst. <span class="te-laat">Te laat: warme overdracht niet gehouden.</span></p></section>
</main>
<footer class="site-footer"><p>ketenregie — NL Design System (EUPL-1.2)</p></footer>
</body></html>`;

test('own CSS on the layout skeleton passes axe (incl. contrast) and prints cleanly', async () => {
  const haveVendor = vendor.every((f) => existsSync(f));
  await withPage(async (p) => {
    await p.setContent(skeleton);
    for (const f of haveVendor ? vendor : []) await p.addStyleTag({ path: f });
    await p.addStyleTag({ path: path.join(REPO_ROOT, 'static/app.css') });
    await p.addStyleTag({ path: path.join(REPO_ROOT, 'static/print.css') });
    assert.deepEqual(await checkA11y(p, 'layout met eigen CSS'), []);

    // the skip link appears on the first Tab, on top of the page
    await p.keyboard.press('Tab');
    const box = await p.locator('.utrecht-skip-link').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 50, `skip link not visible on focus: ${JSON.stringify(box)}`);
    assert.deepEqual(await checkA11y(p, 'layout met focus op skip link'), []);

    await p.emulateMedia({ media: 'print' });
    const hidden = await p.evaluate(() => ['.site-nav', '.utrecht-skip-link', 'form.no-print', '.site-header__logout']
      .map((s) => getComputedStyle(document.querySelector(s)).display));
    assert.deepEqual(hidden, ['none', 'none', 'none', 'none']);
    const brk = await p.evaluate(() => getComputedStyle(document.querySelector('.print-section.page-break')).breakBefore);
    assert.equal(brk, 'page');
    const pdf = await p.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-');
  });
  if (!haveVendor) console.log('# web/node_modules missing: CSS checked without the NL Design System files');
});

// A stand-in for build/rel/ketenregie: migrate/demo create the db file, serve answers
// /healthz, a login form with labels, POST /login -> 303 /, and a start page.
const fakeBin = path.join(scratch, 'fake-ketenregie');
writeFileSync(fakeBin, `#!/usr/bin/env node
const fs = require('node:fs'); const http = require('node:http');
const [cmd, ...args] = process.argv.slice(2);
const arg = (n) => args[args.indexOf(n) + 1];
if (cmd === 'migrate' || cmd === 'demo') { fs.appendFileSync(arg('--db'), cmd + '\\n'); process.exit(0); }
if (cmd !== 'serve') { console.error('unknown command ' + cmd); process.exit(2); }
const steps = fs.readFileSync(arg('--db'), 'utf8');
if (steps !== 'migrate\\ndemo\\n') { console.error('bad db: ' + JSON.stringify(steps)); process.exit(3); }
const [host, port] = arg('--listen').split(':');
const html = (t, b) => '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>' + t + '</title></head><body><main><h1>' + t + '</h1>' + b + '</main></body></html>';
const srv = http.createServer((req, res) => {
  let body = ''; req.on('data', (c) => { body += c; }); req.on('end', () => {
    if (req.url === '/healthz') { res.end('ok'); return; }
    if (req.url === '/login' && req.method === 'GET') {
      res.setHeader('content-security-policy', "default-src 'self'");
      res.end(html('Inloggen', '<form method="post" action="/login"><input type="hidden" name="csrf" value="t">'
        + '<label for="username">Gebruikersnaam</label><input id="username" name="username" autocomplete="username">'
        + '<label for="password">Wachtwoord</label><input id="password" name="password" type="password">'
        + '<button type="submit">Inloggen</button></form>')); return; }
    if (req.url === '/login' && req.method === 'POST') {
      const f = new URLSearchParams(body);
      if (f.get('username') === 'vt' && f.get('password') === process.env.KETENREGIE_DEMO_PASSWORD && f.get('csrf') === 't') {
        res.writeHead(303, { location: '/', 'set-cookie': 'sessie=1; HttpOnly; SameSite=Strict; Path=/' }); res.end(); return; }
      res.statusCode = 200; res.end(html('Inloggen mislukt', '<p>Onjuiste gebruikersnaam of wachtwoord.</p>')); return; }
    if (req.url === '/' && /sessie=1/.test(req.headers.cookie || '')) { res.end(html('Mijn werk', '<p>Welkom vt.</p>')); return; }
    res.statusCode = 404; res.end(html('Niet gevonden', '<p>404</p>'));
  });
});
srv.listen(Number(port), host, () => console.error('listening on ' + host + ':' + port));
process.on('SIGTERM', () => srv.close(() => process.exit(0)));
`);
chmodSync(fakeBin, 0o755);

test('startDaemon() runs migrate, demo, serve and waits for /healthz; login() logs in', async () => {
  const saved = process.env.KETENREGIE_BIN;
  process.env.KETENREGIE_BIN = fakeBin;
  let daemon;
  try {
    daemon = await startDaemon();
    assert.match(daemon.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${daemon.baseUrl}/healthz`)).status, 200);
    await withPage(async (p) => {
      const res = await login(p, daemon.baseUrl, DEMO_ACCOUNTS.vt.username, DEMO_ACCOUNTS.vt.password);
      assert.equal(res.status(), 200);
      assert.equal(new URL(p.url()).pathname, '/');
      assert.equal(await p.textContent('h1'), 'Mijn werk');
      const bad = await login(p, daemon.baseUrl, 'vt', 'fout-wachtwoord');
      assert.equal(new URL(bad.url()).pathname, '/login');
    });
  } finally {
    if (saved === undefined) delete process.env.KETENREGIE_BIN; else process.env.KETENREGIE_BIN = saved;
    if (daemon) await daemon.stop();
  }
  assert.ok(!existsSync(daemon.tmpDir), 'temp dir removed by stop()');
});

test('startDaemon() fails clearly when the binary is missing', async () => {
  const saved = process.env.KETENREGIE_BIN;
  process.env.KETENREGIE_BIN = path.join(scratch, 'bestaat-niet');
  try {
    await assert.rejects(startDaemon(), /daemon binary not found/);
  } finally {
    if (saved === undefined) delete process.env.KETENREGIE_BIN; else process.env.KETENREGIE_BIN = saved;
  }
});

test('demo accounts are exported', async () => {
  assert.deepEqual([...DEMO_USERS], ['vt', 'teamleider', 'professional', 'partner',
    'secretaris', 'leertafellid', 'beleid', 'beheerder', 'privacy']);
  assert.equal(DEMO_ACCOUNTS.beheerder.password,
    process.env.KETENREGIE_DEMO_PASSWORD || 'demo-ketenregie-2026');
});

test('registry prints "N passed, M failed" and exits non-zero on failure', async () => {
  const file = path.join(scratch, 'registry.test.mjs');
  const lib = pathToFileURL(path.join(HERE, 'lib.mjs')).href;
  writeFileSync(file, `import { test, run } from ${JSON.stringify(lib)};
test('goed', () => {});
test('fout', async () => { throw new Error('opzettelijk\\ntweede regel'); });
test('ook goed', async () => {});
await run();
`);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
  // each test line carries its wall time, "(0.0 s)", which varies: compared without it
  const lines = r.stdout.trimEnd().split('\n').map((l) => l.replace(/ \(\d+\.\d s\)/, ''));
  assert.deepEqual(lines, ['ok - goed', 'not ok - fout: opzettelijk', '  # tweede regel',
    'ok - ook goed', '2 passed, 1 failed']);
});

await run({
  after: async () => {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  },
});
