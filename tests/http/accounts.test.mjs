// accounts.test.mjs — accounts and sessions (issue 12 items 5–7, issue 9 item 10):
// @run-alone: measures time or load (see tests/run_files.mjs).
// the device cookie that lets an account's owner through while others guess its
// password from twenty addresses, the password policy wherever a password is set,
// a sliding idle timeout, no session fixation, changing one's own password, the
// one-time "U bent uitgelogd". Own daemons, so that throttling here touches nobody.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, eventually, DEMO_PASSWORD } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const d = await startDaemon();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cookieLines = (res) => [].concat(res.headers['set-cookie'] || []);
const NEW_PASSWORD = 'tulpen langs de maas';

/** Twenty clients on 127.0.0.2 … 127.0.0.21 sending wrong passwords for `username`
 * until stop() is called; resolves once the account is being delayed. */
async function guessFromTwentyAddresses(username) {
  let running = true;
  let delayed = false;
  const attackers = Array.from({ length: 20 }, (_, i) => new Client(d.baseUrl, { localAddress: `127.0.0.${i + 2}` }));
  const loops = attackers.map(async (c, i) => {
    await c.get('/login');
    for (let k = 0; running; k += 1) {
      const r = await c.post('/login', [['username', username], ['password', `geraden-${i}-${k}-x`]]);
      // 503: every hashing slot and waiting place was taken (auth/password.h)
      assert.ok(r.status === 401 || r.status === 429 || r.status === 503, `attacker got ${r.status}`);
      if (r.status === 429) delayed = true;
      await sleep(100);
    }
  });
  const started = Math.floor(Date.now() / 1000);
  await eventually(() => delayed, { timeout: 20_000 });
  assert.ok(delayed, 'the guessing made the account wait');
  // The first delays are a second or two, with a moment between them in which the next
  // guesses are hashed; and a guess that finds both hashing slots taken is answered 503 and
  // counts nothing. Go on once the attack has made the delay several seconds long, so that
  // what the test sends next meets the delay, not the gap between two delays. The failures
  // are counted as the throttle counts them (auth/throttle.c): strictly after the account's
  // last login without a device cookie. A login in the attack's first second makes the
  // failures of that same second not count; counting them made the delay shorter than this
  // test believed, and a login slipped through now and then.
  const failures = () => sql(d.db, `SELECT count(*) AS n FROM login_attempt WHERE username = '${username}'
    AND success = 0 AND at >= ${started} AND at > coalesce((SELECT max(at) FROM login_attempt
      WHERE username = '${username}' AND success = 1 AND device IS NULL), 0)`)[0].n;
  await eventually(() => failures() >= 9, { timeout: 40_000, interval: 100 });
  assert.ok(failures() >= 9, 'the guessing went on until the delay was long');
  return {
    async stop() { running = false; await Promise.all(loops); },
  };
}

test('twenty addresses guessing one password: the owner with a device cookie logs in, others wait', async () => {
  const owner = new Client(d.baseUrl);
  const first = await owner.login('teamleider.zuid');
  await owner.post('/logout');

  const attack = await guessFromTwentyAddresses('teamleider.zuid');
  try {
    const addresses = sql(d.db, "SELECT count(DISTINCT address) AS n FROM login_attempt WHERE username = 'teamleider.zuid' AND success = 0");
    assert.ok(addresses[0].n >= 2, 'failures came from several addresses');
    // without a device cookie the owner is delayed as before (a fresh browser, own address)
    // (an attacker's wrong password is being hashed for a moment before its failure counts, so
    // a single try can slip through that gap; the delay must still meet a fresh browser)
    let refused = null;
    for (let i = 0; i < 5 && !refused; i += 1) {
      const stranger = new Client(d.baseUrl, { localAddress: `127.0.0.${30 + i}` });
      await stranger.get('/login');
      const r = await stranger.post('/login', [['username', 'teamleider.zuid'], ['password', DEMO_PASSWORD]]);
      if (r.status === 429) refused = r;
      else await sleep(300);
    }
    assert.ok(refused, 'a fresh browser without the device cookie is delayed');
    assert.match(refused.text, /Te veel mislukte pogingen/);
    // with it, the owner gets in, twice in a row, while the guessing goes on
    for (let i = 0; i < 2; i += 1) {
      await owner.get('/login');
      const ok = await owner.post('/login', [['username', 'teamleider.zuid'], ['password', DEMO_PASSWORD]]);
      assert.equal(ok.status, 303, `owner login ${i} answered ${ok.status}`);
      assert.equal((await owner.get('/')).status, 200);
      await owner.post('/logout');
    }
    const device = cookieLines(first).find((l) => l.startsWith('kr_device='));
    assert.ok(device, 'a successful login sets a device cookie');
    assert.match(device, /^kr_device=v1\.\d+\.\d+\.[0-9a-f]{32}\.[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=15552000$/);
    const used = sql(d.db, "SELECT count(*) AS n FROM login_attempt WHERE username = 'teamleider.zuid' AND success = 1 AND device IS NOT NULL");
    assert.equal(used[0].n, 2);
    // the device cookie is bound to its account
    const other = new Client(d.baseUrl);
    other.cookies.set('kr_device', owner.cookies.get('kr_device'));
    await other.get('/login');
    const elsewhere = await other.post('/login', [['username', 'professional.zuid'], ['password', 'fout-fout-fout-1']]);
    assert.equal(elsewhere.status, 401);
    assert.equal(sql(d.db, "SELECT count(*) AS n FROM login_attempt WHERE username = 'professional.zuid' AND device IS NOT NULL")[0].n, 0);
  } finally {
    await attack.stop();
  }
});

test('a stolen device cookie cannot guess freely: three failures, then it waits', async () => {
  const owner = new Client(d.baseUrl);
  await owner.login('professional.zuid');
  const thief = new Client(d.baseUrl, { localAddress: '127.0.0.40' });
  thief.cookies.set('kr_device', owner.cookies.get('kr_device'));
  await thief.get('/login');
  const statuses = [];
  for (let i = 0; i < 8; i += 1) {
    statuses.push((await thief.post('/login', [['username', 'professional.zuid'], ['password', `gok-${i}-gok-gok`]])).status);
  }
  assert.deepEqual(statuses.slice(0, 3), [401, 401, 401], 'three free failures');
  assert.ok(statuses.includes(429), `the device has its own, stricter count: ${statuses}`);
  const counted = sql(d.db, "SELECT count(*) AS n FROM login_attempt WHERE username = 'professional.zuid' AND success = 0 AND device IS NOT NULL");
  assert.ok(counted[0].n < 8, 'not every guess was tried');
  // a forged or altered cookie is no device cookie: the ordinary rules apply
  const forged = new Client(d.baseUrl, { localAddress: '127.0.0.41' });
  forged.cookies.set('kr_device', owner.cookies.get('kr_device').replace(/.$/, (c) => (c === '0' ? '1' : '0')));
  await forged.get('/login');
  await forged.post('/login', [['username', 'professional.zuid'], ['password', 'nog-een-gok-1']]);
  const rows = sql(d.db, "SELECT device FROM login_attempt WHERE address = '127.0.0.41'");
  assert.deepEqual(rows, [{ device: null }]);
});

test('the session cookie is issued by the server, never taken from the client (fixation)', async () => {
  const chosen = 'ab'.repeat(32);
  const c = new Client(d.baseUrl);
  c.cookies.set('kr_session', chosen);
  await c.get('/login');
  const res = await c.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD]]);
  assert.equal(res.status, 303);
  const issued = /kr_session=([0-9a-f]{64})/.exec(cookieLines(res).join('\n'));
  assert.ok(issued && issued[1] !== chosen, 'a fresh token, not the one the client offered');
  const planted = new Client(d.baseUrl);
  planted.cookies.set('kr_session', chosen);
  assert.equal((await planted.get('/')).status, 303, 'the offered value is no session');
  // a valid session planted in the victim's browser is ended at the victim's login
  const attacker = new Client(d.baseUrl);
  await attacker.login('partner.jgz');
  const victim = new Client(d.baseUrl);
  victim.cookies.set('kr_session', attacker.cookies.get('kr_session'));
  await victim.get('/login');
  const login = await victim.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD]]);
  assert.equal(login.status, 303);
  assert.notEqual(victim.cookies.get('kr_session'), attacker.cookies.get('kr_session'));
  assert.equal((await attacker.get('/')).status, 303, "the attacker's planted session ended");
  const home = await victim.get('/');
  assert.match(home.text, /Fatima El Amrani/);
});

test('logging out shows "U bent uitgelogd" once, without JavaScript', async () => {
  const c = new Client(d.baseUrl);
  await c.login('partner');
  const out = await c.post('/logout');
  assert.equal(out.status, 303);
  assert.equal(out.location, '/login');
  assert.match(cookieLines(out).join('\n'), /kr_notice=uitgelogd; Path=\/; HttpOnly; SameSite=Strict; Max-Age=120/);
  const page = await c.get('/login');
  assert.match(page.text, /U bent uitgelogd\./);
  const again = await c.get('/login');
  assert.doesNotMatch(again.text, /U bent uitgelogd/, 'a one-time message');
  const fresh = new Client(d.baseUrl);
  fresh.cookies.set('kr_notice', '<script>x</script>');
  assert.doesNotMatch((await fresh.get('/login')).text, /uitgelogd|<script>x/);
});

/** The answer of send() once it is not 503 ("every hashing slot taken, come back"). */
async function untilNotBusy(send) {
  for (let i = 0; ; i += 1) {
    const r = await send();
    if (r.status !== 503 || i >= 50) return r;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('changing one\'s own password: current one required, policy, other sessions end, this one goes on', async () => {
  const me = new Client(d.baseUrl);
  await me.login('beleid');
  const elsewhere = new Client(d.baseUrl);
  await elsewhere.login('beleid');
  const home = await me.get('/');
  assert.match(home.text, /href="\/account\/wachtwoord"/, 'linked from the header');
  const form = await me.get('/account/wachtwoord');
  assert.equal(form.status, 200);
  assert.match(form.text, /<label class="utrecht-form-label" for="current_password">Huidig wachtwoord<\/label>/);

  const wrong = await me.post('/account/wachtwoord', [['current_password', 'niet-mijn-wachtwoord'],
    ['password', NEW_PASSWORD], ['password2', NEW_PASSWORD]]);
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /Dit is niet uw huidige wachtwoord/);
  const cases = [
    ['Venlo2026', /naam van uw organisatie/],           // Gemeente Venlo (demo)
    ['Welkom2026!', /veelgebruikt wachtwoord met alleen cijfers/],
    ['aaaaaaaa', /herhaalde of opeenvolgende tekens/],
    [DEMO_PASSWORD, /openbare wachtwoord van de demo-omgeving/],
  ];
  for (const [pw, why] of cases) {
    const r = await me.post('/account/wachtwoord', [['current_password', DEMO_PASSWORD], ['password', pw], ['password2', pw]]);
    assert.equal(r.status, 422, pw);
    assert.match(r.text, why, pw);
    assert.ok(!r.text.includes(`value="${pw}"`), 'a password is never sent back');
  }
  const mismatch = await me.post('/account/wachtwoord', [['current_password', DEMO_PASSWORD], ['password', NEW_PASSWORD],
    ['password2', 'iets heel anders']]);
  assert.match(mismatch.text, /niet gelijk/);

  const before = me.cookies.get('kr_session');
  const oldDevice = me.cookies.get('kr_device');
  const ok = await me.post('/account/wachtwoord', [['current_password', DEMO_PASSWORD], ['password', NEW_PASSWORD],
    ['password2', NEW_PASSWORD]]);
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/account/wachtwoord');
  assert.notEqual(me.cookies.get('kr_session'), before, 'the current session is renewed');
  assert.notEqual(me.cookies.get('kr_device'), oldDevice, 'a device cookie for the new password');
  const done = await me.get('/account/wachtwoord');
  assert.match(done.text, /Uw wachtwoord is gewijzigd/);
  assert.doesNotMatch((await me.get('/account/wachtwoord')).text, /Uw wachtwoord is gewijzigd/);
  const after = await me.get('/');
  assert.equal(after.status, 200, 'this browser goes on');
  // the record of the change is written by the audit writer; the start page names it once written
  const named = await eventually(async () => {
    const t = (await me.get('/')).text;
    return /Wachtwoord laatst ingesteld: \d{2}-\d{2}-\d{4} \d{2}:\d{2}\./.test(t) ? t : null;
  });
  assert.ok(named, 'the start page names the change');
  assert.doesNotMatch(home.text, /Wachtwoord laatst ingesteld/, 'not before the change');
  assert.equal((await elsewhere.get('/')).status, 303, 'the other session ended');
  const audit = await eventually(() => sql(d.db,
    "SELECT detail FROM audit_log WHERE action = 'password_set' AND username = 'beleid' AND outcome = 'allowed'")[0]);
  assert.equal(audit.detail, 'changed by the user');

  // the old password no longer works, the new one does
  const oldPw = new Client(d.baseUrl);
  await oldPw.get('/login');
  assert.equal((await oldPw.post('/login', [['username', 'beleid'], ['password', DEMO_PASSWORD]])).status, 401);
  await new Client(d.baseUrl).login('beleid', NEW_PASSWORD);

  // a device cookie from before the change no longer lets anyone through the delay
  const attack = await guessFromTwentyAddresses('beleid');
  try {
    const stale = new Client(d.baseUrl);
    stale.cookies.set('kr_device', oldDevice);
    await stale.get('/login');
    // while the attack keeps both hashing slots busy a login may be told to come back (503,
    // auth/password.h); it comes back, as a browser's user would, until the daemon decides
    assert.equal((await untilNotBusy(() => stale.post('/login', [['username', 'beleid'], ['password', NEW_PASSWORD]]))).status, 429);
    await me.post('/logout');
    await me.get('/login');
    assert.equal((await untilNotBusy(() => me.post('/login', [['username', 'beleid'], ['password', NEW_PASSWORD]]))).status, 303,
      'the renewed device cookie does');
  } finally {
    await attack.stop();
  }
});

test('the policy applies to reset links and to the command line as well', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  const users = sql(d.db, "SELECT id FROM app_user WHERE username = 'secretaris'");
  const posted = await admin.post(`/beheer/gebruikers/${users[0].id}/herstellink`);
  assert.equal(posted.status, 303, 'POST-redirect-GET: the link is shown once on the account page');
  const reset = await admin.get(posted.location);
  const link = /\/wachtwoord\?t(?:=|&#61;)([0-9a-f]{64})/.exec(reset.text);
  assert.ok(link, 'a reset link');
  const user = new Client(d.baseUrl);
  await user.get(`/wachtwoord?t=${link[1]}`);
  const venlo = await user.post('/wachtwoord', [['token', link[1]], ['password', 'Venlo2026'], ['password2', 'Venlo2026']]);
  assert.equal(venlo.status, 422);
  assert.match(venlo.text, /naam van uw organisatie/);
  const name = await user.post('/wachtwoord', [['token', link[1]], ['password', 'Hendriks1970'], ['password2', 'Hendriks1970']]);
  assert.match(name.text, /gebaseerd op uw naam/);

  const bin = daemonBinary();
  const add = (pw) => spawnSync(bin, ['user', 'add', '--db', d.db, '--username', 'k.vos', '--name', 'Kees Vos',
    '--organisation', 'Gemeente Venlo (demo)', '--role', 'beleid'], { input: `${pw}\n`, encoding: 'utf8' });
  for (const pw of ['aaaaaaaa', 'Welkom2026!', 'Venlo2026', 'Ketenregie!2026', DEMO_PASSWORD]) {
    const r = add(pw);
    assert.equal(r.status, 2, pw);
    assert.match(r.stderr, /password refused/, pw);
  }
});

test('/beheer links to the norms', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  assert.match((await admin.get('/beheer')).text, /<a href="\/beheer\/normen">/);
});

test('the idle timeout slides with activity (--idle-timeout 3)', async () => {
  const short = await startDaemon({ demo: false, serveArgs: ['--idle-timeout', '3'] });
  try {
    const bin = daemonBinary();
    spawnSync(bin, ['org', 'add', '--db', short.db, '--name', 'Wijkteam Kort', '--kind', 'wijkteam']);
    const made = spawnSync(bin, ['user', 'add', '--db', short.db, '--username', 'kort', '--name', 'K. Kort',
      '--organisation', 'Wijkteam Kort', '--role', 'teamleider'], { input: `${NEW_PASSWORD}\n`, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const c = new Client(short.baseUrl);
    await c.login('kort', NEW_PASSWORD);
    // a request every 1.1 s for 4.4 s: longer than the idle timeout, never idle that long
    // (before the fix, last_seen was written once a minute and this session ended at 3 s)
    for (let i = 0; i < 4; i += 1) {
      await sleep(1100);
      const r = await c.get('/');
      assert.equal(r.status, 200, `request ${i} after ${((i + 1) * 1.1).toFixed(1)} s answered ${r.status}`);
    }
    await sleep(4200);
    const idle = await c.get('/');
    assert.equal(idle.status, 303, 'idle longer than the timeout: logged out');
    assert.equal(idle.location, '/login');
  } finally {
    await short.stop();
  }
});

await run({ after: () => d.stop() });
