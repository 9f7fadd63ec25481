// foundation.test.mjs — HTTP tests of the foundation against the real daemon:
// the route table walked for every role and without a session, CSRF and Origin
// on every POST, security headers and cookie flags, sessions, hostile input,
// administration, audit, and the command line.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  test, run, startDaemon, Client, request, sql, eventually, DEMO_PASSWORD, DEMO_USERS, loggedInClients,
} from './lib.mjs';
import { daemonBinary, REPO_ROOT } from '../browser/lib.mjs';

const bin = daemonBinary();
const d = await startDaemon();

/** The route table as the binary reports it. */
function routeTable() {
  return execFileSync(bin, ['routes'], { encoding: 'utf8' }).trim().split('\n').map((line) => {
    const [method, pattern, roles, flags] = line.split('\t');
    return { method, pattern, roles: roles === 'public' ? 'public' : roles.split(','), clientData: flags === 'client_data' };
  });
}

function concrete(pattern) {
  return pattern.replace(/\{id\}/g, '1').replace(/\*$/, 'app.css');
}

/** Talk raw HTTP over a socket (for bodies the server refuses before reading them). */
function rawExchange(write) {
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(new URL(d.baseUrl).port), '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => { s.destroy(); reject(new Error('no answer')); }, 15000);
    s.on('data', (b) => { got += b.toString(); });
    s.on('error', () => {});
    s.on('close', () => { clearTimeout(timer); resolve(got); });
    s.on('connect', () => write(s));
  });
}

const clientFor = loggedInClients(d.baseUrl);

test('healthz answers ok', async () => {
  const r = await request(d.baseUrl, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok\n');
});

test('security headers on pages, static files, errors and redirects', async () => {
  const c = await clientFor('vt');
  const responses = [
    await request(d.baseUrl, 'GET', '/login'),
    await request(d.baseUrl, 'GET', '/static/app.css'),
    await request(d.baseUrl, 'GET', '/bestaat-niet'),
    await request(d.baseUrl, 'GET', '/'),
    await c.get('/'),
  ];
  for (const r of responses) {
    const csp = r.headers['content-security-policy'];
    assert.ok(csp, 'CSP present');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'same-origin');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS without TLS');
  }
  assert.equal(responses[4].headers['cache-control'], 'no-store');
  assert.match(responses[1].headers['cache-control'], /max-age=31536000/);
  assert.match(responses[1].headers['content-type'], /^text\/css/);
});

test('theme and component CSS are served unmodified from the pinned packages', async () => {
  const { readFileSync } = await import('node:fs');
  const theme = await request(d.baseUrl, 'GET', '/static/theme.css');
  const disk = readFileSync(path.join(REPO_ROOT, 'web/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'));
  assert.equal(theme.status, 200);
  assert.ok(theme.body.equals(disk));
  const lic = await request(d.baseUrl, 'GET', '/licenties');
  assert.equal(lic.status, 200);
  assert.match(lic.text, /@utrecht\/component-library-css/);
  assert.match(lic.text, /EUPL-1\.2/);
});

test('login page: csrf cookie and token; Dutch, lang=nl', async () => {
  const r = await request(d.baseUrl, 'GET', '/login');
  assert.equal(r.status, 200);
  assert.match(r.text, /<html lang="nl"/);
  assert.match(r.text, /<label[^>]*for="username"/);
  assert.match(r.text, /<label[^>]*for="password"/);
  const cookie = [].concat(r.headers['set-cookie'])[0];
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
});

test('login sets a fresh HttpOnly SameSite=Strict session cookie and redirects to /', async () => {
  const a = new Client(d.baseUrl);
  await a.get('/login');
  const r = await a.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD]]);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/');
  const set = [].concat(r.headers['set-cookie']).find((s) => s.startsWith('kr_session='));
  assert.ok(set, 'session cookie set');
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  assert.match(set, /Path=\//);
  assert.doesNotMatch(set, /Secure/);
  const first = a.cookies.get('kr_session');
  a.cookies.delete('kr_session'); // a second browser tab logging in again
  await a.get('/login');
  await a.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD]]);
  assert.notEqual(a.cookies.get('kr_session'), first, 'a new token at every login');
  // only the hash is stored
  const rows = sql(d.db, 'SELECT hex(token_hash) AS h FROM session');
  assert.ok(rows.length >= 2);
  assert.ok(rows.every((row) => row.h.toLowerCase() !== first));
});

test('unknown user and wrong password get the same answer; failures are audited', async () => {
  const a = new Client(d.baseUrl);
  await a.get('/login');
  const wrong = await a.post('/login', [['username', 'professional'], ['password', 'fout-wachtwoord-1']]);
  const unknown = await a.post('/login', [['username', 'bestaat-niet'], ['password', 'fout-wachtwoord-1']]);
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  const msg = (t) => /<div class="utrecht-alert[^>]*>([\s\S]*?)<\/div>/.exec(t)[1];
  assert.equal(msg(wrong.text), msg(unknown.text));
  const rows = await eventually(() => {
    const r = sql(d.db, "SELECT username, outcome FROM audit_log WHERE action = 'login' AND outcome = 'refused'");
    return r.length >= 2 ? r : null;
  });
  assert.ok(rows.some((r) => r.username === '(onbekend)'));
  assert.ok(rows.some((r) => r.username === 'professional'));
  // what was typed as an unknown username (often a password) is stored nowhere
  assert.equal(sql(d.db, "SELECT count(*) AS n FROM audit_log WHERE username = 'bestaat-niet' OR detail LIKE '%bestaat-niet%'")[0].n, 0);
  assert.equal(sql(d.db, "SELECT count(*) AS n FROM login_attempt WHERE username = 'bestaat-niet'")[0].n, 0);
});

// Routes where a role the table admits may still be refused (403) for a particular
// object: a leertafel member updates only actions of his/her own organisation.
// The walk uses id 1; the area's own tests prove both the allowed and refused case.
const objectLevel = new Set(['leertafellid POST /leertafel/acties/{id}/status']);

test('every route x every role x no session: only what the table allows gets through', async () => {
  const table = routeTable();
  assert.ok(table.length >= 15);
  const anon = new Client(d.baseUrl);
  await anon.get('/login');
  const problems = [];
  for (const r of table) {
    const p = concrete(r.pattern);
    // no session
    if (r.roles !== 'public') {
      const res = r.method === 'GET' ? await anon.get(p) : await anon.post(p, []);
      if (r.method === 'GET' && !(res.status === 303 && res.location === '/login')) problems.push(`anon GET ${p}: ${res.status}`);
      if (r.method === 'POST' && res.status !== 403) problems.push(`anon POST ${p}: ${res.status}`);
    }
    for (const role of DEMO_USERS) {
      if (r.pattern === '/logout' || r.pattern === '/login') continue;
      const c = await clientFor(role);
      const res = r.method === 'GET' ? await c.get(p) : await c.post(p, []);
      const allowed = r.roles === 'public' || r.roles.includes(role);
      if (!allowed && res.status !== 403) problems.push(`${role} ${r.method} ${p}: expected 403, got ${res.status}`);
      const mayRefuseObject = objectLevel.has(`${role} ${r.method} ${r.pattern}`) && res.status === 403;
      if (allowed && !mayRefuseObject && (res.status === 403 || res.status === 500 || (res.status === 303 && res.location === '/login'))) {
        problems.push(`${role} ${r.method} ${p}: allowed but got ${res.status}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('client data: no route reachable by secretaris, leertafellid, beleid, beheerder or privacy', () => {
  for (const r of routeTable().filter((x) => x.clientData)) {
    for (const role of ['secretaris', 'leertafellid', 'beleid', 'beheerder', 'privacy']) {
      assert.ok(!r.roles.includes(role), `${r.method} ${r.pattern} open to ${role}`);
    }
  }
});

test('every POST without, with a wrong, or with a cross-origin CSRF token is 403', async () => {
  const problems = [];
  const loggedIn = {}; // one login per role: a refused POST changes nothing
  for (const r of routeTable().filter((x) => x.method === 'POST')) {
    const role = r.roles === 'public' ? 'vt' : r.roles[0];
    let c;
    if (r.roles !== 'public') {
      if (!loggedIn[role]) {
        loggedIn[role] = new Client(d.baseUrl);
        await loggedIn[role].login(role);
      }
      c = loggedIn[role];
    } else {
      c = new Client(d.baseUrl);
      await c.get('/login');
    }
    const p = concrete(r.pattern);
    const none = await c.post(p, [['x', '1']], { csrf: null });
    const wrong = await c.post(p, [['x', '1']], { csrf: 'a'.repeat(64) });
    const cross = await c.post(p, [['x', '1']], { headers: { Origin: 'http://evil.example' } });
    for (const [what, res] of [['none', none], ['wrong', wrong], ['cross-origin', cross]]) {
      if (res.status !== 403) problems.push(`${what} ${p}: ${res.status}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('logout ends the session server-side', async () => {
  const c = new Client(d.baseUrl);
  await c.login('teamleider');
  const cookie = c.cookies.get('kr_session');
  const before = sql(d.db, 'SELECT count(*) AS n FROM session')[0].n;
  const r = await c.post('/logout', []);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login');
  assert.equal(sql(d.db, 'SELECT count(*) AS n FROM session')[0].n, before - 1);
  const replay = await request(d.baseUrl, 'GET', '/', { headers: { Cookie: `kr_session=${cookie}` } });
  assert.equal(replay.status, 303);
  assert.equal(replay.location, '/login');
});

test('a form sent after the session expired is not lost: log in again and send it on', async () => {
  const c = new Client(d.baseUrl);
  await c.login('beheerder');
  await c.get('/beheer/organisaties/nieuw');
  const uid = sql(d.db, "SELECT id FROM app_user WHERE username = 'beheerder'")[0].id;
  execFileSync('sqlite3', [d.db, `UPDATE session SET last_seen = last_seen - 20*60 WHERE user_id = ${uid}`]);
  const expired = await c.post('/beheer/organisaties/nieuw', [['name', 'Kinderopvang <Zonnetje> & co'], ['kind', 'kinderopvang']]);
  assert.equal(expired.status, 403);
  assert.match(expired.text, /Uw sessie is verlopen/);
  assert.match(expired.text, /name="resume_to" value="\/beheer\/organisaties\/nieuw"/);
  const resume = /name="resume" value="([^"]*)"/.exec(expired.text)[1].replace(/&amp;/g, '&').replace(/&#61;/g, '=').replace(/&#39;/g, "'");
  assert.match(resume, /Zonnetje/);
  assert.doesNotMatch(resume, /csrf/);
  assert.equal(sql(d.db, "SELECT count(*) AS n FROM organisation WHERE name LIKE 'Kinderopvang%'")[0].n, 0);
  const again = await c.post('/login', [['username', 'beheerder'], ['password', DEMO_PASSWORD],
    ['resume_to', '/beheer/organisaties/nieuw'], ['resume', resume]]);
  assert.equal(again.status, 200);
  assert.match(again.text, /Formulier opnieuw versturen/);
  assert.match(again.text, /<form method="post" action="\/beheer\/organisaties\/nieuw">/);
  assert.match(again.text, /<input type="hidden" name="name" value="Kinderopvang &lt;Zonnetje&gt; &amp; co">/);
  const sent = await c.post('/beheer/organisaties/nieuw', [['name', 'Kinderopvang <Zonnetje> & co'], ['kind', 'kinderopvang']]);
  assert.equal(sent.status, 303);
  assert.equal(sql(d.db, "SELECT count(*) AS n FROM organisation WHERE name = 'Kinderopvang <Zonnetje> & co'")[0].n, 1);
  // a carried-along form is never sent on to a route the user may not use
  const other = new Client(d.baseUrl);
  await other.get('/login');
  const sneaky = await other.post('/login', [['username', 'vt'], ['password', DEMO_PASSWORD],
    ['resume_to', '/beheer/organisaties/nieuw'], ['resume', 'name=x&kind=ggz']]);
  assert.equal(sneaky.status, 303);
});

test('idle timeout and absolute lifetime end sessions', async () => {
  const c = new Client(d.baseUrl);
  await c.login('beleid');
  assert.equal((await c.get('/')).status, 200);
  const uid = sql(d.db, "SELECT id FROM app_user WHERE username = 'beleid'")[0].id;
  execFileSync('sqlite3', [d.db, `UPDATE session SET last_seen = last_seen - 16*60 WHERE user_id = ${uid}`]);
  const idle = await c.get('/');
  assert.equal(idle.status, 303, 'idle for 16 minutes');
  await c.login('beleid');
  execFileSync('sqlite3', [d.db, `UPDATE session SET created_at = created_at - 13*3600 WHERE user_id = ${uid}`]);
  const old = await c.get('/');
  assert.equal(old.status, 303, 'older than 12 hours');
});

test('hostile input: 10 MB body, chunked overflow, 10,000 fields, bad UTF-8, NUL; daemon keeps serving', async () => {
  const c = new Client(d.baseUrl);
  await c.get('/login');
  const big = await rawExchange((s) => {
    s.write(`POST /login HTTP/1.1\r\nHost: ${new URL(d.baseUrl).host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`);
    const chunk = 'a'.repeat(1024 * 1024);
    for (let i = 0; i < 10; i += 1) s.write(chunk);
    s.end();
  });
  assert.match(big, /^HTTP\/1\.1 413/);
  assert.match(big, /Te groot/);
  const many = await c.post('/login', Array.from({ length: 10000 }, (_, i) => [`f${i}`, 'x']));
  assert.equal(many.status, 413);
  const badUtf8 = await c.post('/login', [], { rawBody: `username=%ff%fe&password=x&csrf=${c.csrf}` });
  assert.equal(badUtf8.status, 400);
  assert.match(badUtf8.text, /Ongeldig verzoek/);
  const nul = await c.post('/login', [], { rawBody: `username=a%00b&password=x&csrf=${c.csrf}` });
  assert.equal(nul.status, 400);
  const badQuery = await c.get('/login?gezet=%ff');
  assert.equal(badQuery.status, 400);
  // chunked body without Content-Length that grows past the limit
  const chunked = await rawExchange((s) => {
    s.write(`POST /login HTTP/1.1\r\nHost: ${new URL(d.baseUrl).host}\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n`);
    const chunk = 'a'.repeat(256 * 1024);
    for (let i = 0; i < 6; i += 1) s.write(`${(chunk.length).toString(16)}\r\n${chunk}\r\n`);
    s.end('0\r\n\r\n');
  });
  assert.match(chunked, /^HTTP\/1\.1 413/);
  // bodies nobody will read are refused before they are read
  const nowhere = await rawExchange((s) => {
    s.write(`POST /nergens HTTP/1.1\r\nHost: ${new URL(d.baseUrl).host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${900 * 1024}\r\n\r\n`);
    s.end();
  });
  assert.match(nowhere, /^HTTP\/1\.1 404/);
  const anonPost = await rawExchange((s) => {
    s.write(`POST /beheer/organisaties/nieuw HTTP/1.1\r\nHost: ${new URL(d.baseUrl).host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${900 * 1024}\r\n\r\n`);
    s.end();
  });
  assert.match(anonPost, /^HTTP\/1\.1 403/);
  const traversal = await request(d.baseUrl, 'GET', '/static/..%2f..%2fetc/passwd');
  assert.equal(traversal.status, 404);
  const put = await request(d.baseUrl, 'PUT', '/');
  assert.equal(put.status, 405);
  const health = await request(d.baseUrl, 'GET', '/healthz');
  assert.equal(health.status, 200);
});

test('script tags and SQL metacharacters are escaped and bound', async () => {
  const c = new Client(d.baseUrl);
  await c.get('/login');
  const r = await c.post('/login', [['username', "<script>alert(1)</script>' OR 1=1 --"], ['password', "' OR '1'='1"]]);
  assert.equal(r.status, 401);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&#39; OR 1&#61;1 --/);
  const empty = await c.post('/login', [['username', ''], ['password', '']]);
  assert.equal(empty.status, 422);
  assert.match(empty.text, /<a href="#username">Gebruikersnaam: Vul ‘Gebruikersnaam’ in\.<\/a>/, 'the summary names the field');
});

test('administration: organisation and user with a one-time link; deactivation ends sessions; audited', async () => {
  const admin = new Client(d.baseUrl);
  await admin.login('beheerder');
  // hostile and incomplete input keeps what was typed
  const bad = await admin.post('/beheer/organisaties/nieuw', [['name', ''], ['kind', 'geen-soort']]);
  assert.equal(bad.status, 422);
  assert.match(bad.text, /Vul ‘Naam’ in/);
  assert.match(bad.text, /Kies een van de mogelijkheden/);
  const org = await admin.post('/beheer/organisaties/nieuw', [['name', '<b>GGZ</b> Noord'], ['kind', 'ggz']]);
  assert.equal(org.status, 303);
  const list = await admin.get('/beheer');
  assert.match(list.text, /&lt;b&gt;GGZ&lt;\/b&gt; Noord/);
  const dup = await admin.post('/beheer/organisaties/nieuw', [['name', '<b>GGZ</b> Noord'], ['kind', 'ggz']]);
  assert.equal(dup.status, 422);
  assert.match(dup.text, /bestaat al/);
  const orgId = sql(d.db, "SELECT id FROM organisation WHERE name = '<b>GGZ</b> Noord'")[0].id;

  const noRole = await admin.post('/beheer/gebruikers/nieuw', [['username', 'Fout Naam'], ['name', 'X'], ['organisation', String(orgId)]]);
  assert.equal(noRole.status, 422);
  assert.match(noRole.text, /<fieldset[^>]*form-field--invalid[^>]*id="role"[\s\S]*?Kies een waarde bij ‘Rollen’/);
  assert.match(noRole.text, /value="Fout Naam"/, 'input kept');
  const created = await admin.post('/beheer/gebruikers/nieuw', [
    ['username', 'g.de.vries'], ['name', 'Gert de Vries'], ['organisation', String(orgId)], ['role', 'partner']]);
  assert.equal(created.status, 303, 'POST-redirect-GET: a reload does not create the user again');
  const shown = await admin.get(created.location);
  assert.doesNotMatch(shown.text, /type="password"/, 'an administrator never chooses a password');
  assert.doesNotMatch(shown.text, /\/wachtwoord\?t/, 'client data: no link for the administrator who asked');
  // four eyes: the organisation has no team leader, so a second beheerder confirms
  // and is handed the one-time link (issue 10 item 6)
  const second = new Client(d.baseUrl);
  await second.login('beheerder2');
  const change = sql(d.db, "SELECT c.id FROM account_change c JOIN app_user u ON u.id = c.user_id WHERE u.username = 'g.de.vries'")[0].id;
  const confirmed = await second.post(`/accountwijzigingen/${change}/bevestigen`);
  assert.equal(confirmed.status, 303);
  const link = /http:\/\/[^<\s]+\/wachtwoord\?t(?:=|&#61;)([0-9a-f]{64})/.exec((await second.get(confirmed.location)).text);
  assert.ok(link, 'one-time link shown to the confirmer');

  const user = new Client(d.baseUrl);
  const form = await user.get(`/wachtwoord?t=${link[1]}`);
  assert.equal(form.status, 200);
  const weak = await user.post('/wachtwoord', [['token', link[1]], ['password', 'welkom123'], ['password2', 'welkom123']]);
  assert.equal(weak.status, 422);
  assert.match(weak.text, /veelgebruikt wachtwoord met alleen cijfers/);
  const mismatch = await user.post('/wachtwoord', [['token', link[1]], ['password', 'een lange zin hier'], ['password2', 'iets anders']]);
  assert.equal(mismatch.status, 422);
  const ok = await user.post('/wachtwoord', [['token', link[1]], ['password', 'een lange zin hier'], ['password2', 'een lange zin hier']]);
  assert.equal(ok.status, 303);
  const reuse = await user.get(`/wachtwoord?t=${link[1]}`);
  assert.equal(reuse.status, 404, 'a link works once');
  await user.login('g.de.vries', 'een lange zin hier');
  assert.equal((await user.get('/')).status, 200);

  const uid = sql(d.db, "SELECT id FROM app_user WHERE username = 'g.de.vries'")[0].id;
  const deact = await admin.post(`/beheer/gebruikers/${uid}`, [['name', 'Gert de Vries'], ['organisation', String(orgId)], ['role', 'partner']]);
  assert.equal(deact.status, 303);
  const after = await user.get('/');
  assert.equal(after.status, 303, 'deactivated user is logged out');
  const rows = await eventually(() => {
    const r = sql(d.db, "SELECT action FROM audit_log WHERE action LIKE 'admin_%'");
    return r.length >= 3 ? r : null;
  });
  const actions = rows.map((r) => r.action);
  for (const a of ['admin_organisation_save', 'admin_user_create', 'admin_user_deactivate']) assert.ok(actions.includes(a), a);
});

test('audit_log is append-only', () => {
  const del = spawnSync('sqlite3', [d.db, 'DELETE FROM audit_log'], { encoding: 'utf8' });
  assert.notEqual(del.status, 0);
  assert.match(del.stderr, /append-only/);
  const upd = spawnSync('sqlite3', [d.db, "UPDATE audit_log SET outcome = 'allowed'"], { encoding: 'utf8' });
  assert.notEqual(upd.status, 0);
  assert.ok(sql(d.db, 'SELECT count(*) AS n FROM audit_log')[0].n > 0);
});

test('request log: one line per request, without query strings', async () => {
  await request(d.baseUrl, 'GET', '/login?gezet=geheim');
  const log = await eventually(() => (d.log().includes('path=/login status=200') ? d.log() : null));
  assert.match(log, /time=\S+ method=GET path=\/login status=200 ms=[0-9.]+ user=0/);
  assert.doesNotMatch(log, /geheim/);
});

test('start page: a panel naming households is audited by home.c; leertafel panel is not client data', async () => {
  const vt = await clientFor('vt');
  const page = await vt.get('/');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /En nog 0\b/, 'no "more" line when there is nothing more');
  assert.doesNotMatch(page.text, /\((en|s)\)/, 'Dutch singular or plural, never "overdracht(en)"');
  const tl = await clientFor('teamleider');
  const tlPage = await tl.get('/');
  assert.match(tlPage.text, /\b1 overdracht wacht op een besluit|\b\d+ overdrachten wachten op een besluit/);
  const rows = await eventually(() => {
    const r = sql(d.db, "SELECT detail FROM audit_log WHERE username = 'vt' AND object_type = 'start_page_panel'");
    return r.length ? r : null;
  });
  assert.equal(rows[0].detail, 'overdrachten');
  const sec = await clientFor('secretaris');
  await sec.get('/');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(sql(d.db, "SELECT count(*) AS n FROM audit_log WHERE username = 'secretaris' AND object_type = 'start_page_panel'")[0].n, 0);
});

test('the start page shows the previous login, so that a person notices a login that was not his', async () => {
  const a = new Client(d.baseUrl);
  await a.login('leertafellid');
  const first = await a.get('/');
  const b = new Client(d.baseUrl);
  await b.login('leertafellid');
  const second = await b.get('/');
  assert.match(second.text, /Vorige keer ingelogd: \d{2}-\d{2}-\d{4} \d{2}:\d{2} vanaf 127\.0\.0\.1/);
  assert.ok(first.status === 200);
});

test('Dutch error pages', async () => {
  const r = await request(d.baseUrl, 'GET', '/bestaat-niet');
  assert.equal(r.status, 404);
  assert.match(r.text, /Niet gevonden/);
  const vt = await clientFor('vt');
  const forbidden = await vt.get('/beheer');
  assert.equal(forbidden.status, 403);
  assert.match(forbidden.text, /Geen toegang/);
});

await run({ after: () => d.stop() });
