// tests/browser/leertafel.test.mjs — the leertafel in headless Chromium: the secretary plans a
// meeting and adds actions through the forms; a member changes a traffic light; axe-core (WCAG 2.1
// A/AA) on every page visited, including the SVG traffic-light report and forms showing errors.
//
//   node tests/browser/leertafel.test.mjs        (release build: build/rel/ketenregie)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, startDaemon, launchBrowser, login, checkA11y } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const base = daemon.baseUrl;

async function withUser(username, fn, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    const res = await login(page, base, username);
    assert.equal(new URL(page.url()).pathname, '/', `login ${username}: ${res && res.status()}`);
    await fn(page);
  } finally {
    await context.close();
  }
}

async function submit(page, selector = 'main form [type="submit"]') {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(selector).first().click()]);
}

test('secretaris plans a meeting and adds actions (axe clean on every page)', async () => {
  await withUser('secretaris', async (page) => {
    await checkA11y(page, 'startpagina secretaris met leertafelpaneel');
    assert.match(await page.textContent('main'), /Volgende bijeenkomst/);

    await page.click('nav.site-nav a[href="/leertafel"]');
    await page.waitForLoadState('load');
    assert.equal(await page.textContent('h1'), 'Leertafel');
    await checkA11y(page, 'leertafel start');

    await page.click('a[href="/leertafel/bijeenkomsten/nieuw"]');
    await page.waitForLoadState('load');
    await checkA11y(page, 'bijeenkomst plannen');
    // first without a place: the form comes back with the input kept and a message
    await page.fill('#held_on', '2026-12-17');
    await page.fill('#start_time', '13:30');
    await page.fill('#agenda', '1. Opening\n2. **Stoplichten** 2026');
    await submit(page);
    assert.match(await page.textContent('#location-error'), /Vul een plaats in/);
    assert.equal(await page.inputValue('#start_time'), '13:30');
    assert.match(await page.inputValue('#agenda'), /Stoplichten/);
    await checkA11y(page, 'bijeenkomst plannen met fouten');
    await page.fill('#location', 'Stadskantoor Venlo, zaal 1.01');
    await submit(page);
    assert.match(new URL(page.url()).pathname, /^\/leertafel\/bijeenkomsten\/\d+$/);
    assert.equal(await page.textContent('main .markdown strong'), 'Stoplichten');
    const meetingUrl = page.url();
    await checkA11y(page, 'bijeenkomst');

    // attendance
    await page.click('a[href$="/bewerken"]');
    await page.waitForLoadState('load');
    await checkA11y(page, 'bijeenkomst bewerken met aanwezigheid');
    await page.selectOption('select[id^="att-"] >> nth=0', 'aanwezig');
    await submit(page);
    assert.equal(page.url(), meetingUrl);
    assert.match(await page.textContent('main'), /aanwezig/);

    // two actions for this meeting's action list
    for (const [wat, quarter, colour] of [['Stoplichtenrapportage 2026 naar college en raad', 'Q1 2027', 'groen'],
      ['Actieplan 2027 opstellen met alle partners', 'Q1 2027', 'oranje']]) {
      await page.click('a[href^="/leertafel/acties/nieuw?bijeenkomst="]');
      await page.waitForLoadState('load');
      await page.fill('#wat', wat);
      await page.fill('#hoe', 'In de werkgroep, daarna in de leertafel.');
      await page.selectOption('#owner', { label: 'Gemeente Venlo (demo)' });
      await page.getByLabel('JGZ Noord-Limburg (demo)', { exact: true }).check();
      await page.fill('#quarter', quarter);
      await page.check(`#status-${colour}`);
      await checkA11y(page, 'actie toevoegen');
      await submit(page);
      assert.equal(new URL(page.url()).pathname, new URL(meetingUrl).pathname);
      assert.match(await page.textContent('#actielijst'), new RegExp(wat));
    }
    await checkA11y(page, 'bijeenkomst met actielijst');

    // print: forms and links vanish, the action list stays
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('ul.lt-links')).display), 'none');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('#actielijst')).display), 'none');
    await page.emulateMedia({ media: 'screen' });

    // the plan, the report with its SVG, the board agenda, the lists
    await page.goto(`${base}/leertafel`);
    await page.click('a[href^="/leertafel/actieplannen/"]:not([href$="rapportage"]):not([href$="nieuw"])');
    await page.waitForLoadState('load');
    await checkA11y(page, 'actieplan');
    await page.click('a[href$="/rapportage"]');
    await page.waitForLoadState('load');
    const svg = page.locator('svg.lt-chart');
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.match(await page.textContent('#lt-chart-desc'), /Stoplichten van \d+ acties/);
    assert.ok(await page.locator('svg.lt-chart rect.lt-chart__bar--rood').count() >= 1);
    await checkA11y(page, 'stoplichtenrapportage met SVG');
    await page.goto(`${base}/leertafel/bestuurlijk-overleg`);
    await checkA11y(page, 'agenda bestuurlijk overleg');
    await page.goto(`${base}/leertafel/instellingen`);
    await checkA11y(page, 'actielijnen en werkgroepen');
    await page.goto(`${base}/leertafel/opschalingen/nieuw?actie=1`);
    await checkA11y(page, 'opschalen');
    await page.goto(`${base}/leertafel/opschalingen/1/besluit`);
    await checkA11y(page, 'besluit vastleggen');
    await page.goto(`${base}/leertafel/actieplannen/nieuw`);
    await checkA11y(page, 'nieuw actieplan');
  });
});

test('leertafellid changes a traffic light of an own action (and sees the BSN warning)', async () => {
  await withUser('leertafellid', async (page) => {
    await checkA11y(page, 'startpagina leertafellid');
    const link = page.locator('main a[href^="/leertafel/acties/"]').first();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
    assert.match(await page.textContent('h2#status-kop'), /Stoplicht bijwerken/);
    await checkA11y(page, 'actie van eigen organisatie');
    const before = await page.locator('#historie-kop ~ .table-wrapper tbody tr').count();

    await page.check('#status-rood');
    await page.fill('#status_note', 'Loopt vast; BSN 123456782 genoemd');
    await submit(page, '#status form [type="submit"]');
    assert.match(await page.textContent('#status_note-error'), /BSN of een geboortedatum/);
    assert.ok(await page.isChecked('#status-rood'), 'choice kept');
    await checkA11y(page, 'stoplicht met waarschuwing');
    await page.fill('#status_note', 'Loopt vast op roosters van de partners.');
    await submit(page, '#status form [type="submit"]');
    assert.match(new URL(page.url()).pathname, /^\/leertafel\/acties\/\d+$/);
    assert.equal(await page.locator('#historie-kop ~ .table-wrapper tbody tr').count(), before + 1);
    assert.match(await page.textContent('main h1 + p'), /rood/);
    await checkA11y(page, 'actie na nieuw stoplicht');

    await page.goto(`${base}/leertafel`);
    await checkA11y(page, 'leertafel start (lid)');
    await page.goto(`${base}/leertafel/actieplannen/1/rapportage`);
    await checkA11y(page, 'rapportage (lid)');
  });
});

test('the flow works without JavaScript', async () => {
  await withUser('leertafellid', async (page) => {
    await page.goto(`${base}/leertafel/bijeenkomsten/1`);
    assert.match(await page.textContent('h1'), /Leertafel/);
  }, { javaScriptEnabled: false });
});

/** Print the current page to an A4 PDF; returns { pages, text } (pdftotext -raw, whitespace folded). */
async function printA4(page) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-lt-pdf-'));
  try {
    const file = path.join(dir, 'p.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595(\.\d+)? x 842/);
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    return { pages: Number(/Pages:\s+(\d+)/.exec(info)[1]), text: raw.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('on A4 paper: every partner of the traffic-light report; action lists compact, words whole', async () => {
  await withUser('secretaris', async (page) => {
    await page.goto(`${base}/leertafel/actieplannen/1/rapportage`);
    const names = (await page.locator('table.lt-matrix:not(.lt-matrix--print) thead th').allTextContents()).slice(3);
    assert.ok(names.length >= 8, `partners in the matrix: ${names.join(', ')}`);
    const report = await printA4(page);
    for (const name of names) assert.ok(report.text.includes(name), `${name} on paper`);
    await checkA11y(page, 'stoplichtenrapportage (print parts in the DOM)');

    // the meeting with the longest action list
    let best = { url: null, rows: 0 };
    for (const href of await page.goto(`${base}/leertafel?jaar=2026`).then(() => page.locator('main a[href^="/leertafel/bijeenkomsten/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))) {
      if (!/^\/leertafel\/bijeenkomsten\/\d+$/.test(href)) continue;
      await page.goto(`${base}${href}`);
      const rows = await page.locator('#actielijst table.lt-actions tbody tr').count();
      if (rows > best.rows) best = { url: href, rows };
    }
    assert.ok(best.rows >= 7, `a meeting with ${best.rows} actions`);
    await page.goto(`${base}${best.url}`);
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => {
      const table = document.querySelector('#actielijst table.lt-actions');
      const th = [...table.querySelectorAll('thead th')].map((x) => x.getBoundingClientRect().width / table.getBoundingClientRect().width);
      const td = getComputedStyle(table.querySelector('tbody td:nth-child(3)'));
      return { th, hyphens: td.hyphens, wrap: td.overflowWrap, brk: td.wordBreak,
        breakBefore: getComputedStyle(document.querySelector('#actielijst')).breakBefore };
    });
    assert.ok(layout.th[2] >= 0.2 && layout.th[3] >= 0.15, `Hoe and Wie get room: ${layout.th.map((x) => x.toFixed(2))}`);
    assert.equal(layout.hyphens, 'manual');
    assert.equal(layout.wrap, 'normal');
    assert.equal(layout.brk, 'normal');
    assert.notEqual(layout.breakBefore, 'page', 'no forced page break before the action list');
    const list = await printA4(page);
    assert.ok(list.pages <= 3, `${best.rows} actions on ${list.pages} pages`);
    assert.match(list.text, /Actielijst/);
  });
});

await run({ timeoutMs: 120_000, after: async () => { await browser.close(); await daemon.stop(); } });
