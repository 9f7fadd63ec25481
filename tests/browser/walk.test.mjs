// tests/browser/walk.test.mjs — every page of every demo role, at 1280 and at 390 px wide
// (issue 9 item 13, WCAG 1.4.10 reflow): nothing sticks out of the viewport (a
// genuinely two-dimensional table may scroll only inside its own keyboard-reachable
// region, see assertNoOverflow), and axe finds nothing; on the phone no heading
// breaks inside a word and the content starts in the top 300 px (it started at about
// 460 px under the demo notice, header and menu).
//
// "Every page" is found, not listed: from the start page, every same-origin link and
// every GET form (with its default values) the role is shown, breadth first, one
// page per route pattern (ids replaced, query keys without their values), so a page
// added later is walked without touching this file. One browser context per role;
// each page is loaded once at 1280 px, checked, narrowed to 390 px (the media queries
// apply on resize) and checked again. axe runs on the narrow layout, where the
// stacked tables are, once per route pattern over all roles (axe costs about as much
// as loading and checking a page twice; the flows' own tests run it at 1280 px), and
// pages that look the same for every role (/licenties, /account/...) are
// walked for the first role only.
// @long: the longest browser file (about 90 s on 2 cores); it starts first (../run_files.mjs).
//
//   node tests/browser/walk.test.mjs        (release build: build/rel/ketenregie)
import assert from 'node:assert/strict';
import { test, run, startDaemon, launchBrowser, login, assertNoOverflow, checkA11y, DEMO_USERS } from './lib.mjs';

const daemon = await startDaemon();
const browser = await launchBrowser();
const origin = new URL(daemon.baseUrl).origin;
const started = Date.now();
let walked = 0;
const axeDone = new Set();
const sameForAll = new Set(['/licenties', '/account/wachtwoord', '/account/bereikbaarheid']);
const walkedOnce = new Set();

/** The route pattern of a URL: /casussen/4/journaal?x=1 → /casussen/{id}/journaal?x */
function pattern(href) {
  const u = new URL(href);
  const keys = [...new Set(u.searchParams.keys())].sort().join('&');
  return u.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}') + (keys ? `?${keys}` : '');
}

/** Links and GET forms of the page, as absolute URLs. */
const targets = (page) => page.evaluate(() => {
  const out = [...document.querySelectorAll('a[href]:not([download])')].map((a) => a.href);
  for (const f of document.querySelectorAll('form')) {
    if ((f.getAttribute('method') || 'get').toLowerCase() !== 'get') continue;
    const url = new URL(f.action || location.href);
    for (const [k, v] of new FormData(f)) if (typeof v === 'string' && v !== '') url.searchParams.append(k, v);
    out.push(url.href);
  }
  return out;
});

/** Words of the page's headings that break across lines inside the word (a break after a
 * hyphen is a normal line break), and how far down the page's content (main) starts. */
const headingLayout = (page) => page.evaluate(() => {
  const broken = [];
  for (const el of document.querySelectorAll('main h1, main h2, main h3')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (const m of n.textContent.matchAll(/[^\s-]+/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  const main = document.querySelector('main');
  return { broken, mainTop: main ? Math.round(main.getBoundingClientRect().top + window.scrollY) : 0 };
});

const skip = (u) => u.origin !== origin || u.pathname.startsWith('/static/') || /\.(csv|json|css|js|svg|png|ico)$/.test(u.pathname);

test('the reflow check itself: a wide list fails; a 2-D matrix may scroll only in its own labelled, focusable region', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 600 } });
  try {
    const page = await context.newPage();
    const wide = '<table class="data-table"><tr><td style="min-width:900px">x</td></tr></table>';
    const region = (attrs, width = '') => `<html lang="nl"><body><div class="table-wrapper" style="overflow-x:auto;${width}" ${attrs}>`
      + '<table class="data-table data-table--2d"><tr><td style="min-width:900px">x</td></tr></table></div></body></html>';
    await page.setContent(`<html lang="nl"><body>${wide}</body></html>`);
    await assert.rejects(assertNoOverflow(page, 'wide list'), /reflow/);
    await page.setContent(region('tabindex="0" role="region" aria-label="Matrix"'));
    await assertNoOverflow(page, 'matrix in its region');
    await page.setContent(region('role="region" aria-label="Matrix"'));
    await assert.rejects(assertNoOverflow(page, 'region a keyboard cannot reach'), /reflow/);
    await page.setContent(region('tabindex="0" role="region" aria-label="Matrix"', 'width:900px'));
    await assert.rejects(assertNoOverflow(page, 'region wider than the page'), /reflow/);
  } finally {
    await context.close();
  }
});

for (const user of DEMO_USERS) {
  test(`every page of ${user} fits 1280 and 390 px and is axe clean`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await login(page, daemon.baseUrl, user);
      const start = `${daemon.baseUrl}/`;
      const seen = new Set([pattern(start)]);
      const queue = [start];
      // the privacy officer reaches a household only through an exact search: walk its result too
      if (user === 'privacy') queue.push(`${daemon.baseUrl}/privacy?naam=Linda+de+Vries&geboortedatum=1988-04-17`);
      const visited = [];
      while (queue.length) {
        const url = queue.shift();
        await page.setViewportSize({ width: 1280, height: 900 });
        const response = await page.goto(url);
        const path = url.slice(daemon.baseUrl.length);
        assert.ok(response.status() < 500, `${user} ${path}: ${response.status()}`);
        await assertNoOverflow(page, `${user} ${path} at 1280px`);
        await page.setViewportSize({ width: 390, height: 900 });
        await assertNoOverflow(page, `${user} ${path} at 390px`);
        const headings = await headingLayout(page);
        assert.deepEqual(headings.broken, [], `${user} ${path} at 390px: a heading breaks inside a word`);
        // the demo notice, header and menu leave the phone's screen to the content
        assert.ok(headings.mainTop <= 300, `${user} ${path} at 390px: the content starts at ${headings.mainTop}px`);
        const p = pattern(url);
        if (!axeDone.has(p)) {
          axeDone.add(p);
          await checkA11y(page, `${user} ${path} at 390px`);
        }
        visited.push(path);
        for (const href of await targets(page)) {
          const u = new URL(href);
          u.hash = '';
          if (skip(u)) continue;
          const p = pattern(u.href);
          if (seen.has(p) || (sameForAll.has(p) && walkedOnce.has(p))) continue;
          seen.add(p);
          if (sameForAll.has(p)) walkedOnce.add(p);
          queue.push(u.href);
        }
      }
      walked += visited.length;
      assert.ok(visited.length >= 3, `${user}: only ${visited.join(', ')}`);
      console.log(`# ${user}: ${visited.length} pages (${visited.join(' ')})`);
    } finally {
      await context.close();
    }
  });
}

await run({
  timeoutMs: 300_000,
  after: async () => {
    console.log(`# walked ${walked} pages (axe on ${axeDone.size}) in ${Math.round((Date.now() - started) / 1000)} s`);
    await browser.close();
    await daemon.stop();
  },
});
