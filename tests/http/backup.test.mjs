// backup.test.mjs — backups on the command line and in the daemon: keygen, encrypted
// backup and restore, refusal of tampered, truncated, foreign files and wrong keys,
// --plain only when asked for, sessions ended by a restore (a cookie that logged out
// stays logged out), nightly backups with rotation, and a `check` that never
// creates or changes what it checks. The read log's part: backup_readlog.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, copyFileSync, unlinkSync, utimesSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test, run, startDaemon, Client, request, sql } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const bin = daemonBinary();
const d = await startDaemon();
const tmp = d.tmpDir; // removed by d.stop()
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cli = (args, opts = {}) => spawnSync(bin, args, { encoding: 'utf8', ...opts });
const sha = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const CHUNK = 65536 + 17; // ciphertext bytes of a full chunk
const HEADER = 56;

const key = path.join(tmp, 'backup.key');
const otherKey = path.join(tmp, 'other.key');
const good = path.join(tmp, 'good.krbackup');
let n = 0;
const fresh = (name) => path.join(tmp, `${name}-${++n}`);

/** Restore must refuse: non-zero exit, a message, and no file at (or beside) the target. */
function assertRefused(args, pattern) {
  const target = args[args.indexOf('--db') + 1];
  const r = cli(args);
  assert.equal(r.status, 1, `refused: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.ok(!existsSync(target), 'nothing at the target');
  const leftovers = readdirSync(path.dirname(target)).filter((f) => f.startsWith(path.basename(target)));
  assert.deepEqual(leftovers, [], 'no temporary files left beside the target');
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** `serve` on an existing database; returns { baseUrl, log(), stop() }. */
async function serve(db, args = [], env = {}) {
  const port = await freePort();
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => { log += c; });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 200 && !up && child.exitCode === null; i += 1) {
    try { up = (await request(baseUrl, 'GET', '/healthz')).status === 200; } catch { await sleep(50); }
  }
  return {
    baseUrl, up, log: () => log, exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      const report = /(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:)[\s\S]{0,2000}/.exec(log);
      if (report) throw new Error(`sanitizer report from the daemon:\n${report[0]}`);
      return code;
    },
  };
}

test('keygen writes a 0600 key file and never overwrites one', () => {
  const r = cli(['keygen', key]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(key).mode & 0o777, 0o600);
  assert.match(readFileSync(key, 'utf8'), /^ketenregie-backup-key 1 [0-9a-f]{64}\n$/);
  const before = sha(key);
  const again = cli(['keygen', key]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /never overwritten/);
  assert.equal(sha(key), before);
  assert.equal(cli(['keygen', otherKey]).status, 0);
  assert.notEqual(sha(otherKey), before, 'a new random key each time');
});

test('a backup is encrypted unless --plain is given explicitly', () => {
  const none = cli(['backup', '--db', d.db, fresh('none')]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /--key KEYFILE.*--plain/);
  assert.equal(cli(['backup', '--db', d.db, '--key', key, '--plain', fresh('both')]).status, 2);
  const r = cli(['backup', '--db', d.db, '--key', key, good]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /encrypted/);
  const bytes = readFileSync(good);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'KRBACKUP');
  assert.equal(bytes.indexOf('SQLite format 3'), -1);
  assert.equal(bytes.indexOf('Wijkteam Venlo-Noord'), -1, 'no readable client or organisation data');
  assert.equal(statSync(good).mode & 0o077, 0, 'owner-only');
  // the key from the environment, and --plain winning over it
  const viaEnv = cli(['backup', '--db', d.db, fresh('env')], { env: { ...process.env, KETENREGIE_BACKUP_KEY: key } });
  assert.equal(viaEnv.status, 0, viaEnv.stderr);
  const plainFile = fresh('plain');
  const plain = cli(['backup', '--db', d.db, '--plain', plainFile], { env: { ...process.env, KETENREGIE_BACKUP_KEY: key } });
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /NOT encrypted/);
  // a plain bundle of the database and its read log (backup_readlog.test.mjs goes into it)
  assert.equal(readFileSync(plainFile).subarray(0, 8).toString('latin1'), 'KRBUNDLE');
  assert.equal(readFileSync(plainFile).subarray(24, 24 + 15).toString('latin1'), 'SQLite format 3');
  // never replaces a file; never creates a database that was not there
  const exists = cli(['backup', '--db', d.db, '--key', key, good]);
  assert.equal(exists.status, 1);
  assert.match(exists.stderr, /exists/);
  const missing = path.join(tmp, 'no-such.db');
  assert.equal(cli(['backup', '--db', missing, '--key', key, fresh('x')]).status, 1);
  assert.ok(!existsSync(missing));
});

test('restore: an encrypted backup round-trips and passes check', () => {
  const target = fresh('restored.db');
  const r = cli(['restore', good, '--db', target, '--key', key]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(cli(['check', '--db', target]).stdout.trim(), 'ok');
  for (const table of ['app_user', 'organisation', 'handover', 'casefile']) {
    assert.equal(sql(target, `SELECT count(*) AS n FROM ${table}`)[0].n, sql(d.db, `SELECT count(*) AS n FROM ${table}`)[0].n, table);
  }
  assert.equal(sql(target, "SELECT count(*) AS n FROM audit_log WHERE action = 'restore'")[0].n, 1, 'the restore is in the audit trail');
  const plainFile = fresh('plain');
  cli(['backup', '--db', d.db, '--plain', plainFile]);
  assert.equal(cli(['restore', plainFile, '--db', fresh('p.db'), '--plain']).status, 0);
  assertRefused(['restore', plainFile, '--db', fresh('p.db'), '--key', key], /plain \(unencrypted\) backup/);
  assertRefused(['restore', good, '--db', fresh('p.db'), '--plain'], /encrypted backup: give --key/);
  const neither = cli(['restore', good, '--db', fresh('p.db')]);
  assert.equal(neither.status, 2);
  assert.match(neither.stderr, /--key KEYFILE/);
});

test('restore refuses a changed byte anywhere: header, middle, last', () => {
  const bytes = readFileSync(good);
  for (const at of [3, 20, HEADER + 5, Math.floor(bytes.length / 2), bytes.length - 1]) {
    const bad = Buffer.from(bytes);
    bad[at] ^= 0x01;
    const file = fresh('tampered');
    writeFileSync(file, bad);
    assertRefused(['restore', file, '--db', fresh('t.db'), '--key', key],
      /damaged|another key|foreign|not supported/);
  }
});

test('restore refuses a truncated backup, also cut at a chunk boundary, and bytes appended', () => {
  const bytes = readFileSync(good);
  assert.ok(bytes.length > HEADER + 2 * CHUNK, 'several chunks');
  for (const len of [bytes.length - 1, HEADER + CHUNK, HEADER + 2 * CHUNK, 30]) {
    const file = fresh('cut');
    writeFileSync(file, bytes.subarray(0, len));
    assertRefused(['restore', file, '--db', fresh('t.db'), '--key', key], /truncated|foreign/);
  }
  const file = fresh('longer');
  writeFileSync(file, Buffer.concat([bytes, Buffer.from([0])]));
  assertRefused(['restore', file, '--db', fresh('t.db'), '--key', key], /damaged/);
});

test('restore refuses the wrong key and foreign files', () => {
  assertRefused(['restore', good, '--db', fresh('t.db'), '--key', otherKey], /another key/);
  const random = fresh('random');
  writeFileSync(random, Buffer.alloc(200_000, 7));
  assertRefused(['restore', random, '--db', fresh('t.db'), '--key', key], /not a ketenregie backup/);
  assertRefused(['restore', random, '--db', fresh('t.db'), '--plain'], /not a SQLite database/);
  const other = fresh('other.sqlite');
  execFileSync('sqlite3', [other, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
  assertRefused(['restore', other, '--db', fresh('t.db'), '--plain'], /not a ketenregie database/);
  const notKey = fresh('notakey');
  writeFileSync(notKey, 'secret\n');
  assertRefused(['restore', good, '--db', fresh('t.db'), '--key', notKey], /not a ketenregie backup key file/);
});

test('restore never writes over a database: refused without --force, and while it is in use', async () => {
  const r = cli(['restore', good, '--db', d.db, '--key', key]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /exists/);
  const live = cli(['restore', good, '--db', d.db, '--key', key, '--force']);
  assert.equal(live.status, 1, 'the daemon has it open');
  assert.match(live.stderr, /in use/);
  assert.equal((await request(d.baseUrl, 'GET', '/healthz')).status, 200);
  // --force on a database nobody uses: the old one is kept aside, not deleted
  const target = fresh('old.db');
  cli(['restore', good, '--db', target, '--key', key]);
  execFileSync('sqlite3', [target, "INSERT INTO setting (key, value) VALUES ('marker', 'old')"]);
  const forced = cli(['restore', good, '--db', target, '--key', key, '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  const aside = /is now (.+)$/m.exec(forced.stdout)[1];
  assert.equal(sql(aside, "SELECT value FROM setting WHERE key = 'marker'")[0].value, 'old');
  assert.equal(sql(target, "SELECT count(*) AS n FROM setting WHERE key = 'marker'")[0].n, 0);
});

test('after a restore, a session that had logged out does not work again', async () => {
  const c = new Client(d.baseUrl);
  await c.login('professional');
  const cookie = c.cookieHeader();
  assert.equal((await request(d.baseUrl, 'GET', '/', { headers: { Cookie: cookie } })).status, 200);
  const file = fresh('with-session.krbackup');
  assert.equal(cli(['backup', '--db', d.db, '--key', key, file]).status, 0);
  assert.equal((await c.post('/logout')).status, 303);
  assert.notEqual((await request(d.baseUrl, 'GET', '/', { headers: { Cookie: cookie } })).status, 200, 'logged out');

  const target = fresh('after-logout.db');
  assert.equal(cli(['restore', file, '--db', target, '--key', key]).status, 0);
  assert.equal(sql(target, 'SELECT count(*) AS n FROM session')[0].n, 0);
  assert.equal(sql(d.db, "SELECT count(*) AS n FROM setting WHERE key = 'device_cookie_key'")[0].n, 1);
  assert.equal(sql(target, "SELECT count(*) AS n FROM setting WHERE key = 'device_cookie_key'")[0].n, 0,
    'device cookies end too: a new key is made at the next start');
  const s = await serve(target);
  try {
    assert.ok(s.up, s.log());
    const r = await request(s.baseUrl, 'GET', '/', { headers: { Cookie: cookie } });
    assert.equal(r.status, 303, 'the old cookie is sent to the login page');
    assert.match(r.location, /\/login/);
    const again = new Client(s.baseUrl);
    await again.login('professional'); // the restored database works
  } finally {
    assert.equal(await s.stop(), 0);
  }
});

test('serve --backup-dir: backups on schedule, the last N kept, nothing else touched', async () => {
  const db = fresh('sched.db');
  execFileSync(bin, ['migrate', '--db', db], { stdio: 'ignore' });
  const dir = fresh('backups');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
  writeFileSync(path.join(dir, 'ketenregie-handmatig.krbackup'), 'keep me too');
  const noKey = await serve(db, ['--backup-dir', dir]);
  assert.equal(await noKey.exited, 2, 'no key and no --plain: refuses to start');
  assert.match(noKey.log(), /--key KEYFILE/);
  const badTime = cli(['serve', '--db', db, '--backup-dir', dir, '--backup-time', '24:00']);
  assert.equal(badTime.status, 2);

  // What a backup killed mid-way leaves: a plaintext snapshot beside the live database.
  const stale = `${db}.snapshot-AbC123`;
  const running = `${db}.snapshot-XyZ789`; // a backup in another process, still writing
  writeFileSync(stale, 'plaintext client data');
  writeFileSync(running, 'plaintext client data');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
  utimesSync(stale, twoHoursAgo, twoHoursAgo);
  // and what a restore to this path killed mid-way leaves: its database and read-log copies
  const staleRestore = [`${db}.restore-QrS456`, `${db}.readlog.restore-TuV012`];
  for (const f of staleRestore) {
    writeFileSync(f, 'plaintext client data');
    utimesSync(f, twoHoursAgo, twoHoursAgo);
  }
  const s = await serve(db, ['--backup-interval-seconds', '1'],
    { KETENREGIE_BACKUP_DIR: dir, KETENREGIE_BACKUP_KEY: key, KETENREGIE_BACKUP_KEEP: '2' });
  try {
    assert.ok(s.up, s.log());
    const deadline = Date.now() + 15_000;
    while ((s.log().match(/backup written/g) || []).length < 3 && Date.now() < deadline) await sleep(100);
    await sleep(200); // the rotation after the third backup
  } finally {
    assert.equal(await s.stop(), 0);
  }
  assert.ok((s.log().match(/backup written/g) || []).length >= 3, s.log());
  assert.match(s.log(), /removed \(keeping the last 2\)/);
  const files = readdirSync(dir).sort();
  const backups = files.filter((f) => /^ketenregie-\d{8}T\d{6}Z\.krbackup$/.test(f));
  assert.equal(backups.length, 2, files.join(' '));
  assert.ok(files.includes('notes.txt') && files.includes('ketenregie-handmatig.krbackup'), 'other files kept');
  assert.equal(files.length, 4, `no temporary files left: ${files.join(' ')}`);
  assert.ok(!existsSync(stale), 'the interrupted backup\'s plaintext snapshot is removed');
  assert.match(s.log(), /plaintext snapshot left by an interrupted backup/);
  assert.ok(staleRestore.every((f) => !existsSync(f)), 'an interrupted restore\'s plaintext copies are removed');
  assert.match(s.log(), /plaintext copy left by an interrupted restore/);
  assert.ok(existsSync(running), 'a snapshot still being written is kept');
  unlinkSync(running);
  assert.deepEqual(readdirSync(path.dirname(db)).filter((f) => f.includes('snapshot')), [], 'no plaintext snapshot left');
  const target = fresh('from-schedule.db');
  const r = cli(['restore', path.join(dir, backups[1]), '--db', target, '--key', key]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(`${target}.readlog`), 'a nightly backup holds the read log too');
  assert.equal(cli(['check', '--db', target]).status, 0);
});

test('check never creates or changes what it checks', () => {
  const missing = path.join(tmp, 'missing.db');
  const r = cli(['check', '--db', missing]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /No such file/);
  assert.ok(!existsSync(missing) && !existsSync(`${missing}-wal`), 'nothing created');

  const text = fresh('text.db');
  writeFileSync(text, 'dit is geen database\n'.repeat(100));
  const textHash = sha(text);
  assert.equal(cli(['check', '--db', text]).status, 1);
  assert.equal(sha(text), textHash);

  const other = fresh('other.sqlite');
  execFileSync('sqlite3', [other, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
  const otherHash = sha(other);
  const o = cli(['check', '--db', other]);
  assert.equal(o.status, 1);
  assert.match(o.stderr, /not a ketenregie database/);
  assert.equal(sha(other), otherHash, 'not migrated');

  const empty = fresh('empty.db');
  writeFileSync(empty, '');
  assert.equal(cli(['check', '--db', empty]).status, 1);
  assert.equal(statSync(empty).size, 0);

  // a restored database (a rollback-journal file, as a snapshot is) and its read log
  const plainFile = fresh('plain');
  cli(['backup', '--db', d.db, '--plain', plainFile]);
  const restored = fresh('restored.db');
  assert.equal(cli(['restore', plainFile, '--db', restored, '--plain']).status, 0);
  const before = sha(restored);
  const readlogBefore = sha(`${restored}.readlog`);
  const ok = cli(['check', '--db', restored]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), 'ok');
  assert.equal(sha(restored), before);
  assert.equal(sha(`${restored}.readlog`), readlogBefore, 'the read log is checked read-only too');
  assert.ok(!existsSync(`${restored}-wal`) && !existsSync(`${restored}-journal`), 'check leaves no companions');
  const noReadlog = fresh('no-readlog');
  assert.equal(cli(['check', '--db', noReadlog]).status, 1);
  assert.ok(!existsSync(`${noReadlog}.readlog`), 'check makes no read log');

  const damaged = fresh('damaged');
  copyFileSync(restored, damaged);
  const bytes = readFileSync(damaged);
  bytes.fill(0xff, 4096 + 100, 4096 * 3); // pages 2 and 3
  writeFileSync(damaged, bytes);
  const dmg = cli(['check', '--db', damaged]);
  assert.equal(dmg.status, 1, dmg.stdout);
  assert.match(dmg.stderr, /damaged|malformed|not an intact/);
  assertRefused(['restore', damaged, '--db', fresh('t.db'), '--plain'], /refused/);
});

await run({ after: () => d.stop() });
