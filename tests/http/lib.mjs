// tests/http/lib.mjs — HTTP-level test helpers against the real daemon on loopback.
//
// Uses the daemon starter and test registry of ../browser/lib.mjs (same temp
// database + demo region). The daemon under test is $KETENREGIE_BIN; `make http`
// points it at the ASan+UBSan build (build/san/ketenregie).
//
//   import assert from 'node:assert/strict';
//   import { test, run, startDaemon, Client, sql, eventually } from './lib.mjs';
//   const d = await startDaemon();
//   test('...', async () => {
//     const c = new Client(d.baseUrl);
//     await c.login('vt');
//     const r = await c.get('/overdrachten/nieuw');       // {status, headers, text, location}
//     const r2 = await c.post('/overdrachten/nieuw', [['reason', 'x'], ['action', 'concept']]);
//     const rows = sql(d.db, 'SELECT count(*) AS n FROM audit_log');  // read-only sqlite3 CLI
//   });
//   await run({ after: () => d.stop() });
//
// Client.post adds the csrf field automatically (the token from the last page this
// client fetched, or from GET / when it has none); pass {csrf: null} to send none,
// or {csrf: 'x'} to send a wrong one. A form shown again with messages arrives by
// POST-redirect-GET; post() follows it (opts.raw: the 303 itself).

import http from 'node:http';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export { test, run, nlDay, DEMO_PASSWORD, DEMO_USERS } from '../browser/lib.mjs';
import { DEMO_PASSWORD, startDaemon as startBrowserDaemon } from '../browser/lib.mjs';

/** The browser harness's daemon, whose stop() also fails when the sanitizers
 * reported anything (memory errors, undefined behaviour, leaks at exit). */
export async function startDaemon(options = {}) {
  const d = await startBrowserDaemon(options);
  const stop = d.stop;
  d.stop = async () => {
    await stop();
    const report = /(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:)[\s\S]{0,2000}/.exec(d.log());
    if (report) throw new Error(`sanitizer report from the daemon:\n${report[0]}`);
  };
  return d;
}

/** Raw HTTP request; body is a Buffer or string. Never follows redirects.
 * localAddress binds the client socket (127.0.0.2 … act as other addresses).
 * Requests go over node's kept-alive connections. One that the daemon closed while
 * it was idle (after its request deadline, 20 s), before node noticed (its event
 * loop blocked by a long synchronous step, e.g. a CLI run), fails as ECONNRESET on
 * reuse: the request never reached the daemon, so it is sent once more on a new
 * connection, as node's documentation advises (request.reusedSocket). */
export async function request(baseUrl, method, path, opts = {}) {
  try {
    return await requestOnce(baseUrl, method, path, opts);
  } catch (err) {
    if (!err.reusedSocket || err.code !== 'ECONNRESET') throw err;
    return requestOnce(baseUrl, method, path, opts);
  }
}

function requestOnce(baseUrl, method, path, { headers = {}, body = null, timeout = 30_000, localAddress } = {}) {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, method, path: url.pathname + url.search,
      headers: { ...headers, ...(body != null ? { 'Content-Length': Buffer.byteLength(body) } : {}) },
      timeout, ...(localAddress ? { localAddress } : {}),
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, text: buf.toString('utf8'), body: buf,
          location: res.headers.location || null });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      err.reusedSocket = req.reusedSocket;
      reject(err);
    });
    if (body != null) req.write(body);
    req.end();
  });
}

/** urlencode [[k, v], …] or {k: v | [v…]} */
export function encodeForm(fields) {
  const pairs = Array.isArray(fields) ? fields
    : Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export function csrfFrom(html) {
  const m = /name="csrf" value="([0-9a-f]{64})"/.exec(html);
  return m ? m[1] : null;
}

/** A browser-like client with a cookie jar; { localAddress: '127.0.0.2' } sends
 * from another loopback address. */
export class Client {
  constructor(baseUrl, { localAddress } = {}) {
    this.baseUrl = baseUrl;
    this.localAddress = localAddress;
    this.cookies = new Map();
    this.csrf = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    for (const line of [].concat(res.headers['set-cookie'] || [])) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(method, path, { headers = {}, body = null } = {}) {
    const res = await request(this.baseUrl, method, path, {
      headers: { ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}), ...headers }, body,
      localAddress: this.localAddress,
    });
    this.keepCookies(res);
    const token = csrfFrom(res.text);
    if (token) this.csrf = token;
    return res;
  }

  get(path, opts = {}) {
    return this.send('GET', path, opts);
  }

  /** POST a form. opts.csrf: undefined = automatic, null = none, string = that token. */
  async post(path, fields = [], opts = {}) {
    let token = opts.csrf;
    if (token === undefined) {
      if (!this.csrf) await this.get(this.cookies.size ? '/' : '/login');
      token = this.csrf;
    }
    const list = Array.isArray(fields) ? [...fields]
      : Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
    if (token !== null) list.push(['csrf', token]);
    const res = await this.send('POST', path, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(opts.headers || {}) },
      body: opts.rawBody ?? encodeForm(list),
    });
    // A form shown again with its messages comes by POST-redirect-GET (X-Form-Page):
    // follow it like a browser, so the answer is the form page (status 422) at its
    // own address. opts.raw: return the 303 itself.
    if (res.status === 303 && res.headers['x-form-page'] && !opts.raw) {
      const page = await this.get(res.location);
      return { ...page, redirectedFrom: res };
    }
    return res;
  }

  /** Log in (303 expected); returns the response of POST /login. Accounts outside
   * the demo region give a second factor: at the first login this enrols (the secret
   * is read from the page's text, remembered in TOTP_SECRETS), later logins type a
   * fresh code (never one already used). */
  async login(username, password = DEMO_PASSWORD) {
    await this.get('/login');
    const res = await this.post('/login', [['username', username], ['password', password]]);
    if (res.status !== 303) throw new Error(`login ${username} answered ${res.status}`);
    if (res.location === '/login/instellen') {
      const page = await this.get('/login/instellen');
      const secret = secretFrom(page.text);
      if (!secret) throw new Error(`login ${username}: no secret on the enrolment page`);
      TOTP_SECRETS.set(username, { secret, lastStep: -1 });
      const done = await this.post('/login/instellen', [['code', await freshCode(username)]]);
      if (done.status !== 200) throw new Error(`enrolment of ${username} answered ${done.status}`);
      this.recoveryCodes = [...done.text.matchAll(/<code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})<\/code>/g)]
        .map((m) => m[1]);
    } else if (res.location === '/login/code') {
      if (!TOTP_SECRETS.has(username)) throw new Error(`login ${username}: second factor asked, secret unknown`);
      await this.get('/login/code');
      const done = await this.post('/login/code', [['code', await freshCode(username)]], { raw: true });
      if (done.status !== 303) throw new Error(`code for ${username} answered ${done.status}`);
    }
    await this.get('/');
    return res;
  }
}

// ------------------------------------------------------------------ TOTP

/** Secrets of the accounts this test process enrolled: username → {secret, lastStep}. */
/** A function that gives the Client of a demo user, logged in on its first use and kept
 * for the file's later tests (one login per user: each is an Argon2id hash). */
export function loggedInClients(baseUrl) {
  const clients = new Map();
  return async (username) => {
    if (!clients.has(username)) {
      const c = new Client(baseUrl);
      await c.login(username);
      clients.set(username, c);
    }
    return clients.get(username);
  };
}

export const TOTP_SECRETS = new Map();

/** The base32 secret as the enrolment page shows it in text. */
export function secretFrom(html) {
  const m = /id="secret-text">([A-Z2-7 ]+)</.exec(html);
  return m ? m[1].replace(/ /g, '') : null;
}

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let value = 0; const out = [];
  for (const c of s.replace(/[ =]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** RFC 6238 code (HMAC-SHA1, 6 digits) of a base32 secret for a time step. */
export function totpCode(secretBase32, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(msg).digest();
  const off = mac[19] & 0x0f;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

export function totpStep(ms = Date.now()) {
  return Math.floor(ms / 1000 / 30);
}

/** A code the daemon has not accepted yet for this account: the current step, or the
 * next one (the daemon accepts ±1 step), else wait for a new step. */
export async function freshCode(username) {
  const entry = TOTP_SECRETS.get(username);
  for (;;) {
    const now = totpStep();
    const step = entry.lastStep < now ? now : entry.lastStep + 1;
    if (step <= now + 1) {
      entry.lastStep = step;
      return totpCode(entry.secret, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Four eyes (issue 10 item 6): confirm every open account change of `username` the
 * way a second person does on the start page — a team leader of the account's
 * (new) organisation, or the demo's second beheerder where the rules send it there
 * (a team leader or beheerder account, an organisation without team leader).
 * Returns the one-time password link's token the confirmer was handed, if any. */
export async function confirmAccountChanges(baseUrl, db, username) {
  const open = sql(db, `SELECT c.id, coalesce(c.new_org_id, u.organisation_id) AS org, c.new_roles AS roles,
      (SELECT group_concat(role) FROM user_role r WHERE r.user_id = u.id) AS now_roles
    FROM account_change c JOIN app_user u ON u.id = c.user_id
    WHERE u.username = '${username}' AND c.decided_at IS NULL ORDER BY c.id`);
  let token;
  for (const change of open) {
    const roles = `${change.roles || ''},${change.now_roles || ''}`;
    const leaders = roles.includes('beheerder') ? [] : sql(db, `SELECT u.username FROM app_user u
      JOIN user_role r ON r.user_id = u.id AND r.role = 'teamleider'
      WHERE u.organisation_id = ${change.org} AND u.active = 1 AND u.username <> '${username}' ORDER BY u.id LIMIT 1`);
    const confirmer = new Client(baseUrl);
    await confirmer.login(leaders.length ? leaders[0].username : 'beheerder2');
    const res = await confirmer.post(`/accountwijzigingen/${change.id}/bevestigen`);
    if (res.status !== 303) throw new Error(`confirming change ${change.id} of ${username} answered ${res.status}`);
    const page = await confirmer.get(res.location);
    const m = /\/wachtwoord\?t(?:=|&#61;)([0-9a-f]{64})/.exec(page.text);
    if (m) token = m[1];
  }
  return token;
}

/** Run a read-only query with the sqlite3 CLI; returns rows as objects. */
// The audit trail is two files (src/store/readlog.h): audit_log in the database (the change
// log) and the read log beside it. sql() shows them as one: when the query names audit_log or
// audit_household and the read log exists, TEMP views of those names (which come before the
// database's own tables) hold the rows of both. Ids are per log: order by `at`, not by id.
export function readlogOf(db) { return `${db}.readlog`; }
// The read log's household index is filled in batches (src/store/readlog_index.h): its rows
// are the index plus the records above its watermark, derived as the daemon derives them.
const READLOG_TAIL = 'FROM readlog.audit_log a WHERE a.id > (SELECT indexed_to FROM readlog.audit_index_mark)';
export const READLOG_HOUSEHOLDS = 'SELECT household_id, audit_id FROM readlog.audit_household UNION ALL'
  + ` SELECT DISTINCT h, id FROM (SELECT a.household_id AS h, a.id ${READLOG_TAIL} AND a.household_id > 0`
  + ` UNION ALL SELECT CAST(j.value AS INTEGER), a.id ${READLOG_TAIL.replace('a WHERE', "a, json_each('[' || replace(a.households, ' ', ',') || ']') j WHERE")}`
  + ' AND a.households IS NOT NULL) WHERE h > 0'
function withReadLog(db, query) {
  if (!/\baudit_(log|household)\b/.test(query) || !fs.existsSync(readlogOf(db))) return query;
  const q = readlogOf(db).replaceAll("'", "''");
  return `ATTACH '${q}' AS readlog;`
    + 'CREATE TEMP VIEW audit_log AS SELECT * FROM main.audit_log UNION ALL SELECT * FROM readlog.audit_log;'
    + `CREATE TEMP VIEW audit_household AS SELECT * FROM main.audit_household UNION ALL ${READLOG_HOUSEHOLDS};`
    + query;
}
export function sql(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, withReadLog(db, query)], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

/** Retry fn until it returns truthy (audit records are written by a group-commit thread). */
export async function eventually(fn, { timeout = 3000, interval = 25 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  return last;
}
