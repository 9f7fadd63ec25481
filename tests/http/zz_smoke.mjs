import { startDaemon, launchBrowser, login } from '../browser/lib.mjs';
import { writeFileSync } from 'node:fs';
const d = await startDaemon(); const b = await launchBrowser();
try {
  const ctx = await b.newContext(); const page = await ctx.newPage();
  await login(page, d.baseUrl, 'professional');
  await page.goto(`${d.baseUrl}/casussen/1/veiligheidsplan/afdrukken`);
  await page.emulateMedia({ media: 'print' });
  writeFileSync('/tmp/x/family.pdf', await page.pdf({ format: 'A4' }));
  await page.goto(`${d.baseUrl}/casussen/1/veiligheidsplan/afdrukken?voor=5`);
  writeFileSync('/tmp/x/partner.pdf', await page.pdf({ format: 'A4' }));
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${d.baseUrl}/casussen/1/veiligheidsplan`);
  await page.screenshot({ path: '/tmp/x/plan.png', fullPage: false });
} finally { await b.close(); await d.stop(); }
