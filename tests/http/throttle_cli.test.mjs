// throttle_cli.test.mjs — login throttling per account and per address (own
// @run-alone: measures time or load (see tests/run_files.mjs).
// daemon, so other tests' failures do not count), the command line, backups,
// and a clean stop on SIGTERM.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, run, startDaemon, Client, request, sql, DEMO_PASSWORD } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const bin = daemonBinary();
const d = await startDaemon();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-cli-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('logins beyond the hashing slots and their few waiting places are told at once to try again', async () => {
  // PASSWORD_MAX_CONCURRENT (2) logins hash, PASSWORD_MAX_WAITING (2) wait for a slot;
  // the rest are answered 503 without any check, so that logins never hold every worker
  // thread. 24 logins 10 ms apart, each on a connection of its own (one Argon2id hash
  // under the sanitizers takes far longer; a new connection is taken by a worker thread
  // that is not busy hashing, while requests on one kept-alive connection, or a burst of
  // new ones, stay with one thread and are served one after another). Nothing counts as
  // a failure, each is audited, the username stays in the form, and trying again logs in.
  // The bound itself: tests/unit/test_password_slots.c.
  const users = ['vt', 'teamleider', 'professional', 'partner', 'secretaris', 'beleid'];
  const clients = Array.from({ length: 24 }, () => new Client(d.baseUrl));
  const close = { headers: { Connection: 'close' } };
  await Promise.all(clients.map((c) => c.get('/login', close)));
  const answers = await Promise.all(clients.map(async (c, i) => {
    await sleep(10 * i);
    return c.post('/login', [['username', users[i % users.length]], ['password', DEMO_PASSWORD]], { raw: true, ...close });
  }));
  const statuses = answers.map((r) => r.status);
  assert.ok(statuses.every((s) => s === 303 || s === 503), `statuses: ${statuses}`);
  assert.ok(statuses.filter((s) => s === 303).length >= 2, `the slots logged some in: ${statuses}`);
  const i = statuses.indexOf(503);
  assert.ok(i >= 0, `some logins were told to try again: ${statuses}`);
  const busy = answers[i];
  assert.match(busy.text, /Er melden zich nu veel mensen tegelijk aan/);
  assert.equal(busy.headers['retry-after'], '5');
  assert.match(busy.text, new RegExp(`name="username"[^>]*value="${users[i % users.length]}"`));
  assert.equal(sql(d.db, 'SELECT count(*) AS n FROM login_attempt WHERE success = 0')[0].n, 0, 'no failure counted');
  const refused = statuses.filter((s) => s === 503).length;
  let audited = 0;
  for (let tries = 0; tries < 40 && audited < refused; tries += 1) {
    audited = sql(d.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'login' AND outcome = 'refused'"
      + " AND detail = 'busy: too many logins at once'")[0].n;
    if (audited < refused) await sleep(50);
  }
  assert.equal(audited, refused, 'every refused login is in the audit log');
  const again = await clients[i].post('/login', [['username', users[i % users.length]], ['password', DEMO_PASSWORD]],
    { raw: true });
  assert.equal(again.status, 303);
});

test('after 5 failures an account waits, growing; the right password is refused meanwhile', async () => {
  const c = new Client(d.baseUrl);
  await c.get('/login');
  for (let i = 0; i < 5; i += 1) {
    const r = await c.post('/login', [['username', 'partner'], ['password', `fout-${i}-wachtwoord`]]);
    assert.equal(r.status, 401);
  }
  // The wait doubles with each further failure: 2^(n-5) s after the last one. On a
  // busy machine one login (Argon2id under the sanitizers) can take longer than the
  // first second, so two more failures make the wait (4 s) outlast a login; an
  // attempt refused meanwhile is not counted, and says how long to wait.
  const waitOf = (r) => Number(/over (\d+) seconden/.exec(r.text)?.[1] || 0);
  for (let failures = 5; failures < 7;) {
    const r = await c.post('/login', [['username', 'partner'], ['password', `fout-${failures}-wachtwoord`]]);
    assert.ok(r.status === 401 || r.status === 429, `got ${r.status}`);
    if (r.status === 401) failures += 1;
    else await sleep(waitOf(r) * 1000 + 200);
  }
  const blocked = await c.post('/login', [['username', 'partner'], ['password', DEMO_PASSWORD]]);
  assert.equal(blocked.status, 429, 'the right password is refused while the account waits');
  assert.match(blocked.text, /Te veel mislukte pogingen/);
  await sleep(waitOf(blocked) * 1000 + 200);
  const ok = await c.post('/login', [['username', 'partner'], ['password', DEMO_PASSWORD]]);
  assert.equal(ok.status, 303);
});

test('an address with many failures is slowed down for every account', async () => {
  const c = new Client(d.baseUrl);
  await c.get('/login');
  for (let i = 0; i < 6; i += 1) {
    await c.post('/login', [['username', `onbekend${i}`], ['password', 'wat-dan-ook-1']]);
    await sleep(50);
  }
  const r = await c.post('/login', [['username', 'beleid'], ['password', DEMO_PASSWORD]]);
  assert.equal(r.status, 429);
  const rows = sql(d.db, "SELECT count(*) AS n FROM login_attempt WHERE address = '127.0.0.1' AND success = 0");
  assert.ok(rows[0].n >= 6, "failures from this address were counted");
  const own = sql(d.db, "SELECT count(*) AS n FROM login_attempt WHERE username = 'beleid' AND success = 0");
  assert.equal(own[0].n, 0, "beleid itself never failed: the address rule refused it");
});

test('--help and --version', () => {
  const help = execFileSync(bin, ['--help'], { encoding: 'utf8' });
  for (const word of ['serve', 'migrate', 'demo', 'backup', 'check', 'org add', 'user add', 'KETENREGIE_DB', '--listen']) {
    assert.ok(help.includes(word), word);
  }
  assert.match(execFileSync(bin, ['--version'], { encoding: 'utf8' }), /^ketenregie \d+\.\d+\.\d+/);
  assert.equal(spawnSync(bin, ['onzin']).status, 2);
});

test('org add and user add (password on stdin, policy applied), KETENREGIE_DB', () => {
  const db = path.join(tmp, 'cli.db');
  const env = { ...process.env, KETENREGIE_DB: db };
  execFileSync(bin, ['migrate'], { env });
  const orgId = execFileSync(bin, ['org', 'add', '--name', 'Wijkteam Test', '--kind', 'wijkteam'], { env, encoding: 'utf8' });
  assert.match(orgId, /^\d+\n$/);
  assert.equal(spawnSync(bin, ['org', 'add', '--name', 'X', '--kind', 'geen'], { env }).status, 2);
  const weak = spawnSync(bin, ['user', 'add', '--username', 'a.b', '--name', 'A B', '--organisation', 'Wijkteam Test',
    '--role', 'teamleider'], { env, input: 'password\n', encoding: 'utf8' });
  assert.equal(weak.status, 2);
  assert.match(weak.stderr, /password refused/);
  const ok = spawnSync(bin, ['user', 'add', '--db', db, '--username', 'a.b', '--name', 'A B', '--organisation', 'Wijkteam Test',
    '--role', 'teamleider', '--role', 'professional'], { input: 'een goede zin als wachtwoord\n', encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const roles = sql(db, "SELECT role FROM user_role JOIN app_user ON id = user_id WHERE username = 'a.b' ORDER BY role");
  assert.deepEqual(roles.map((r) => r.role), ['professional', 'teamleider']);
  const hash = sql(db, "SELECT password_hash AS h FROM app_user WHERE username = 'a.b'")[0].h;
  assert.match(hash, /^\$argon2id\$/);
  assert.ok(sql(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'admin_user_create'")[0].n === 1);
});

test('backup of a live database is complete and passes check', async () => {
  const file = path.join(tmp, 'backup.db');
  const out = execFileSync(bin, ['backup', '--db', d.db, '--plain', file], { encoding: 'utf8' });
  assert.match(out, /backup written/);
  // a plain backup holds the database and its read log (src/backup/bundle.h): restore it, then check
  const restored = path.join(tmp, 'restored.db');
  execFileSync(bin, ['restore', '--db', restored, '--plain', file], { encoding: 'utf8' });
  assert.equal(execFileSync(bin, ['check', '--db', restored], { encoding: 'utf8' }).trim(), 'ok');
  assert.equal(sql(restored, 'SELECT count(*) AS n FROM app_user')[0].n, sql(d.db, 'SELECT count(*) AS n FROM app_user')[0].n);
});

test('SIGTERM stops the daemon cleanly (exit 0) and the database stays intact', async () => {
  const db = path.join(tmp, 'stop.db');
  execFileSync(bin, ['migrate', '--db', db]);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let up = false;
  for (let i = 0; i < 100 && !up; i += 1) {
    try { up = (await request(`http://127.0.0.1:${port}`, 'GET', '/healthz')).status === 200; } catch { await sleep(50); }
  }
  assert.ok(up);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.equal(execFileSync(bin, ['check', '--db', db], { encoding: 'utf8' }).trim(), 'ok');
});

test('TLS: HSTS, Secure cookies with the __Host- prefix', async () => {
  const https = await import('node:https');
  const db = path.join(tmp, 'tls.db');
  execFileSync(bin, ['migrate', '--db', db]);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(tmp, 'key.pem'),
    '-out', path.join(tmp, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--tls-cert', path.join(tmp, 'cert.pem'),
    '--tls-key', path.join(tmp, 'key.pem')], { stdio: 'ignore' });
  const get = (p) => new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, path: p, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).on('error', reject);
  });
  try {
    let res;
    for (let i = 0; i < 100 && !res; i += 1) {
      try { res = await get('/login'); } catch { await sleep(50); }
    }
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['strict-transport-security'], /max-age=\d+/);
    const cookie = [].concat(res.headers['set-cookie'])[0];
    assert.match(cookie, /^__Host-kr_login=/);
    assert.match(cookie, /; Secure/);
  } finally {
    child.kill('SIGTERM');
  }
});

test('behind a TLS proxy: --public-origin for Origin and cookies, --trusted-proxy for addresses', async () => {
  const px = await startDaemon({ serveArgs: ['--public-origin', 'https://ketenregie.example.nl', '--trusted-proxy', '127.0.0.1'] });
  try {
    const c = new Client(px.baseUrl);
    const page = await c.get('/login');
    assert.match([].concat(page.headers['set-cookie'])[0], /^__Host-kr_login=.*; Secure/);
    assert.match(page.headers['strict-transport-security'], /max-age/);
    const headers = { Origin: 'https://ketenregie.example.nl', 'X-Forwarded-For': '10.1.2.3, 192.0.2.44' };
    const wrongOrigin = await c.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD]],
      { headers: { ...headers, Origin: 'http://ketenregie.example.nl' } });
    assert.equal(wrongOrigin.status, 403);
    const bad = await c.post('/login', [['username', 'vt'], ['password', 'fout-fout-fout']], { headers });
    assert.equal(bad.status, 401);
    const addr = sql(px.db, "SELECT address FROM login_attempt WHERE username = 'vt'")[0].address;
    assert.equal(addr, '192.0.2.44', 'the address the proxy saw, not what the client claimed');
    const ok = await c.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD]], { headers });
    assert.equal(ok.status, 303);
    assert.match([].concat(ok.headers['set-cookie']).join('\n'), /__Host-kr_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Secure/);
    assert.match([].concat(ok.headers['set-cookie']).join('\n'),
      /__Host-kr_device=v1\.[0-9a-f.]+; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=15552000/);
  } finally {
    await px.stop();
  }
});

test('demo refuses a database that already has accounts', () => {
  const db = path.join(tmp, 'prod.db');
  execFileSync(bin, ['migrate', '--db', db]);
  execFileSync(bin, ['org', 'add', '--db', db, '--name', 'Gemeente Echt', '--kind', 'gemeente']);
  const u = spawnSync(bin, ['user', 'add', '--db', db, '--username', 'echte.beheerder', '--name', 'B', '--organisation',
    'Gemeente Echt', '--role', 'beheerder'], { input: 'een echte goede zin\n' });
  assert.equal(u.status, 0);
  const demo = spawnSync(bin, ['demo', '--db', db], { encoding: 'utf8' });
  assert.notEqual(demo.status, 0);
  assert.match(demo.stderr, /empty database/);
  assert.equal(sql(db, 'SELECT count(*) AS n FROM app_user')[0].n, 1);
});

await run({ after: async () => { await d.stop(); rmSync(tmp, { recursive: true, force: true }); } });
