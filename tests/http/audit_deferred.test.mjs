// tests/http/audit_deferred.test.mjs — a GET of client data waits for its audit record without
// holding a worker thread (issue 11: auth/audit.h audit_request_deferred, server/http.c parks
// the connection until the group commit): its answer never leaves before its record is
// committed, the worker serves other connections meanwhile, many concurrent readers are all
// answered, and when the record cannot be written the answer is 500, not the page (fail closed).
// The daemon runs with one worker thread, so that a worker blocked on a record would show.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql, readlogOf } from './lib.mjs';

const d = await startDaemon({ serveArgs: ['--threads', '1'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// a GET changes nothing: its record goes to the read log (src/store/readlog.h)
const readlog = readlogOf(d.db);
const write = (s) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', readlog, s], { encoding: 'utf8' });
const caseId = sql(d.db, "SELECT c.id FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional' ORDER BY c.id LIMIT 1")[0].id;
const views = () => sql(d.db, `SELECT count(*) AS n FROM audit_log WHERE username = 'professional' AND action = 'view' AND object_id = ${caseId} AND outcome = 'allowed'`)[0].n;

const prof = new Client(d.baseUrl);
await prof.login('professional');

/** Another process holds the read log's write lock until release(): the audit writer cannot commit. */
async function holdWriteLock() {
  const sh = spawn('sqlite3', [readlog], { stdio: ['pipe', 'pipe', 'pipe'] });
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

test('the page waits for its record; the one worker serves others meanwhile', async () => {
  const before = views();
  const release = await holdWriteLock();
  let releasedAt = 0;
  let pageAt = 0;
  const page = prof.get(`/casussen/${caseId}`).then((r) => { pageAt = Date.now(); return r; });
  try {
    await sleep(400);
    assert.equal(pageAt, 0, 'the page left while its record could not be committed');
    // the worker thread is free: another connection is answered while the page waits
    const health = await new Client(d.baseUrl).get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(pageAt, 0);
  } finally {
    releasedAt = Date.now();
    await release();
  }
  const r = await page;
  assert.equal(r.status, 200);
  assert.ok(pageAt >= releasedAt, 'answered before the record could be committed');
  assert.equal(views() - before, 1);
});

test('every answer arrives with its record already committed, under 60 concurrent readers', async () => {
  const before = views();
  let answered = 0;
  const ahead = [];
  await Promise.all(Array.from({ length: 60 }, () => prof.get(`/casussen/${caseId}`).then((r) => {
    assert.equal(r.status, 200);
    answered += 1;
    // read by another connection the moment the answer is here: committed, not queued
    const committed = views() - before;
    if (committed < answered) ahead.push(`${answered} answered, ${committed} committed`);
  })));
  assert.equal(answered, 60);
  assert.deepEqual(ahead, []);
  assert.equal(views() - before, 60);
});

test('no record, no page: a GET whose record cannot be written is answered 500', async () => {
  write("CREATE TRIGGER test_audit_broken BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk gone'); END;");
  try {
    const r = await prof.get(`/casussen/${caseId}`);
    assert.equal(r.status, 500);
    assert.doesNotMatch(r.text, /Familie|Veiligheidsplan|Gezinsplan/);
  } finally {
    write('DROP TRIGGER test_audit_broken;');
  }
  const again = await prof.get(`/casussen/${caseId}`);
  assert.equal(again.status, 200);
  assert.match(again.text, /Veiligheidsplan/);
});

await run({ after: () => d.stop() });
