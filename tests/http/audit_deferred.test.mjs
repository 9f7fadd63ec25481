// tests/http/audit_deferred.test.mjs — a GET of client data waits for its audit record without
// holding a worker thread (issue 11: auth/audit.h, server/http.c park the connection until
// the group commit): the answer still never leaves before its record is committed, many
// concurrent readers are all answered, and when the record cannot be written the answer is
// 500, not the page (fail-closed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, run, startDaemon, Client, sql } from './lib.mjs';

const d = await startDaemon();
const write = (s) => execFileSync('sqlite3', ['-cmd', '.timeout 60000', d.db, s], { encoding: 'utf8' });
const caseId = sql(d.db, "SELECT c.id FROM casefile c JOIN app_user u ON u.id = c.director_id WHERE u.username = 'professional' ORDER BY c.id LIMIT 1")[0].id;
const views = () => sql(d.db, `SELECT count(*) AS n FROM audit_log WHERE username = 'professional' AND action = 'view' AND object_id = ${caseId} AND outcome = 'allowed'`)[0].n;

const prof = new Client(d.baseUrl);
await prof.login('professional');

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
    assert.doesNotMatch(r.text, /Familie|Veiligheidsplan/);
  } finally {
    write('DROP TRIGGER test_audit_broken;');
  }
  const again = await prof.get(`/casussen/${caseId}`);
  assert.equal(again.status, 200);
});

await run({ after: () => d.stop() });
