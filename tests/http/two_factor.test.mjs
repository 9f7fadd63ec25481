// two_factor.test.mjs — issue 10 items 5 and 6: the second login factor (TOTP,
// RFC 6238) and the four-eyes confirmation of account changes that give client data.
//
// The daemon's accounts are the demo region's (exempt from the second factor); the
// accounts made here through /beheer are not. Codes are computed from the secret the
// enrolment page shows in text (lib.mjs totpCode).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  test, run, startDaemon, Client, sql, eventually, secretFrom, totpCode, totpStep, freshCode, TOTP_SECRETS,
} from './lib.mjs';

const d = await startDaemon();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PASSWORD = 'zeven zwanen op de maas';
const orgId = (name) => sql(d.db, `SELECT id FROM organisation WHERE name = '${name}'`)[0].id;
const userId = (username) => sql(d.db, `SELECT id FROM app_user WHERE username = '${username}'`)[0].id;
const rolesOf = (username) => sql(d.db, `SELECT group_concat(role) AS r FROM user_role WHERE user_id = ${userId(username)}`)[0].r;
const linkIn = (html) => /\/wachtwoord\?t(?:=|&#61;)([0-9a-f]{64})/.exec(html)?.[1];

/** Set a password through a one-time link. */
async function setPassword(token) {
  const c = new Client(d.baseUrl);
  await c.get(`/wachtwoord?t=${token}`);
  const r = await c.post('/wachtwoord', [['token', token], ['password', PASSWORD], ['password2', PASSWORD]]);
  assert.equal(r.status, 303);
}

/** A new account without client data (no confirmation needed); returns its username. */
async function newSecretaris(admin, username) {
  const made = await admin.post('/beheer/gebruikers/nieuw', [['username', username], ['name', 'Tina Twee'],
    ['organisation', String(orgId('Gemeente Venlo (demo)'))], ['role', 'secretaris']]);
  assert.equal(made.status, 303);
  const token = linkIn((await admin.get(made.location)).text);
  assert.ok(token, 'an account without client data gets its link at once');
  await setPassword(token);
  return username;
}

/** Password step only; returns the client and the redirect. */
async function passwordStep(username, opts = {}) {
  const c = new Client(d.baseUrl, opts);
  await c.get('/login');
  const r = await c.post('/login', [['username', username], ['password', PASSWORD]]);
  return { c, r };
}

test('enrolment at the first login: QR code as inline SVG, the secret in text, ten recovery codes', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  await newSecretaris(admin, 't.twee');
  const { c, r } = await passwordStep('t.twee');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login/instellen', 'the password alone starts no session');
  assert.ok(!c.cookies.has('kr_session'));
  assert.equal((await c.get('/')).status, 303, 'no way in before the code');
  const page = await c.get('/login/instellen');
  assert.equal(page.status, 200);
  assert.match(page.text, /<svg[^>]*viewBox="0 0 (\d+) \1"[^>]*role="img"/, 'inline SVG');
  assert.match(page.text, /<path d="(M\d+ \d+h\d+v1h-\d+z)+"/);
  assert.doesNotMatch(page.text, /<img|https?:\/\/(?!www\.w3\.org)[^"]*qr/i, 'no external QR service');
  const secret = secretFrom(page.text);
  assert.match(secret, /^[A-Z2-7]{32}$/);
  // a wrong code keeps the page, with the message at the field
  const wrong = await c.post('/login/instellen', [['code', '000000']]);
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /Deze code klopt niet/);
  assert.equal(secretFrom(wrong.text), secret, 'the same secret is shown again until confirmed');
  const step = totpStep();
  const done = await c.post('/login/instellen', [['code', totpCode(secret, step)]]);
  assert.equal(done.status, 200);
  const codes = [...done.text.matchAll(/<code>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})<\/code>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.equal((await c.get('/')).status, 200, 'logged in');
  // stored: the secret (20 bytes) and the step; recovery codes only hashed
  const row = sql(d.db, `SELECT length(secret) AS n, last_step FROM user_totp WHERE user_id = ${userId('t.twee')}`)[0];
  assert.equal(row.n, 20);
  assert.equal(row.last_step, step);
  const stored = sql(d.db, `SELECT hex(code_hash) AS h FROM user_recovery_code WHERE user_id = ${userId('t.twee')}`);
  assert.equal(stored.length, 10);
  for (const code of codes) {
    assert.ok(!stored.some((s) => s.h.includes(Buffer.from(code).toString('hex').toUpperCase())), 'never stored as text');
  }
  // the secret is never shown again: enrolment is over, the page sends to the code form
  await c.post('/logout');
  const again = await passwordStep('t.twee');
  assert.equal(again.r.location, '/login/code');
  assert.doesNotMatch((await again.c.get('/login/instellen')).text, new RegExp(secret));
  TOTP_SECRETS.set('t.twee', { secret, lastStep: step, codes });
});

test('a double-submitted enrolment shows one set of recovery codes, and that set works', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  await newSecretaris(admin, 't.dubbel');
  const { c } = await passwordStep('t.dubbel', { localAddress: '127.0.0.5' });
  const secret = secretFrom((await c.get('/login/instellen')).text);
  const code = totpCode(secret, totpStep());
  const answers = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => c.post('/login/instellen', [['code', code]], { raw: true })));
  const shown = answers.filter((r) => r.status === 200);
  assert.equal(shown.length, 1, `one answer shows codes (got ${answers.map((r) => r.status).join(',')})`);
  for (const r of answers.filter((x) => x !== shown[0])) assert.equal(r.location, '/login', 'the others go to the login');
  const codes = [...shown[0].text.matchAll(/<code>([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})<\/code>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  const later = await passwordStep('t.dubbel', { localAddress: '127.0.0.5' });
  const ok = await later.c.post('/login/code', [['code', codes[0]]], { raw: true });
  assert.equal(ok.status, 303, 'a shown recovery code works');
  assert.equal(ok.location, '/');
});

test('a code is accepted once: a replay is refused, the next code works', async () => {
  const entry = TOTP_SECRETS.get('t.twee');
  assert.ok(entry, 'enrolled by the test before');
  const { c } = await passwordStep('t.twee', { localAddress: '127.0.0.3' });
  const used = totpCode(entry.secret, entry.lastStep);
  const replay = await c.post('/login/code', [['code', used]]);
  assert.equal(replay.status, 401, 'the code of the enrolment is not accepted again');
  assert.match(replay.text, /klopt niet of is al gebruikt/);
  const next = entry.lastStep + 1; // within ±1 step of now
  const ok = await c.post('/login/code', [['code', totpCode(entry.secret, next)]], { raw: true });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/');
  assert.equal((await c.get('/')).status, 200);
  entry.lastStep = next;
  // the same code from another browser, at once: refused
  const other = await passwordStep('t.twee', { localAddress: '127.0.0.3' });
  assert.equal((await other.c.post('/login/code', [['code', totpCode(entry.secret, next)]])).status, 401);
  const rows = await eventually(() => {
    const r = sql(d.db, `SELECT outcome, detail FROM audit_log WHERE username = 't.twee' AND action = 'login'`);
    return r.filter((x) => x.outcome === 'refused').length >= 2 ? r : null;
  });
  assert.ok(rows.some((r) => r.outcome === 'allowed' && r.detail === 'second factor: app code'));
  assert.ok(rows.some((r) => r.outcome === 'refused' && r.detail === 'wrong second factor'));
});

test('a recovery code works once', async () => {
  const { codes } = TOTP_SECRETS.get('t.twee');
  const first = await passwordStep('t.twee');
  const ok = await first.c.post('/login/code', [['code', codes[3].toLowerCase().replace(/-/g, ' ')]], { raw: true });
  assert.equal(ok.status, 303, 'case, spaces and dashes do not matter');
  assert.equal((await first.c.get('/')).status, 200);
  const second = await passwordStep('t.twee', { localAddress: '127.0.0.4' });
  assert.equal((await second.c.post('/login/code', [['code', codes[3]]])).status, 401, 'used once');
  const left = sql(d.db, `SELECT count(*) AS n FROM user_recovery_code WHERE user_id = ${userId('t.twee')} AND used_at IS NULL`)[0].n;
  assert.equal(left, 9);
});

test('a form sent after the session expired goes on after the code as well', async () => {
  // an account of its own: the tests before used up t.twee's codes of this half minute
  // (a code's step must be later than the last one accepted), and waiting for the next
  // steps took most of a minute
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  await newSecretaris(admin, 't.verlopen');
  const c = new Client(d.baseUrl);
  await c.login('t.verlopen', PASSWORD);
  const entry = TOTP_SECRETS.get('t.verlopen');
  assert.ok(entry, 'enrolled at the first login');
  execFileSync('sqlite3', [d.db, `UPDATE session SET last_seen = last_seen - 20*60 WHERE user_id = ${userId('t.verlopen')}`]);
  const expired = await c.post('/leertafel/bijeenkomsten/nieuw', [['held_on', '2026-12-01'], ['location', 'Zaal <Maas>']]);
  assert.equal(expired.status, 403);
  const resume = /name="resume" value="([^"]*)"/.exec(expired.text)[1].replace(/&amp;/g, '&').replace(/&#61;/g, '=');
  const pw = await c.post('/login', [['username', 't.verlopen'], ['password', PASSWORD],
    ['resume_to', '/leertafel/bijeenkomsten/nieuw'], ['resume', resume]]);
  assert.equal(pw.location, '/login/code');
  await c.get('/login/code');
  const code = await c.post('/login/code', [['code', await freshCode('t.verlopen')]]);
  assert.equal(code.status, 200);
  assert.match(code.text, /Formulier opnieuw versturen/);
  assert.match(code.text, /<input type="hidden" name="location" value="Zaal &lt;Maas&gt;">/);
});

test('wrong codes are throttled like passwords; five end the waiting login', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  await newSecretaris(admin, 't.drie');
  const { c, r } = await passwordStep('t.drie', { localAddress: '127.0.0.5' });
  assert.equal(r.location, '/login/instellen');
  const secret = secretFrom((await c.get('/login/instellen')).text);
  for (let i = 0; i < 4; i += 1) assert.equal((await c.post('/login/instellen', [['code', `12345${i}`]])).status, 422);
  const fifth = await c.post('/login/instellen', [['code', '123459']]);
  assert.equal(fifth.status, 401);
  assert.match(fifth.text, /Log opnieuw in met uw wachtwoord/);
  assert.equal((await c.post('/login/instellen', [['code', totpCode(secret, totpStep())]])).status, 303,
    'the waiting login has ended: back to the login form');
  // five failures counted for the account: the next attempt waits
  await sleep(1100);
  const again = await passwordStep('t.drie', { localAddress: '127.0.0.6' });
  assert.equal(again.r.location, '/login/instellen', 'the password after the one-second wait');
  const s2 = secretFrom((await again.c.get('/login/instellen')).text);
  assert.notEqual(s2, secret, 'a new secret for a new attempt');
  assert.equal((await again.c.post('/login/instellen', [['code', '999999']])).status, 422);
  const held = await again.c.post('/login/instellen', [['code', totpCode(s2, totpStep())]]);
  assert.equal(held.status, 429, 'even the right code waits after the failures');
  assert.match(held.text, /Te veel mislukte pogingen/);
  await sleep(2100);
  const ok = await again.c.post('/login/instellen', [['code', totpCode(s2, totpStep())]]);
  assert.equal(ok.status, 200, 'after the wait the right code enrols');
});

test('without a waiting login the code pages send to /login; the demo accounts need no code', async () => {
  const c = new Client(d.baseUrl);
  assert.equal((await c.get('/login/code')).location, '/login');
  assert.equal((await c.get('/login/instellen')).location, '/login');
  await c.get('/login');
  assert.equal((await c.post('/login/code', [['code', '123456']])).location, '/login');
  const demo = new Client(d.baseUrl);
  await demo.get('/login');
  const r = await demo.post('/login', [['username', 'professional'], ['password', 'demo-ketenregie-2026']]);
  assert.equal(r.location, '/');
});

test('a grace period lets an account postpone enrolment until it has passed; without one it cannot', async () => {
  // without a grace period (this daemon): no button, and the POST is refused
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  await newSecretaris(admin, 't.vier');
  const now = await passwordStep('t.vier');
  assert.doesNotMatch((await now.c.get('/login/instellen')).text, /Later instellen/);
  const refused = await now.c.post('/login/instellen/later');
  assert.equal(refused.status, 422);
  assert.match(refused.text, /Tweestapsverificatie is verplicht/);
  assert.ok(!now.c.cookies.has('kr_session'));

  const g = await startDaemon({ env: { KETENREGIE_SECOND_FACTOR_GRACE: '3' } });
  try {
    const gAdmin = new Client(g.baseUrl);
    await gAdmin.login('beheerder');
    const made = await gAdmin.post('/beheer/gebruikers/nieuw', [['username', 't.later'], ['name', 'Tim Later'],
      ['organisation', String(sql(g.db, "SELECT id FROM organisation WHERE name = 'Gemeente Venlo (demo)'")[0].id)],
      ['role', 'secretaris']]);
    const token = linkIn((await gAdmin.get(made.location)).text);
    const u = new Client(g.baseUrl);
    await u.get(`/wachtwoord?t=${token}`);
    await u.post('/wachtwoord', [['token', token], ['password', PASSWORD], ['password2', PASSWORD]]);
    const step = async () => {
      const c = new Client(g.baseUrl);
      await c.get('/login');
      await c.post('/login', [['username', 't.later'], ['password', PASSWORD]]);
      return c;
    };
    const c1 = await step();
    assert.match((await c1.get('/login/instellen')).text, /nog 3 dag\(en\) uitstellen/);
    const later = await c1.post('/login/instellen/later', [], { raw: true });
    assert.equal(later.status, 303);
    assert.equal(later.location, '/');
    assert.equal((await c1.get('/')).status, 200, 'logged in without a second factor, during the grace period');
    // the grace period counts from the first login that asked: four days later it is over
    execFileSync('sqlite3', [g.db, "UPDATE app_user SET second_factor_asked_at = second_factor_asked_at - 4 * 86400 WHERE username = 't.later'"]);
    const c2 = await step();
    assert.doesNotMatch((await c2.get('/login/instellen')).text, /Later instellen/);
    assert.equal((await c2.post('/login/instellen/later')).status, 422);
  } finally {
    await g.stop();
  }
});

// ---- four eyes ----------------------------------------------------------------

test('a beheerder alone cannot give a new account client data; a team leader of its organisation confirms', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  const noord = orgId('Wijkteam Venlo-Noord (demo)');
  const made = await admin.post('/beheer/gebruikers/nieuw', [['username', 'p.nieuw'], ['name', 'Pien Nieuw'],
    ['organisation', String(noord)], ['role', 'professional']]);
  assert.equal(made.status, 303);
  const shown = await admin.get(made.location);
  assert.equal(linkIn(shown.text), undefined, 'the administrator who asked sees no link');
  assert.match(shown.text, /pas in als een tweede persoon het bevestigt/);
  assert.match(shown.text, /Wacht op bevestiging door een tweede persoon: Nieuw account/);
  assert.equal(rolesOf('p.nieuw'), null, 'no role yet');
  assert.equal(sql(d.db, `SELECT count(*) AS n FROM password_reset WHERE user_id = ${userId('p.nieuw')}`)[0].n, 0);
  const change = sql(d.db, `SELECT id FROM account_change WHERE user_id = ${userId('p.nieuw')} AND decided_at IS NULL`)[0].id;

  // not the one who asked, not a second beheerder (the organisation has team leaders),
  // not a team leader of another organisation
  assert.doesNotMatch((await admin.get('/')).text, /Te bevestigen accountwijzigingen/);
  assert.equal((await admin.post(`/accountwijzigingen/${change}/bevestigen`)).status, 404);
  for (const who of ['beheerder2', 'teamleider.zuid']) {
    const other = new Client(d.baseUrl);
    await other.login(who);
    assert.doesNotMatch((await other.get('/')).text, /p\.nieuw/, who);
    assert.equal((await other.post(`/accountwijzigingen/${change}/bevestigen`)).status, 404, who);
  }
  assert.equal(rolesOf('p.nieuw'), null);

  const tl = new Client(d.baseUrl);
  await tl.login('teamleider');
  const home = await tl.get('/');
  assert.match(home.text, /Te bevestigen accountwijzigingen/);
  assert.match(home.text, /Pien Nieuw \(p\.nieuw\)/);
  const confirmed = await tl.post(`/accountwijzigingen/${change}/bevestigen`);
  assert.equal(confirmed.status, 303);
  const token = linkIn((await tl.get(confirmed.location)).text);
  assert.ok(token, 'the confirmer is handed the one-time link');
  assert.equal(rolesOf('p.nieuw'), 'professional');
  // a second click (or refusing afterwards) changes nothing and says so (409), the link still shown
  const twice = await tl.post(`/accountwijzigingen/${change}/bevestigen`);
  assert.equal(twice.status, 409, 'decided once');
  assert.match(twice.text, /Over deze wijziging voor p\.nieuw is al besloten: bevestigd door Joost Peeters op \d\d-\d\d-\d{4} \d\d:\d\d/);
  assert.equal((await tl.post(`/accountwijzigingen/${change}/afwijzen`)).status, 409);
  assert.equal(rolesOf('p.nieuw'), 'professional');
  // who could not have decided it still learns nothing about it
  const zuid = new Client(d.baseUrl);
  await zuid.login('teamleider.zuid');
  assert.equal((await zuid.post(`/accountwijzigingen/${change}/bevestigen`)).status, 404);
  assert.equal((await admin.post(`/accountwijzigingen/${change}/bevestigen`)).status, 404, 'nor the one who asked');
  await setPassword(token);
  const p = new Client(d.baseUrl);
  await p.login('p.nieuw', PASSWORD); // enrols the second factor
  assert.equal((await p.get('/casussen')).status, 200);
  const audit = await eventually(() => {
    const r = sql(d.db, `SELECT action, username, detail FROM audit_log WHERE object_type = 'user' AND object_id = ${userId('p.nieuw')}`);
    return r.some((x) => x.action === 'account_change_confirm') ? r : null;
  });
  assert.ok(audit.some((r) => r.action === 'admin_user_create' && r.username === 'beheerder'));
  assert.ok(audit.some((r) => r.action === 'account_change_confirm' && r.username === 'teamleider'));
});

test('a password reset and a second-factor reset of a client-data account wait for the team leader', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  const uid = userId('p.nieuw');
  const before = sql(d.db, `SELECT count(*) AS n FROM password_reset WHERE user_id = ${uid}`)[0].n;
  const asked = await admin.post(`/beheer/gebruikers/${uid}/herstellink`);
  assert.equal(asked.status, 303);
  assert.equal(linkIn((await admin.get(asked.location)).text), undefined, 'no link for the one who asked');
  assert.equal(sql(d.db, `SELECT count(*) AS n FROM password_reset WHERE user_id = ${uid}`)[0].n, before, 'no link made');
  const sf = await admin.post(`/beheer/gebruikers/${uid}/tweestap`);
  assert.equal(sf.status, 303);
  assert.equal(sql(d.db, `SELECT count(*) AS n FROM user_totp WHERE user_id = ${uid}`)[0].n, 1, 'second factor kept');

  const tl = new Client(d.baseUrl);
  await tl.login('teamleider');
  const open = sql(d.db, `SELECT id, kind FROM account_change WHERE user_id = ${uid} AND decided_at IS NULL ORDER BY id`);
  assert.deepEqual(open.map((r) => r.kind), ['password', 'second_factor']);
  const pw = await tl.post(`/accountwijzigingen/${open[0].id}/bevestigen`);
  assert.ok(linkIn((await tl.get(pw.location)).text), 'the link goes to the confirmer');
  await tl.post(`/accountwijzigingen/${open[1].id}/bevestigen`);
  assert.equal(sql(d.db, `SELECT count(*) AS n FROM user_totp WHERE user_id = ${uid}`)[0].n, 0, 'reset after confirmation');
});

test('a role change that gives client data waits; a team leader needs another team leader or a second beheerder', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  const uid = userId('professional2');
  const noord = orgId('Wijkteam Venlo-Noord (demo)');
  const r = await admin.post(`/beheer/gebruikers/${uid}`, [['name', 'Lotte Geurts'], ['organisation', String(noord)],
    ['role', 'professional'], ['role', 'teamleider'], ['active', 'ja']]);
  assert.equal(r.status, 303);
  assert.equal(rolesOf('professional2'), 'professional', 'not yet a team leader');
  const p2 = new Client(d.baseUrl);
  await p2.login('professional2');
  assert.equal((await p2.get('/cijfers')).status, 403, 'no team-leader page yet');
  const change = sql(d.db, `SELECT id FROM account_change WHERE user_id = ${uid} AND decided_at IS NULL`)[0].id;
  // the account holder never confirms his or her own change
  assert.doesNotMatch((await p2.get('/')).text, /Te bevestigen/);
  // a second beheerder may, for a team leader
  const b2 = new Client(d.baseUrl);
  await b2.login('beheerder2');
  assert.match((await b2.get('/')).text, /Lotte Geurts \(professional2\)/);
  const ok = await b2.post(`/accountwijzigingen/${change}/bevestigen`);
  assert.equal(ok.status, 303);
  assert.deepEqual(rolesOf('professional2').split(',').sort(), ['professional', 'teamleider']);
  assert.equal(linkIn((await b2.get(ok.location)).text), undefined, 'a role change makes no link');
  // taking the role away again takes effect at once
  await admin.post(`/beheer/gebruikers/${uid}`, [['name', 'Lotte Geurts'], ['organisation', String(noord)],
    ['role', 'professional'], ['active', 'ja']]);
  assert.equal(rolesOf('professional2'), 'professional');
  // refusing leaves everything as it was
  await admin.post(`/beheer/gebruikers/${uid}`, [['name', 'Lotte Geurts'], ['organisation', String(noord)],
    ['role', 'professional'], ['role', 'teamleider'], ['active', 'ja']]);
  const again = sql(d.db, `SELECT id FROM account_change WHERE user_id = ${uid} AND decided_at IS NULL`)[0].id;
  const tl = new Client(d.baseUrl);
  await tl.login('teamleider');
  assert.equal((await tl.post(`/accountwijzigingen/${again}/afwijzen`)).status, 303);
  assert.equal(rolesOf('professional2'), 'professional');
  // confirming after the refusal (another tab, a colleague): 409, nothing changes
  const late = await b2.post(`/accountwijzigingen/${again}/bevestigen`);
  assert.equal(late.status, 409);
  assert.match(late.text, /is al besloten: afgewezen door Joost Peeters/);
  assert.equal(rolesOf('professional2'), 'professional');
  // a request replaced by a newer one before anyone decided: 'ingetrokken'
  const ask = () => admin.post(`/beheer/gebruikers/${uid}`, [['name', 'Lotte Geurts'], ['organisation', String(noord)],
    ['role', 'professional'], ['role', 'teamleider'], ['active', 'ja']]);
  await ask();
  const old = sql(d.db, `SELECT id FROM account_change WHERE user_id = ${uid} AND decided_at IS NULL`)[0].id;
  await ask();
  const stale = await tl.post(`/accountwijzigingen/${old}/bevestigen`);
  assert.equal(stale.status, 409);
  assert.match(stale.text, /ingetrokken: er kwam een nieuwere aanvraag voor in de plaats/);
  const newer = sql(d.db, `SELECT id FROM account_change WHERE user_id = ${uid} AND decided_at IS NULL`)[0].id;
  assert.equal((await tl.post(`/accountwijzigingen/${newer}/afwijzen`)).status, 303);
  assert.equal(rolesOf('professional2'), 'professional');
  const audit = await eventually(() => sql(d.db,
    `SELECT action FROM audit_log WHERE action IN ('account_change_confirm', 'account_change_refuse') AND object_id = ${uid}`).length >= 2);
  assert.ok(audit);
});

test('an account that gets client data for the first time gets fresh credentials through the confirmer', async () => {
  // the administrator makes an account without client data and could set its password himself
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  const noord = orgId('Wijkteam Venlo-Noord (demo)');
  const made = await admin.post('/beheer/gebruikers/nieuw', [['username', 'l.wijk'], ['name', 'Lex Wijk'],
    ['organisation', String(noord)], ['role', 'leertafellid']]);
  await setPassword(linkIn((await admin.get(made.location)).text));
  const before = new Client(d.baseUrl);
  await before.login('l.wijk', PASSWORD); // enrols
  const uid = userId('l.wijk');
  await admin.post(`/beheer/gebruikers/${uid}`, [['name', 'Lex Wijk'], ['organisation', String(noord)],
    ['role', 'leertafellid'], ['role', 'professional'], ['active', 'ja']]);
  const change = sql(d.db, `SELECT id FROM account_change WHERE user_id = ${uid} AND decided_at IS NULL`)[0].id;
  const tl = new Client(d.baseUrl);
  await tl.login('teamleider');
  const ok = await tl.post(`/accountwijzigingen/${change}/bevestigen`);
  assert.ok(linkIn((await tl.get(ok.location)).text), 'the confirmer is handed a new link');
  assert.deepEqual(rolesOf('l.wijk').split(',').sort(), ['leertafellid', 'professional']);
  assert.equal((await before.get('/')).status, 303, 'the old session has ended');
  const old = new Client(d.baseUrl, { localAddress: '127.0.0.7' });
  await old.get('/login');
  assert.equal((await old.post('/login', [['username', 'l.wijk'], ['password', PASSWORD]])).status, 401,
    'the password set before no longer works');
  assert.equal(sql(d.db, `SELECT count(*) AS n FROM user_totp WHERE user_id = ${uid}`)[0].n, 0, 'nor the second factor');
});

await run({ after: () => d.stop() });
