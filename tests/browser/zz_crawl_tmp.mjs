import { startDaemon, launchBrowser, login, overflowingElements, DEMO_USERS } from './lib.mjs';
const daemon = await startDaemon();
const browser = await launchBrowser();
const t0 = Date.now();
const pattern = (u) => { const x = new URL(u); const keys = [...x.searchParams.keys()].sort().join('&'); return x.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}') + (keys ? '?' + keys : ''); };
for (const user of DEMO_USERS) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await login(page, daemon.baseUrl, user);
  const seen = new Set(); const queue = [daemon.baseUrl + '/']; seen.add(pattern(queue[0]));
  let n = 0;
  while (queue.length) {
    const url = queue.shift(); n++;
    await page.setViewportSize({ width: 1280, height: 900 });
    const resp = await page.goto(url);
    for (const w of [1280, 390]) {
      if (w !== 1280) await page.setViewportSize({ width: w, height: 900 });
      const r = await overflowingElements(page);
      if (r.count) console.log(`${user} ${w} ${url.replace(daemon.baseUrl,'')} [${resp.status()}] ${r.count}: ${r.elements.slice(0,4).map(e=>e.what+'→'+e.right).join(', ')}`);
    }
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download')).map(a => a.href));
    for (const l of links) {
      const x = new URL(l); x.hash = '';
      if (x.origin !== new URL(daemon.baseUrl).origin) continue;
      if (/\.(csv|css|js|svg|png)$/.test(x.pathname) || x.pathname.startsWith('/static') || x.pathname === '/uitloggen') continue;
      const p = pattern(x.href);
      if (seen.has(p)) continue;
      seen.add(p); queue.push(x.href);
    }
  }
  console.log(`# ${user}: ${n} pages, ${Date.now() - t0} ms`);
  await ctx.close();
}
await browser.close(); await daemon.stop();
