// backup_readlog.test.mjs — backups, restore and `check` cover the read log (the audit
// records of requests that changed nothing, in "<database>.readlog"): a backup made while
// the daemon serves reads holds them, a restore puts them back beside the database with a
// chain that verifies, a tampered read log fails `check` and is refused by `restore`, an
// existing read log is moved aside with its database (never paired with another one), and
// backups from before the read log (encrypted format 1, plain bare SQLite files) restore
// without one.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, run, startDaemon, Client, sql, eventually } from './lib.mjs';
import { daemonBinary } from '../browser/lib.mjs';

const bin = daemonBinary();
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const d = await startDaemon();
const tmp = d.tmpDir; // removed by d.stop()
const readlog = (db) => `${db}.readlog`;
const cli = (args) => spawnSync(bin, args, { encoding: 'utf8' });
const sha = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const rows = (file) => sql(file, 'SELECT count(*) AS n FROM audit_log')[0].n;
const write = (db, s) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', db, s], { encoding: 'utf8' });
let n = 0;
const fresh = (name) => path.join(tmp, `${name}-${++n}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const key = path.join(tmp, 'backup.key');
execFileSync(bin, ['keygen', key]);
const caseId = sql(d.db, "SELECT c.id FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional' ORDER BY c.id LIMIT 1")[0].id;
const prof = new Client(d.baseUrl);
await prof.login('professional');

/** Run the CLI without blocking the event loop (reads go on meanwhile). */
function runCli(args) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Restore must refuse: exit 1, the message, and nothing new at or beside the target. */
function assertRefused(args, pattern) {
  const target = args[args.indexOf('--db') + 1];
  const before = readdirSync(path.dirname(target)).filter((f) => f.startsWith(path.basename(target))).sort();
  const r = cli(args);
  assert.equal(r.status, 1, `refused: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, pattern);
  const after = readdirSync(path.dirname(target)).filter((f) => f.startsWith(path.basename(target))).sort();
  assert.deepEqual(after, before, 'no file made or left beside the target');
}

/** A plain bundle by hand (backup/bundle.h): magic, version, then two length-prefixed files. */
function bundle(db, rl) {
  const len = (b) => { const x = Buffer.alloc(8); x.writeBigUInt64BE(BigInt(b.length)); return x; };
  const head = Buffer.alloc(16);
  head.write('KRBUNDLE', 0, 'latin1');
  head[8] = 1;
  return Buffer.concat([head, len(db), db, len(rl), rl]);
}

let restoredDb; // the restore of a backup made under reads, used by the later tests

test('a backup made while the daemon serves reads holds the read log; the restore puts it back and check passes', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await prof.get(`/casussen/${caseId}`)).status, 200);
  const before = await eventually(() => {
    const c = existsSync(readlog(d.db)) ? rows(readlog(d.db)) : 0;
    return c >= 5 ? c : 0;
  });
  assert.ok(before >= 5, `the case views are in the read log (${before})`);
  let reading = true;
  let views = 0;
  const reader = (async () => {
    while (reading) {
      assert.equal((await prof.get(`/casussen/${caseId}`)).status, 200);
      views += 1;
      await sleep(10);
    }
  })();
  const file = fresh('reads.krbackup');
  let r;
  try {
    await sleep(100);
    r = await runCli(['backup', '--db', d.db, '--key', key, file]);
  } finally {
    reading = false;
    await reader;
  }
  assert.equal(r.code, 0, r.out);
  assert.ok(views > 0, 'reads went on during the backup');
  const after = await eventually(() => rows(readlog(d.db)));

  restoredDb = fresh('restored.db');
  const rr = cli(['restore', file, '--db', restoredDb, '--key', key]);
  assert.equal(rr.status, 0, rr.stderr);
  assert.ok(existsSync(readlog(restoredDb)), 'the read log is put back beside the database');
  const restored = rows(readlog(restoredDb));
  assert.ok(restored >= before && restored <= after, `${before} <= ${restored} <= ${after} read records`);
  const views_ = sql(readlog(restoredDb), `SELECT count(*) AS n FROM audit_log WHERE username = 'professional' AND action = 'view' AND object_id = ${caseId}`)[0].n;
  assert.ok(views_ >= 5, 'the case views before the backup are in it');
  // a true copy of the live chain: its last row has the live row's hash
  const last = sql(readlog(restoredDb), 'SELECT id, hex(row_hash) AS h FROM audit_log ORDER BY id DESC LIMIT 1')[0];
  assert.equal(sql(readlog(d.db), `SELECT hex(row_hash) AS h FROM audit_log WHERE id = ${last.id}`)[0].h, last.h);
  assert.equal(sql(readlog(restoredDb), 'PRAGMA user_version')[0].user_version, 4);
  // its household index comes with it, up to its watermark; the tail above it is indexed
  // at the next start (src/store/readlog_index.h)
  const m = sql(readlog(restoredDb), 'SELECT indexed_to AS mark, (SELECT max(id) FROM audit_log) AS head FROM audit_index_mark')[0];
  assert.ok(m.head > 0 && m.mark <= m.head, JSON.stringify(m));
  const c = cli(['check', '--db', restoredDb]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(c.stdout.trim(), 'ok');
  // one backup stays one file: no read-log snapshot left beside the live database
  assert.deepEqual(readdirSync(tmp).filter((f) => f.includes('snapshot')), []);
});

test('a plain backup is one file, a bundle of both, and restores both', () => {
  const file = fresh('plain.krplain');
  const r = cli(['backup', '--db', d.db, '--plain', file]);
  assert.equal(r.status, 0, r.stderr);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'KRBUNDLE');
  const dbLen = Number(bytes.readBigUInt64BE(16));
  assert.equal(bytes.subarray(24, 24 + 15).toString('latin1'), 'SQLite format 3');
  const rlLen = Number(bytes.readBigUInt64BE(24 + dbLen));
  assert.ok(rlLen > 0, 'the read log is in it');
  assert.equal(bytes.length, 32 + dbLen + rlLen, 'nothing else');
  const target = fresh('plain.db');
  assert.equal(cli(['restore', file, '--db', target, '--plain']).status, 0);
  assert.ok(rows(readlog(target)) > 0);
  assert.equal(cli(['check', '--db', target]).status, 0);
  // a bundle cut short, or with a byte after its end, is refused
  const cut = fresh('cut.krplain');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  assertRefused(['restore', cut, '--db', fresh('t.db'), '--plain'], /truncated/);
  const longer = fresh('longer.krplain');
  writeFileSync(longer, Buffer.concat([bytes, Buffer.from([0])]));
  assertRefused(['restore', longer, '--db', fresh('t.db'), '--plain'], /data after its end/);
});

test('check fails on a tampered read log and names it; restore refuses a backup holding one', () => {
  assert.ok(restoredDb, 'the first test restored a backup');
  const copy = (name) => {
    const db = fresh(name);
    copyFileSync(restoredDb, db);
    copyFileSync(readlog(restoredDb), readlog(db));
    return db;
  };
  // a guard dropped
  const unguarded = copy('unguarded.db');
  write(readlog(unguarded), 'DROP TRIGGER audit_log_no_update;');
  let c = cli(['check', '--db', unguarded]);
  assert.equal(c.status, 1, c.stdout);
  assert.match(c.stderr, /read log .*unguarded\.db-\d+\.readlog.*audit_log_no_update missing/);

  // a row rewritten behind a dropped guard that was put back exactly as it was
  const rewritten = copy('rewritten.db');
  const guard = sql(readlog(rewritten), "SELECT sql FROM sqlite_schema WHERE name = 'audit_log_no_update'")[0].sql;
  write(readlog(rewritten), `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'niets gezien' WHERE id = 2; ${guard};`);
  c = cli(['check', '--db', rewritten]);
  assert.equal(c.status, 1, c.stdout);
  assert.match(c.stderr, /read log .*rewritten\.db-\d+\.readlog: audit trail broken at row 2/);

  // not a read log at all
  const foreign = copy('foreign.db');
  unlinkSync(readlog(foreign));
  execFileSync('sqlite3', [readlog(foreign), 'CREATE TABLE t (x);']);
  c = cli(['check', '--db', foreign]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /read log .*not a ketenregie read log/);

  // the same tampered read log inside a backup: restore refuses it, nothing placed
  const tampered = fresh('tampered.krplain');
  writeFileSync(tampered, bundle(readFileSync(restoredDb), readFileSync(readlog(rewritten))));
  assertRefused(['restore', tampered, '--db', fresh('t.db'), '--plain'], /read log in the backup: audit trail broken/);
  // and the untampered pair in the same hand-made container restores: the container is what the test thinks
  const good = fresh('good.krplain');
  writeFileSync(good, bundle(readFileSync(restoredDb), readFileSync(readlog(restoredDb))));
  const target = fresh('good.db');
  assert.equal(cli(['restore', good, '--db', target, '--plain']).status, 0);
  assert.equal(sha(readlog(target)), sha(readlog(restoredDb)), 'the read log is put back byte for byte');
});

test('--force moves the read log aside with its database; a read log without its database is refused', () => {
  const file = fresh('force.krbackup');
  assert.equal(cli(['backup', '--db', d.db, '--key', key, file]).status, 0);
  const target = fresh('force.db');
  assert.equal(cli(['restore', file, '--db', target, '--key', key]).status, 0);
  const oldReadlog = sha(readlog(target));
  assertRefused(['restore', file, '--db', target, '--key', key], /exists/);
  const forced = cli(['restore', file, '--db', target, '--key', key, '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  const aside = /is now (.+)$/m.exec(forced.stdout)[1];
  assert.match(forced.stdout, /its read log is now .*\.replaced-\d{8}T\d{6}Z\.readlog$/m);
  assert.equal(sha(readlog(aside)), oldReadlog, 'the old read log went aside with its database');
  assert.equal(cli(['check', '--db', aside]).status, 0, 'the pair aside still checks');
  assert.equal(cli(['check', '--db', target]).status, 0);

  // the daemon's read log is in use too: never replaced under it
  const live = cli(['restore', file, '--db', d.db, '--key', key, '--force']);
  assert.equal(live.status, 1);
  assert.match(live.stderr, /in use/);

  const orphan = fresh('orphan.db');
  copyFileSync(readlog(target), readlog(orphan));
  const orphanHash = sha(readlog(orphan));
  assertRefused(['restore', file, '--db', orphan, '--key', key], /read log that is not its own/);
  assertRefused(['restore', file, '--db', orphan, '--key', key, '--force'], /read log that is not its own/);
  assert.equal(sha(readlog(orphan)), orphanHash);
  assert.ok(!existsSync(orphan));
});

test('backups from before the read log still restore, without one', () => {
  // encrypted format 1 (made by the program before bundles; its key is a test key)
  const v1 = readFileSync(path.join(fixtures, 'backup-format1.krbackup'));
  assert.equal(v1[8], 1, 'the fixture is format 1');
  const target = fresh('format1.db');
  const r = cli(['restore', path.join(fixtures, 'backup-format1.krbackup'), '--db', target, '--key', path.join(fixtures, 'backup-format1.key')]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!existsSync(readlog(target)), 'no read log in it, none made');
  assert.equal(cli(['check', '--db', target]).stdout.trim(), 'ok');
  assert.equal(sql(target, "SELECT count(*) AS n FROM audit_log WHERE action = 'restore'")[0].n, 1);

  // a plain backup as it was: a bare SQLite file in rollback-journal mode
  const bare = fresh('bare.db');
  write(d.db, `VACUUM INTO '${bare}'`);
  write(bare, 'PRAGMA journal_mode=DELETE;');
  const plainTarget = fresh('bare-restored.db');
  const p = cli(['restore', bare, '--db', plainTarget, '--plain']);
  assert.equal(p.status, 0, p.stderr);
  assert.ok(!existsSync(readlog(plainTarget)));
  assert.equal(cli(['check', '--db', plainTarget]).status, 0);
  assert.equal(sql(plainTarget, 'SELECT count(*) AS n FROM casefile')[0].n, sql(d.db, 'SELECT count(*) AS n FROM casefile')[0].n);
});

test('a database that never served has no read log: its backup holds none and makes none', () => {
  const db = fresh('never.db');
  execFileSync(bin, ['migrate', '--db', db], { stdio: 'ignore' });
  if (existsSync(readlog(db))) unlinkSync(readlog(db)); // (migrate may or may not make one)
  const file = fresh('never.krplain');
  assert.equal(cli(['backup', '--db', db, '--plain', file]).status, 0);
  assert.ok(!existsSync(readlog(db)), 'backup made no read log beside the database');
  const bytes = readFileSync(file);
  assert.equal(bytes.readBigUInt64BE(24 + Number(bytes.readBigUInt64BE(16))), 0n, 'an empty read-log section');
  const target = fresh('never-restored.db');
  assert.equal(cli(['restore', file, '--db', target, '--plain']).status, 0);
  assert.ok(!existsSync(readlog(target)));
  assert.equal(cli(['check', '--db', target]).status, 0);
});

await run({ after: () => d.stop() });
