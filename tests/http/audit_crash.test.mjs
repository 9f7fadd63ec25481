// audit_crash.test.mjs — no change and no page of client data without its record,
// also across kill -9 (issue 10 item 3).
//
// Clients submit handovers and fetch start pages while the daemon is killed with
// SIGKILL, three times. Before each kill another process holds SQLite's write lock
// for a moment (as a long checkpoint or a backup step can): answers that did not
// wait for their record go out while the record still waits in the queue, and die
// with the process. Afterwards every handover in the database must have its
// 'create' record, every answered creation must be in the database, and for every
// user at least as many start-page records must exist as start pages were answered.
// A record that cannot be written (a trigger refusing it) must undo the change.
// On the code before this (handler committed, record queued after; start pages
// recorded without waiting) the start-page and refused-record checks fail.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, Client, sql, DEMO_PASSWORD } from './lib.mjs';
import { daemonBinary, freePort, REPO_ROOT } from '../browser/lib.mjs';

const bin = daemonBinary();
const env = { ...process.env, KETENREGIE_DEMO_PASSWORD: DEMO_PASSWORD };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-crash-'));
const db = path.join(tmp, 't.db');
execFileSync(bin, ['migrate', '--db', db], { env, stdio: 'ignore' });
execFileSync(bin, ['demo', '--db', db], { env, stdio: 'ignore' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const q = (s) => sql(db, s);

async function serve() {
  const port = await freePort();
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  const exited = new Promise((r) => child.once('exit', r));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`daemon exited: ${log.slice(-2000)}`);
    try {
      const r = await new Client(baseUrl).get('/healthz');
      if (r.status === 200) return { child, exited, baseUrl, log: () => log };
    } catch { /* not yet */ }
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`daemon did not start: ${log.slice(-2000)}`);
}

/** Another process holds the write lock until release() (sqlite3 shell, BEGIN IMMEDIATE). */
async function holdWriteLock() {
  const sh = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  sh.stdout.on('data', (c) => { out += c; });
  sh.stdin.write(".timeout 10000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
  for (let i = 0; i < 400 && !out.includes('locked'); i++) await sleep(25);
  assert.ok(out.includes('locked'), 'the test could not take the write lock');
  return async () => {
    sh.stdin.end('ROLLBACK;\n.quit\n');
    await new Promise((r) => sh.once('exit', r));
  };
}

const answeredStart = { vt: 0, teamleider: 0, professional: 0 };
const answeredCreations = [];
let serial = 0;

function handoverFields(n) {
  return {
    receiving_organisation: 'triage', urgency: 'normaal', household_name: `Familie Crash${n} (test)`,
    address: `Crashstraat ${n}, Venlo`,
    member_name: [`Ouder Crash${n}`], member_birthdate: ['1980-01-01'], member_role: ['ouder'],
    reason: 'Test.', investigation_outcome: 'Test.', risk_assessment: 'Test.',
    safety_condition: ['Test.'], providers: 'Test.', agreements: 'Test.', family_informed: 'ja',
    contact: 'Test', action: 'indienen',
  };
}

// Logged in once: sessions live in the database and outlast kill -9.
let clients = null;
async function clientsFor(baseUrl) {
  if (!clients) {
    clients = {};
    for (const u of [...Object.keys(answeredStart), 'vt2']) {
      clients[u] = new Client(baseUrl);
      await clients[u].login(u === 'vt2' ? 'vt' : u);
      answeredStart[u === 'vt2' ? 'vt' : u] += 1; // login() fetched the start page
    }
  }
  for (const cl of Object.values(clients)) cl.baseUrl = baseUrl;
  return clients;
}

/** One cycle: load, the write lock taken, kill -9 while it is held. */
async function cycle() {
  let t = Date.now();
  const d = await serve();
  const tServe = Date.now() - t;
  t = Date.now();
  const c = await clientsFor(d.baseUrl);
  if (process.env.KR_DEBUG) process.stdout.write(`# serve ${tServe} ms, logins ${Date.now() - t} ms\n`);
  let stop = false;
  const submitter = async (cl) => {
    while (!stop) {
      const n = ++serial;
      try {
        const r = await cl.post('/overdrachten/nieuw', handoverFields(n), { raw: true });
        const m = r.status === 303 && /^\/overdrachten\/(\d+)$/.exec(r.location || '');
        if (m) answeredCreations.push(Number(m[1]));
      } catch { return; }
    }
  };
  const reader = async (u) => {
    // own client with the same session: a request on its own connection
    while (!stop) {
      try {
        const r = await c[u].get('/');
        if (r.status === 200) answeredStart[u] += 1;
      } catch { return; }
    }
  };
  const work = [submitter(c.vt), submitter(c.vt2), reader('vt'), reader('teamleider'), reader('professional')];
  await sleep(600);
  const release = await holdWriteLock();
  await sleep(500);
  d.child.kill('SIGKILL');
  await d.exited;
  stop = true;
  await release();
  await Promise.allSettled(work);
}

test('kill -9 under load: every handover has its record, every answered start page its record', async () => {
  const t0 = Date.now();
  for (let i = 0; i < 3; i++) await cycle();
  process.stdout.write(`# three kill cycles took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const handovers = q("SELECT id FROM handover WHERE household_name LIKE 'Familie Crash%'")
    .map((r) => r.id);
  assert.ok(handovers.length > 0, 'the load created handovers');
  const recorded = new Set(q("SELECT object_id FROM audit_log WHERE object_type = 'handover' AND action = 'create' AND outcome = 'allowed'")
    .map((r) => r.object_id));
  const without = handovers.filter((id) => !recorded.has(id));
  assert.deepEqual(without, [], `handovers committed without their audit record: ${without.join(', ')}`);
  const stored = new Set(handovers);
  const lost = answeredCreations.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], 'every creation answered 303 is in the database');
  for (const [u, n] of Object.entries(answeredStart)) {
    const records = q(`SELECT count(*) AS n FROM audit_log WHERE username = '${u}' AND object_type = 'start_page_panel'
      AND detail = (SELECT detail FROM audit_log WHERE username = '${u}' AND object_type = 'start_page_panel' ORDER BY id LIMIT 1)`)[0].n;
    assert.ok(records >= n, `${u}: ${n} start pages answered, only ${records} recorded`);
  }
  process.stdout.write(`# ${handovers.length} handovers, ${answeredCreations.length} answered; start pages answered: ${JSON.stringify(answeredStart)}\n`);
});

test('a record that cannot be written undoes the change: 500, and no handover', async () => {
  const d = await serve();
  try {
    const vt = new Client(d.baseUrl);
    await vt.login('vt');
    execFileSync('sqlite3', [db, "CREATE TRIGGER test_refuse_handover_record BEFORE INSERT ON audit_log WHEN NEW.action = 'create' AND NEW.object_type = 'handover' BEGIN SELECT RAISE(ABORT, 'test: record refused'); END"]);
    const before = q('SELECT count(*) AS n FROM handover')[0].n;
    const r = await vt.post('/overdrachten/nieuw', handoverFields('Geweigerd'), { raw: true });
    assert.equal(r.status, 500);
    assert.equal(q('SELECT count(*) AS n FROM handover')[0].n, before, 'the handover was undone with its record');
    assert.equal(q("SELECT count(*) AS n FROM handover WHERE household_name = 'Familie CrashGeweigerd (test)'")[0].n, 0);
    execFileSync('sqlite3', [db, 'DROP TRIGGER test_refuse_handover_record']);
    const ok = await vt.post('/overdrachten/nieuw', handoverFields('Daarna'), { raw: true });
    assert.equal(ok.status, 303, 'and the daemon goes on');
  } finally {
    d.child.kill('SIGTERM');
    await d.exited;
  }
  const check = execFileSync(bin, ['check', '--db', db], { env, encoding: 'utf8' });
  assert.match(check, /^ok/m, 'the chain holds after the kills');
});

await run({ after: () => rmSync(tmp, { recursive: true, force: true }) });
