// login_offload.test.mjs — a password hash never runs on a worker thread (issue 11: "other
// pages keep their p99 while 50 logins/s arrive"). The login's connection is parked while
// the Argon2id check runs on a thread of its own (server/offload.h), so the one worker of
// this daemon (--threads 1) answers other pages meanwhile; the cap on hashes and waiting
// logins (auth/password.h) still holds, and a refused login is told to come back (503). The
// hashes themselves run in helper processes (auth/password_helper.h), one per hashing slot;
// when one is gone, the daemon hashes in-process and logins go on.
// @run-alone: measures time or load (see tests/run_files.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, run, startDaemon, Client } from './lib.mjs';

const d = await startDaemon({ serveArgs: ['--threads', '1'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const USERS = ['vt', 'teamleider', 'professional', 'partner'];

/** A client with the login form's csrf token, ready to POST /login. */
async function atLoginForm() {
  const c = new Client(d.baseUrl);
  await c.get('/login');
  return c;
}

function timedLogin(c, username, t0) {
  return c.post('/login', [['username', username], ['password', 'demo-ketenregie-2026']], { raw: true })
    .then((r) => ({ status: r.status, location: r.location, retry: r.headers['retry-after'], ms: Date.now() - t0 }));
}

test('the one worker answers a page while logins are being hashed', async () => {
  const clients = await Promise.all(USERS.map(() => atLoginForm()));
  const reader = await atLoginForm();
  const t0 = Date.now();
  const logins = clients.map((c, i) => timedLogin(c, USERS[i], t0));
  await sleep(30); // the logins have arrived and their hashes run
  const sent = Date.now();
  const page = await reader.get('/login');
  const pageMs = Date.now() - sent;
  const done = await Promise.all(logins);
  assert.equal(page.status, 200);
  for (const l of done) assert.equal(l.status, 303, `a login answered ${l.status}`);
  const firstLogin = Math.min(...done.map((l) => l.ms));
  // A hash on the worker would hold the page until that hash is done (on main's binary the
  // page took as long as the first login).
  assert.ok(pageMs * 2 < firstLogin,
    `the page took ${pageMs} ms while the first login took ${firstLogin} ms: a hash held the worker`);
});

test('the cap holds off the workers: eight logins at once, at most four checked, the rest 503', async () => {
  const names = [...USERS, ...USERS];
  const clients = await Promise.all(names.map(() => atLoginForm()));
  const t0 = Date.now();
  const done = await Promise.all(clients.map((c, i) => timedLogin(c, names[i], t0)));
  const checked = done.filter((l) => l.status === 303);
  const busy = done.filter((l) => l.status === 503);
  assert.equal(checked.length + busy.length, 8, `statuses ${done.map((l) => l.status)}`);
  assert.ok(checked.length >= 2 && checked.length <= 4, `${checked.length} checked`);
  for (const l of checked) assert.equal(l.location, '/');
  for (const l of busy) assert.equal(l.retry, '5');
  // the places are given back: one login alone is checked again
  const again = await timedLogin(await atLoginForm(), 'vt', Date.now());
  assert.equal(again.status, 303);
});

test('the hashes run in helper processes; logins go on when the helpers are gone', async () => {
  const daemon = execFileSync('pgrep', ['-f', '--', `serve --db ${d.db} `], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(daemon.length, 1, `daemon processes: ${daemon}`);
  const children = () => readFileSync(`/proc/${daemon[0]}/task/${daemon[0]}/children`, 'utf8').trim().split(/\s+/)
    .filter(Boolean).filter((pid) => { try { return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); } catch { return false; } });
  const helpers = children();
  assert.equal(helpers.length, 2, 'one helper per hashing slot (PASSWORD_MAX_CONCURRENT)');
  // the helpers hash 10 nicer than the daemon (PASSWORD_HELPER_NICE), below the workers that
  // answer pages; nice is field 19 of /proc/PID/stat, the 17th after the command's ")"
  const niceOf = (pid) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
  const daemonNice = niceOf(daemon[0]);
  for (const pid of helpers) assert.equal(niceOf(pid), Math.min(19, daemonNice + 10), `helper ${pid}'s nice value`);
  for (const pid of helpers) process.kill(Number(pid), 'SIGKILL');
  // the daemon reaps them; on a loaded machine that can take more than a moment
  for (let i = 0; i < 50 && children().length > 0; i++) await sleep(100);
  assert.equal(children().length, 0);
  for (const name of ['vt', 'teamleider', 'professional']) {
    const r = await timedLogin(await atLoginForm(), name, Date.now());
    assert.equal(r.status, 303, `${name} after the helpers ended: ${r.status}`);
  }
  const wrong = await (await atLoginForm()).post('/login', [['username', 'vt'], ['password', 'fout-wachtwoord']], { raw: true });
  assert.equal(wrong.status, 401);
  assert.match(d.log(), /a password helper process ended; hashing in the daemon/);
});

await run({ after: () => d.stop() });
