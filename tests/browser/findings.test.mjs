// tests/browser/findings.test.mjs — what users ran into on screen (issue 9): fields
// as wide as their content (item 14); on paper (item 16) badges stay inside their
// cells, a printed handover says "Vertrouwelijk" and its page number on every page,
// and a printed case page shows no forms. Reflow at 1280 and 390 px (item 13) is checked
// on every page of every demo role by walk.test.mjs.
//
//   node tests/browser/findings.test.mjs        (release build: build/rel/ketenregie)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, startDaemon, launchBrowser, login, assertNoOverflow } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();

async function asUser(username, width, fn) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  try {
    const page = await context.newPage();
    await login(page, daemon.baseUrl, username);
    await fn(page);
  } finally {
    await context.close();
  }
}

const fieldWidths = (page) => page.evaluate(() => [...document.querySelectorAll(
  'main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main select, main textarea')]
  .map((e) => ({ id: e.id, kind: e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase(),
    date: e.type === 'date' || e.classList.contains('veld-datum'), width: e.getBoundingClientRect().width })));

test('fields are as wide as their content: dates short, choices as wide as their options, text up to 32rem', async () => {
  const forms = [['vt', ['/overdrachten/nieuw', '/overdrachten']], ['teamleider', ['/overdrachten/2']],
    ['secretaris', ['/leertafel/bijeenkomsten/nieuw', '/leertafel/acties/nieuw']], ['beheerder', ['/beheer/gebruikers/nieuw']]];
  for (const [user, paths] of forms) {
    await asUser(user, 1280, async (page) => {
      for (const p of paths) {
        await page.goto(daemon.baseUrl + p);
        for (const f of await fieldWidths(page)) {
          const where = `${user} ${p} #${f.id} (${f.kind}, ${Math.round(f.width)}px)`;
          if (f.date) assert.ok(f.width <= 240, `date: ${where}`);
          else if (f.kind === 'select') assert.ok(f.width <= 600, `select: ${where}`);
          else if (f.kind === 'textarea') assert.ok(f.width <= 800, `textarea: ${where}`);
          else assert.ok(f.width <= 530, `text: ${where}`);
        }
      }
    });
  }
});

// A4 with 18 mm margins leaves 174 mm, about 658 CSS pixels, for the content.
const A4_CONTENT_PX = 658;

/** Badges (status, traffic light) whose box sticks out of their table cell, in print layout. */
const badgesOutsideCells = (page) => page.evaluate(() => [...document.querySelectorAll('td .status-badge, th .status-badge, td .stoplicht, th .stoplicht')]
  .filter((b) => b.getClientRects().length > 0)
  .map((b) => ({ b: b.getBoundingClientRect(), c: b.closest('td, th').getBoundingClientRect(), text: b.textContent.trim() }))
  .filter(({ b, c }) => b.width > 0 && (b.right > c.right + 1 || b.left < c.left - 1))
  .map(({ b, c, text }) => `"${text}" ${Math.round(b.left)}–${Math.round(b.right)} in cell ${Math.round(c.left)}–${Math.round(c.right)}`));

test('print: status badges stay inside their cells in the action list, the report, the handover and case lists; nothing runs off the paper', async () => {
  const pages = [['secretaris', ['/leertafel/bijeenkomsten/7', '/leertafel/actieplannen/1', '/leertafel/actieplannen/1/rapportage', '/leertafel']],
    ['vt', ['/overdrachten']], ['teamleider', ['/overdrachten', '/casussen']]];
  for (const [user, paths] of pages) {
    await asUser(user, A4_CONTENT_PX, async (page) => {
      await page.emulateMedia({ media: 'print' });
      for (const p of paths) {
        await page.goto(daemon.baseUrl + p);
        const bad = await badgesOutsideCells(page);
        assert.deepEqual(bad, [], `${user} ${p} printed`);
        await assertNoOverflow(page, `${user} ${p} printed`);
      }
    });
  }
});

/** The page printed to A4: { pages, text: [page 1 text, page 2 text, …] } (pdftotext per page). */
async function printed(page) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kr-print-'));
  try {
    const file = path.join(dir, 'p.pdf');
    writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
    const text = [];
    for (let i = 1; i <= pages; i++) text.push(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), file, '-'], { encoding: 'utf8' }));
    return { pages, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('print: a printed handover says "Vertrouwelijk" and "Pagina i van n" on every page', async () => {
  await asUser('vt', 1280, async (page) => {
    await page.goto(`${daemon.baseUrl}/overdrachten/1/afdrukken`);
    const { pages, text } = await printed(page);
    assert.ok(pages >= 2, `a handover of ${pages} page(s) proves nothing about "every page"`);
    text.forEach((t, i) => {
      assert.match(t, /Vertrouwelijk/, `page ${i + 1}`);
      assert.match(t, new RegExp(`Pagina ${i + 1} van ${pages}`), `page ${i + 1}`);
    });
  });
});

test('print: a printed case page shows no forms (no field, choice, button or label), only the case', async () => {
  for (const [user, id] of [['professional', 4], ['teamleider', 4], ['teamleider', 1]]) {
    await asUser(user, 1280, async (page) => {
      await page.goto(`${daemon.baseUrl}/casussen/${id}`);
      const onScreen = await page.locator('main form').count();
      assert.ok(onScreen > 0, `${user} /casussen/${id} has forms on screen`);
      await page.emulateMedia({ media: 'print' });
      const visible = await page.evaluate(() => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button, main label')]
        .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().height > 0)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('action') ? ` ${e.getAttribute('action')}` : ''}`));
      assert.deepEqual(visible, [], `${user} /casussen/${id} printed`);
      const text = await page.evaluate(() => document.querySelector('main').innerText);
      assert.match(text, /Casus \d+:/);
      const { text: pdf } = await printed(page);
      assert.match(pdf.join('\n'), /Vertrouwelijk/);
    });
  }
});

await run({ after: async () => { await browser.close(); await daemon.stop(); } });
