// tests/browser/findings.test.mjs — what users ran into on screen (issue 9): fields
// as wide as their content (item 14). Reflow at 1280 and 390 px (item 13) is checked
// on every page of every demo role by walk.test.mjs.
//
//   node tests/browser/findings.test.mjs        (release build: build/rel/ketenregie)
import assert from 'node:assert/strict';
import { test, run, startDaemon, launchBrowser, login } from './lib.mjs';

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

await run({ after: async () => { await browser.close(); await daemon.stop(); } });
