// audit_trail.test.mjs — the audit trail cannot be rewritten unnoticed (issue 10
// item 2) and records what was refused before any session or check (item 4):
// `check` names the first row that does not fit after a REPLACE, an UPDATE (guards
// dropped) and a DELETE; REPLACE is refused while the guards stand; serve restores
// a dropped guard and records it; audit-anchor prints what the daemon logs;
// requests without a session to client-data routes and throttled logins are
// recorded.
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, startDaemon, Client, request, sql, eventually, DEMO_PASSWORD } from './lib.mjs';
import { daemonBinary, freePort, REPO_ROOT } from '../browser/lib.mjs';

const d = await startDaemon();
const bin = daemonBinary();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-trail-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cli(args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, KETENREGIE_DEMO_PASSWORD: DEMO_PASSWORD } });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** A copy of the live database (sqlite3 .backup), changed by script (sqlite3 shell). */
function tamperedCopy(name, script) {
  const file = path.join(tmp, `${name}.db`);
  execFileSync('sqlite3', [d.db, `.backup '${file}'`]);
  if (script) {
    const r = spawnSync('sqlite3', [file, script], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
  return file;
}

test('a fresh trail checks ok; client data views extend the chain', async () => {
  const pro = new Client(d.baseUrl);
  await pro.login('professional');
  for (let i = 0; i < 5; i++) assert.equal((await pro.get('/casussen')).status, 200);
  // logins are events: the change log (the database's audit_log) gets them; the views
  // above went to the read log (src/store/readlog.h)
  for (let i = 0; i < 6; i++) await new Client(d.baseUrl).login('teamleider');
  const r = cli(['check', '--db', d.db]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /^ok/m);
  await eventually(() => sql(d.db, 'SELECT count(*) AS n FROM main.audit_log')[0].n >= 7);
  const rows = sql(d.db, 'SELECT count(*) AS n, sum(length(row_hash) = 32) AS hashed FROM audit_log')[0];
  assert.ok(rows.n >= 13, `only ${rows.n} rows`);
  assert.equal(rows.hashed, rows.n, 'every row carries its hash');
  const changes = await eventually(() => { const n = sql(d.db, 'SELECT count(*) AS n FROM main.audit_log')[0].n; return n >= 7 && n; });
  assert.ok(changes >= 7, `only ${changes} rows in the change log`);
  assert.ok(rows.n - changes >= 6, 'the views are in the read log');
});

test('REPLACE is refused while the guards stand; check names a REPLACEd, an UPDATEd and a deleted row', () => {
  const target = sql(d.db, 'SELECT max(id) - 5 AS id FROM main.audit_log')[0].id;
  const copy = tamperedCopy('replace-refused');
  const refused = spawnSync('sqlite3', [copy, `INSERT OR REPLACE INTO audit_log (id, at, action, outcome, prev_hash, row_hash)
    SELECT id, at, action, 'refused', prev_hash, row_hash FROM audit_log WHERE id = ${target}`], { encoding: 'utf8' });
  assert.notEqual(refused.status, 0, 'REPLACE refused by the guard');
  assert.match(refused.stderr, /append-only/);

  const replaced = tamperedCopy('replaced', `DROP TRIGGER audit_log_append_only;
    INSERT OR REPLACE INTO audit_log (id, at, user_id, username, role, organisation_id, action, object_type, object_id,
      household_id, address, outcome, detail, prev_hash, row_hash)
    SELECT id, at, user_id, username, role, organisation_id, action, object_type, object_id, household_id, address,
      CASE outcome WHEN 'allowed' THEN 'refused' ELSE 'allowed' END, detail, prev_hash, row_hash FROM audit_log WHERE id = ${target};`);
  let r = cli(['check', '--db', replaced]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, new RegExp(`audit trail broken at row ${target}\\b`));

  const updated = tamperedCopy('updated', `DROP TRIGGER audit_log_no_update;
    UPDATE audit_log SET username = 'iemand-anders' WHERE id = ${target};`);
  r = cli(['check', '--db', updated]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, new RegExp(`audit trail broken at row ${target}\\b`));

  const deleted = tamperedCopy('deleted', `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = ${target};`);
  r = cli(['check', '--db', deleted]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, new RegExp(`audit trail broken at row ${target + 1}\\b`), 'the row after the gap is named');

  const unguarded = tamperedCopy('unguarded', 'DROP TRIGGER audit_log_no_delete;');
  r = cli(['check', '--db', unguarded]);
  assert.notEqual(r.status, 0);
  assert.match(r.out, /unguarded: audit_log_no_delete/);
});

test('serve restores a dropped or changed guard, records it, and logs the chain anchor', async () => {
  const db = tamperedCopy('serve-restores', `DROP TRIGGER audit_log_no_update;
    DROP TRIGGER audit_log_no_delete;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END;`);
  const port = await freePort();
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const up = await eventually(async () => {
      try { return (await request(`http://127.0.0.1:${port}`, 'GET', '/healthz')).status === 200; } catch { return false; }
    }, { timeout: 20_000, interval: 100 });
    assert.ok(up, `daemon did not start: ${log}`);
    assert.match(log, /AUDIT TRAIL GUARDS RESTORED \(audit_log_no_update audit_log_no_delete were missing or changed\)/);
    const anchor = await eventually(() => /audit anchor: row (\d+) at (\S+) hash ([0-9a-f]{64})/.exec(log), { timeout: 5000 });
    assert.ok(anchor, 'the daemon logs the chain anchor at start');
    const rec = await eventually(() => sql(db, "SELECT detail FROM audit_log WHERE action = 'audit_guard_restore'")[0]);
    assert.equal(rec.detail, 'audit_log_no_update audit_log_no_delete');
    const upd = spawnSync('sqlite3', [db, "UPDATE audit_log SET detail = 'x'"], { encoding: 'utf8' });
    assert.match(upd.stderr, /append-only/, 'the guard is back');
    const del = spawnSync('sqlite3', [db, 'DELETE FROM audit_log'], { encoding: 'utf8' });
    assert.match(del.stderr, /append-only/, 'the changed guard was replaced');
    // audit-anchor prints what the log said, as long as nothing was added since
    const printed = cli(['audit-anchor', '--db', db]);
    assert.equal(printed.status, 0, printed.out);
    const head = sql(db, 'SELECT id, lower(hex(row_hash)) AS h FROM main.audit_log ORDER BY id DESC LIMIT 1')[0];
    assert.match(printed.out, new RegExp(`^audit anchor: row ${head.id} at \\S+ hash ${head.h}$`, 'm'));
    if (Number(anchor[1]) === head.id) assert.equal(anchor[3], head.h);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  const r = cli(['check', '--db', db]);
  assert.equal(r.status, 0, `the chain itself was never broken: ${r.out}`);
});

test('requests without a session to client-data routes are recorded as refused', async () => {
  const hv = sql(d.db, 'SELECT min(id) AS id FROM handover')[0].id;
  const r = await request(d.baseUrl, 'GET', `/overdrachten/${hv}`, { localAddress: '127.0.0.3' });
  assert.equal(r.status, 303);
  const p = await request(d.baseUrl, 'POST', '/overdrachten/nieuw', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'household_name=x', localAddress: '127.0.0.3',
  });
  assert.ok([303, 403].includes(p.status));
  const rows = await eventually(() => {
    const x = sql(d.db, "SELECT action, outcome, user_id, detail FROM audit_log WHERE address = '127.0.0.3' ORDER BY id");
    return x.length >= 2 ? x : null;
  });
  assert.deepEqual(rows.map((x) => [x.action, x.outcome, x.user_id]), [['view', 'refused', null], ['create', 'refused', null]]);
  assert.equal(rows[0].detail, `/overdrachten/${hv} zonder geldige sessie`);
});

test('refused (throttled) logins are recorded', async () => {
  const c = new Client(d.baseUrl, { localAddress: '127.0.0.4' });
  await c.get('/login');
  let throttled = 0;
  for (let i = 0; i < 12 && !throttled; i++) {
    const r = await c.post('/login', [['username', 'partner'], ['password', `fout-${i}`]]);
    if (r.status === 429) throttled += 1;
  }
  assert.equal(throttled, 1, 'the account is throttled');
  const row = await eventually(() => sql(d.db, `SELECT username, outcome, detail FROM audit_log
    WHERE action = 'login' AND address = '127.0.0.4' AND detail LIKE 'throttled%'`)[0]);
  assert.ok(row, 'the throttled attempt is in the trail');
  assert.equal(row.username, 'partner');
  assert.equal(row.outcome, 'refused');
});

await run({
  after: async () => {
    rmSync(tmp, { recursive: true, force: true });
    await d.stop();
  },
});
