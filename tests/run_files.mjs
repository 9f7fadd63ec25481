// tests/run_files.mjs — runs test files, each in its own node process (each starts
// its own daemon, and Chromium for browser tests), a few at a time, and prints the
// total as "N passed, M failed".
//
// Files run `jobs` at a time (default 2: the 2-core CI machine; KETENREGIE_TEST_JOBS
// overrides). Files whose first lines contain the marker "@long" start first (the
// longest ones: started last, they would end the phase running alone). A file whose
// first lines contain the marker "@run-alone" measures time or load (slow clients,
// throttling delays, a backup under load) and runs on its own after the others, so
// that a neighbour's CPU use cannot fail it. Output of a file is printed whole when
// it ends, with its wall time and CPU seconds, never interleaved. The time budget of
// each phase: docs/TESTING.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function marked(file, marker) {
  return readFileSync(file, 'utf8').split('\n', 20).some((l) => l.includes(marker));
}

// The file runs under sh, whose `times` then prints the CPU time of everything the
// file waited for (node, its daemons, Chromium) on fd 3, so that the report gives
// CPU seconds next to the wall time (on a shared machine wall time alone misleads).
const SH_TIMES = '"$NODE" "$0" 3>&-; rc=$?; times >&3; exit $rc';

function cpuSeconds(times) {
  // second line of `times`: children's user and system time, e.g. "0m1.20s 0m0.12s"
  const line = times.trim().split('\n')[1] || '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

function runOne(file, cwd, env) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', SH_TIMES, file], { cwd, env: { ...env, NODE: process.execPath }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let times = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.stdio[3].on('data', (c) => { times += c; });
    child.on('close', (status) => resolve({
      file, out, err, status, seconds: (Date.now() - t0) / 1000, cpu: cpuSeconds(times),
    }));
  });
}

/** Run every *.test.mjs in dir; exits the process with 0 when all passed. */
export async function runTestFiles(dir, { cwd, env = process.env, jobs = 2 } = {}) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(dir, f));
  const alone = files.filter((f) => marked(f, '@run-alone'));
  // the longest files first, so that none of them is left running alone at the end
  const long = files.filter((f) => !alone.includes(f) && marked(f, '@long'));
  const shared = [...long, ...files.filter((f) => !alone.includes(f) && !long.includes(f))];
  const n = Number(process.env.KETENREGIE_TEST_JOBS || jobs) || 1;
  // the run's demo database, built once and copied per file (../browser/lib.mjs)
  const cache = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-run-'));
  env = { ...env, KETENREGIE_TEST_CACHE: cache };
  let passed = 0;
  let failed = 0;
  const report = (r) => {
    process.stdout.write(`# ${path.basename(r.file)} (${r.seconds.toFixed(1)} s, cpu ${r.cpu.toFixed(1)} s)\n${r.out}`);
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
  rmSync(cache, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
