// tests/browser/lib.mjs — harness for ketenregie's browser tests (no test framework).
//
// Setup, once:   cd tests && npm ci        (playwright-core + axe-core, exact versions)
// Browser:       Debian's Chromium in its headless shell, /usr/bin/chromium-headless-shell
//                (apt-get install chromium-headless-shell; the same Blink as /usr/bin/chromium,
//                without the full browser around it: ~40 % less CPU per file, docs/TESTING.md).
//                Falls back to /usr/bin/chromium when the shell is not installed. Never run
//                `npx playwright install`; nothing is downloaded.
// Daemon:        build it first (make); the binary is $KETENREGIE_BIN or build/rel/ketenregie
//                relative to the repository root.
//
// A test file (tests/browser/NAME.test.mjs), run with `node tests/browser/NAME.test.mjs`:
//
//   import assert from 'node:assert/strict';
//   import { test, run, startDaemon, launchBrowser, login, checkA11y, DEMO_ACCOUNTS } from './lib.mjs';
//
//   const daemon = await startDaemon();          // temp db, migrate, demo, serve on a free port
//   const browser = await launchBrowser();
//
//   test('vt logt in en ziet mijn werk', async () => {
//     const context = await browser.newContext();
//     const page = await context.newPage();
//     await login(page, daemon.baseUrl, DEMO_ACCOUNTS.vt.username, DEMO_ACCOUNTS.vt.password);
//     assert.equal(new URL(page.url()).pathname, '/');
//     await checkA11y(page, 'startpagina vt');    // throws, listing the axe violations
//     await context.close();
//   });
//
//   await run({ after: async () => { await browser.close(); await daemon.stop(); } });
//
// run() prints "ok - NAME (S s)" / "not ok - NAME (S s): ERROR" per test (S: its wall time) and finally a line
// "N passed, M failed", and exits non-zero when M > 0.
//
// Environment:
//   KETENREGIE_BIN            daemon binary (default build/rel/ketenregie, relative to repo root)
//   KETENREGIE_BASE_URL       use an already running server instead of starting one
//   KETENREGIE_DEMO_PASSWORD  password of the demo accounts (default demo-ketenregie-2026)
//   KETENREGIE_CHROMIUM       browser executable (default /usr/bin/chromium-headless-shell,
//                             else /usr/bin/chromium)
//   KETENREGIE_TEST_TIMEOUT   per-test timeout in ms (default 60000)
//   KETENREGIE_KEEP_TMP=1     keep the daemon's temp dir (database, log) after stop()
//   TEST_FILTER               only run tests whose name contains this text
//   KETENREGIE_TEST_CACHE     a directory for the run's demo database (set by ../run_files.mjs)

import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdtempSync, rmSync, existsSync, writeFileSync, copyFileSync, renameSync, statSync, readFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);
const require = createRequire(import.meta.url);

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');

// ------------------------------------------------------------------ demo accounts

// The daemon's calendar is the Dutch one: between 23:00 and 01:00 UTC the UTC date
// is not the date a user in the Netherlands types. Tests take "today" from here.
export function nlDay(offsetDays = 0, fromMs = Date.now()) {
  return new Date(fromMs + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

export const DEMO_PASSWORD = process.env.KETENREGIE_DEMO_PASSWORD || 'demo-ketenregie-2026';

/** Usernames of the demo region (`ketenregie demo`), one per role. */
export const DEMO_USERS = Object.freeze([
  'vt', 'teamleider', 'professional', 'partner',
  'secretaris', 'leertafellid', 'beleid', 'beheerder', 'privacy',
]);

/** DEMO_ACCOUNTS.vt = { username: 'vt', password: DEMO_PASSWORD }, and so on. */
export const DEMO_ACCOUNTS = Object.freeze(Object.fromEntries(
  DEMO_USERS.map((u) => [u, Object.freeze({ username: u, password: DEMO_PASSWORD })]),
));

// ------------------------------------------------------------------ daemon

export function daemonBinary() {
  const bin = process.env.KETENREGIE_BIN || 'build/rel/ketenregie';
  return path.isAbsolute(bin) ? bin : path.resolve(REPO_ROOT, bin);
}

/** A port free on 127.0.0.1 at the moment of asking (for a daemon a test starts itself). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function runStep(bin, args, env) {
  try {
    return await execFileP(bin, args, { cwd: REPO_ROOT, env, timeout: 60_000, maxBuffer: 8 << 20 });
  } catch (err) {
    const out = [err.stdout, err.stderr].filter(Boolean).join('\n').trim();
    throw new Error(`'${path.relative(REPO_ROOT, bin)} ${args.join(' ')}' failed `
      + `(${err.code ?? err.signal}): ${out.slice(-2000) || err.message}`);
  }
}

/**
 * Make `db` a migrated database with the demo region (options.demo !== false).
 * Under a test run (tests/run_files.mjs sets KETENREGIE_TEST_CACHE to a directory that
 * lives as long as the run), the first file to need one builds it with the binary under
 * test (`migrate`, `demo`) and keeps it there; every later file of the run starts on a
 * copy of it, instead of migrating and loading the demo region again (about a CPU
 * second per file under the sanitizers). One copy per binary, password and extra
 * environment (e.g. KETENREGIE_DEMO_CLOCK_DAYS), so that a copy is always what these
 * steps would have made. Run alone, a file builds its own as before.
 */
async function migratedDatabase(bin, db, env, options) {
  const steps = async (target) => {
    await runStep(bin, ['migrate', '--db', target], env);
    if (options.demo !== false) await runStep(bin, ['demo', '--db', target], env);
  };
  const cache = process.env.KETENREGIE_TEST_CACHE;
  if (!cache || !existsSync(cache)) return steps(db);
  const key = createHash('sha256').update(JSON.stringify([bin, statSync(bin).mtimeMs, DEMO_PASSWORD,
    options.demo !== false, options.env || {}])).digest('hex').slice(0, 16);
  const template = path.join(cache, `${key}.db`);
  if (!existsSync(template)) {
    // build beside it and rename: two files starting together both build, one wins, same content
    const own = mkdtempSync(path.join(cache, 'build-'));
    await steps(path.join(own, 't.db'));
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path.join(own, `t.db${suffix}`))) throw new Error(`the database after 'demo' still has a ${suffix} file`);
    }
    renameSync(path.join(own, 't.db'), template);
    rmSync(own, { recursive: true, force: true });
  }
  copyFileSync(template, db);
}

const liveDaemons = new Set();
process.on('exit', () => {
  for (const child of liveDaemons) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

/**
 * Start a fresh daemon on a temporary database loaded with the demo region.
 *
 * options.serveArgs: extra arguments for `serve`; options.env: extra environment;
 * options.demo: false to skip `demo` (empty database, migrated only).
 * Returns { baseUrl, db, tmpDir, log(), stop() }. log() gives the daemon's stderr so far.
 */
export async function startDaemon(options = {}) {
  if (process.env.KETENREGIE_BASE_URL) {
    const baseUrl = process.env.KETENREGIE_BASE_URL.replace(/\/+$/, '');
    await waitForHealth(baseUrl, null, 10_000);
    return { baseUrl, db: null, tmpDir: null, log: () => '', stop: async () => {} };
  }

  const bin = daemonBinary();
  if (!existsSync(bin)) {
    throw new Error(`daemon binary not found: ${bin} (build it, or set KETENREGIE_BIN)`);
  }
  const env = { ...process.env, KETENREGIE_DEMO_PASSWORD: DEMO_PASSWORD, ...(options.env || {}) };
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-browser-'));
  const db = path.join(tmpDir, 't.db');

  try {
    await migratedDatabase(bin, db, env, options);
  } catch (err) {
    if (!process.env.KETENREGIE_KEEP_TMP) rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }

  // A free port can be taken between probing and binding: retry a few times.
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...(options.serveArgs || [])],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    liveDaemons.add(child);

    let log = '';
    const keep = (chunk) => {
      log += chunk.toString('utf8');
      if (log.length > 256 * 1024) log = log.slice(-128 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      liveDaemons.delete(child);
      resolve({ code, signal });
    }));

    try {
      await waitForHealth(baseUrl, exited, 15_000);
    } catch (err) {
      child.kill('SIGKILL');
      await exited;
      lastErr = new Error(`${err.message}\n--- daemon output ---\n${log.slice(-3000)}`);
      continue;
    }

    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (process.env.KETENREGIE_KEEP_TMP) {
        writeFileSync(path.join(tmpDir, 'daemon.log'), log);
        process.stderr.write(`# kept ${tmpDir}\n`);
      } else {
        rmSync(tmpDir, { recursive: true, force: true });
      }
    };
    return { baseUrl, db, tmpDir, log: () => log, stop };
  }
  if (!process.env.KETENREGIE_KEEP_TMP) rmSync(tmpDir, { recursive: true, force: true });
  throw lastErr;
}

/** Poll GET /healthz until it answers 200; fail early when the daemon exits. */
async function waitForHealth(baseUrl, exited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exitInfo = null;
  if (exited) exited.then((info) => { exitInfo = info; });
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exitInfo) {
      throw new Error(`daemon exited before /healthz answered (code ${exitInfo.code}, signal ${exitInfo.signal})`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (err) {
      last = err.cause?.code || err.message;
    }
    await sleep(100);
  }
  throw new Error(`${baseUrl}/healthz did not answer 200 within ${timeoutMs} ms (${last})`);
}

// ------------------------------------------------------------------ browser

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM_PATH = process.env.KETENREGIE_CHROMIUM
  || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export const CHROMIUM_ARGS = Object.freeze([
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]);

/** Launch Debian's Chromium with the flags from FIELD-NOTES ("Browser tests"). */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    ...options,
  });
}

/**
 * Log in through the real login form. Resolves with the response of the page navigated to
 * (after a successful login that is `/`; after a failed one the login page again).
 */
export async function login(page, baseUrl, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  const submit = page.locator('form:has(#username) [type="submit"]').first();
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    submit.click(),
  ]);
  return response;
}

// ------------------------------------------------------------------ accessibility

export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = Object.freeze(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);

/** Every checkA11y call's outcome: { label, url, violations: [...] }. */
export const a11yReport = [];

// axe-core's source, read once, and evaluated in the page over the DevTools protocol:
// page.addScriptTag makes an inline <script>, which our Content-Security-Policy (no
// 'unsafe-inline') refuses, and waiting for that refusal cost ~0.25 s per page; and
// page.evaluate(source) passes the 500 kB through Playwright's utility script (an eval):
// 215-300 ms per page against 150-165 ms this way (docs/TESTING.md). DevTools evaluation
// is not subject to the page's CSP, which stays on.
let axeSource = null;
const axeSessions = new WeakMap();

async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  let cdp = axeSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    axeSessions.set(page, cdp);
  }
  let why = 'no window.axe';
  try {
    const result = await cdp.send('Runtime.evaluate', { expression: axeSource });
    if (result.exceptionDetails) why = result.exceptionDetails.exception?.description || result.exceptionDetails.text;
  } catch (e) {
    axeSessions.delete(page); // a closed session: the next call opens a new one
    why = e.message;
  }
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    throw new Error(`could not inject axe-core into the page: ${why}`);
  }
}

/**
 * Run axe (WCAG 2.0/2.1 A and AA) on the page as it is now.
 * Records the result in a11yReport and throws an Error naming `label` and listing every
 * violation (rule id, impact, target selectors) unless options.throws === false.
 * options.exclude: selectors to leave out; options.disableRules: rule ids to switch off.
 * Resolves with the list of violations: [{ id, impact, help, targets: [selector, ...] }].
 */
export async function checkA11y(page, label, options = {}) {
  await injectAxe(page);
  const context = options.exclude?.length ? { exclude: options.exclude.map((s) => [s]) } : null;
  const runOptions = {
    runOnly: { type: 'tag', values: [...AXE_TAGS] },
    resultTypes: ['violations'],
    rules: Object.fromEntries((options.disableRules || []).map((id) => [id, { enabled: false }])),
  };
  const raw = await page.evaluate(
    async ([ctx, opts]) => window.axe.run(ctx || document, opts),
    [context, runOptions],
  );
  const violations = raw.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  a11yReport.push({ label, url: page.url(), violations });
  if (violations.length && options.throws !== false) {
    const lines = violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help} — ${v.targets.join(', ')}`);
    const err = new Error(`axe: ${violations.length} violation(s) on "${label}" (${page.url().slice(0, 120)})\n${lines.join('\n')}`);
    err.violations = violations;
    throw err;
  }
  return violations;
}

// ------------------------------------------------------------------ reflow (WCAG 1.4.10)

/**
 * The elements of the page that stick out of the viewport to the right (reflow,
 * WCAG 1.4.10): every element whose box ends beyond the document's client width,
 * including content that only a horizontal scroll bar would reveal (a table inside
 * a scrolling wrapper counts: its columns are cut off), except a .data-table--2d
 * matrix in its own keyboard-reachable scroll region (tabindex=0, role=region, a
 * label) that itself fits. Resolves with
 * [{ what, right }] (at most 10) and the viewport width.
 */
export async function overflowingElements(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const bad = [];
    // WCAG 1.4.10 lets a genuinely two-dimensional table scroll, in a region of its own
    // that fits the page and that a keyboard user can reach and scroll
    const scrollRegion = (e) => {
      const w = e.closest('.table-wrapper');
      return w && w !== e && w.querySelector(':scope > .data-table--2d') && w.getAttribute('role') === 'region'
        && w.getAttribute('tabindex') === '0' && (w.hasAttribute('aria-label') || w.hasAttribute('aria-labelledby'))
        && ['auto', 'scroll'].includes(getComputedStyle(w).overflowX) && w.getBoundingClientRect().right <= vw + 1;
    };
    if (document.documentElement.scrollWidth > vw + 1) bad.push({ what: 'html (the page scrolls sideways)', right: document.documentElement.scrollWidth });
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > vw + 1 && !scrollRegion(e)) {
        const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/)[0]}` : '';
        bad.push({ what: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls}`, right: Math.round(r.right) });
      }
    }
    return { width: vw, elements: bad.slice(0, 10), count: bad.length };
  });
}

/** Throw, naming `label` and the offending elements, when anything overflows the viewport. */
export async function assertNoOverflow(page, label) {
  const r = await overflowingElements(page);
  if (r.count) {
    const list = r.elements.map((e) => `${e.what} (to ${e.right}px)`).join(', ');
    throw new Error(`reflow: ${r.count} element(s) wider than the ${r.width}px viewport on "${label}" (${page.url().slice(0, 120)}): ${list}`);
  }
}

// ------------------------------------------------------------------ test registry

const tests = [];

/** Register a test; fn may be async. Tests run in registration order. */
export function test(name, fn) {
  tests.push({ name, fn });
}

function formatError(err) {
  const msg = err instanceof Error ? (err.message || String(err)) : String(err);
  const [first, ...rest] = msg.split('\n');
  return rest.length ? `${first}\n${rest.map((l) => `  # ${l}`).join('\n')}` : first;
}

/**
 * Run the registered tests one after another, then options.after (cleanup), then print
 * "N passed, M failed" and exit (code 1 when anything failed).
 */
export async function run(options = {}) {
  const timeoutMs = Number(process.env.KETENREGIE_TEST_TIMEOUT) || options.timeoutMs || 60_000;
  const filter = process.env.TEST_FILTER || '';
  let passed = 0;
  let failed = 0;

  for (const { name, fn } of tests) {
    if (filter && !name.includes(filter)) continue;
    let timer;
    const t0 = Date.now();
    const took = () => `(${((Date.now() - t0) / 1000).toFixed(1)} s)`;
    try {
      await Promise.race([
        Promise.resolve().then(fn),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      passed += 1;
      console.log(`ok - ${name} ${took()}`);
    } catch (err) {
      failed += 1;
      console.log(`not ok - ${name} ${took()}: ${formatError(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  if (options.after) {
    try {
      await options.after();
    } catch (err) {
      failed += 1;
      console.log(`not ok - cleanup: ${formatError(err)}`);
    }
  }

  console.log(`${passed} passed, ${failed} failed`);
  const code = failed > 0 ? 1 : 0;
  // Let stdout drain before exiting (it may be a pipe read by CI).
  await new Promise((resolve) => process.stdout.write('', resolve));
  process.exit(code);
}
