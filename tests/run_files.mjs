// tests/run_files.mjs — runs test files, each in its own node process (each starts
// its own daemon, and Chromium for browser tests), a few at a time, and prints the
// total as "N passed, M failed".
//
// Files run `jobs` at a time (default 2: the 2-core CI machine; KETENREGIE_TEST_JOBS
// overrides). A file whose first lines contain the marker "@run-alone" measures
// time or load (slow clients, throttling delays, a backup under load) and runs on
// its own after the others, so that a neighbour's CPU use cannot fail it. Output of
// a file is printed whole when it ends, with its duration, never interleaved.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function runsAlone(file) {
  return readFileSync(file, 'utf8').split('\n', 20).some((l) => l.includes('@run-alone'));
}

function runOne(file, cwd, env) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('close', (status) => resolve({ file, out, err, status, seconds: (Date.now() - t0) / 1000 }));
  });
}

/** Run every *.test.mjs in dir; exits the process with 0 when all passed. */
export async function runTestFiles(dir, { cwd, env = process.env, jobs = 2 } = {}) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(dir, f));
  const alone = files.filter(runsAlone);
  const shared = files.filter((f) => !alone.includes(f));
  const n = Number(process.env.KETENREGIE_TEST_JOBS || jobs) || 1;
  let passed = 0;
  let failed = 0;
  const report = (r) => {
    process.stdout.write(`# ${path.basename(r.file)} (${r.seconds.toFixed(1)} s)\n${r.out}`);
    if (r.err) process.stderr.write(r.err);
    const m = /^(\d+) passed, (\d+) failed$/m.exec(r.out);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
    if (!m || (r.status !== 0 && Number(m[2]) === 0)) failed += 1; // crashed before reporting
  };
  const queue = [...shared];
  const worker = async () => {
    while (queue.length) report(await runOne(queue.shift(), cwd, env));
  };
  await Promise.all(Array.from({ length: Math.min(n, queue.length || 1) }, worker));
  for (const f of alone) report(await runOne(f, cwd, env));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
