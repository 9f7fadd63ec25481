// tests/run_files.mjs — runs test files, each in its own node process (each starts
// its own daemon, and Chromium for browser tests), a few at a time, and prints the
// total as "N passed, M failed".
//
// Files run `jobs` at a time (default 2: the 2-core CI machine; KETENREGIE_TEST_JOBS
// overrides); runTestGroups runs several directories' files side by side, each with
// its own `jobs` (tests/run_all.mjs: HTTP beside browser). Files whose first lines
// contain the marker "@long" start first (the longest ones: started last, they would
// end the phase running alone). A file whose first lines contain the marker
// "@run-alone" measures time or load (slow clients, throttling delays, a backup under
// load) and runs on its own after all the others, so that a neighbour's CPU use cannot
// fail it. Output of a file is printed whole when it ends, with its wall time and CPU
// seconds (Chromium's included, see processTable), never interleaved. The time budget
// of each phase: docs/TESTING.md.
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

// Chromium's renderer and zygote processes are not reaped through that chain (they end
// up children of init), so `times` leaves out most of a browser test's CPU. The runner
// therefore also samples /proc (every SAMPLE_MS) for every process below the file's
// shell, remembering each one's last CPU time even after it was re-parented, and
// reports the larger of the two sums (sampling misses short-lived processes and each
// process's last moments; `times` misses the orphans).
const SAMPLE_MS = 500;
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux

/** pid → { ppid, key (pid and start time), ticks (user + system CPU) } of every process. */
function processTable() {
  const table = new Map();
  let names = [];
  try { names = readdirSync('/proc'); } catch { return table; }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    // after "pid (comm) ": state ppid … utime(14th field) stime(15th) … starttime(22nd)
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(name), { ppid: Number(f[1]), key: `${name}:${f[19]}`, ticks: Number(f[11]) + Number(f[12]) });
  }
  return table;
}

const sampled = new Map(); // root pid → Map(process key → ticks)
function sampleAll() {
  if (!sampled.size) return;
  const table = processTable();
  const children = new Map();
  for (const [pid, p] of table) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  const byKey = new Map([...table.values()].map((p) => [p.key, p]));
  for (const [root, seen] of sampled) {
    for (const key of seen.keys()) if (byKey.has(key)) seen.set(key, byKey.get(key).ticks); // re-parented ones too
    for (const stack = [root]; stack.length;) {
      const pid = stack.pop();
      const p = table.get(pid);
      if (p && pid !== root) seen.set(p.key, p.ticks);
      stack.push(...(children.get(pid) || []));
    }
  }
}
setInterval(sampleAll, SAMPLE_MS).unref();

function cpuSeconds(times) {
  // second line of `times`: children's user and system time, e.g. "0m1.20s 0m0.12s"
  const line = times.trim().split('\n')[1] || '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

function runOne(file, cwd, env) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', SH_TIMES, file], { cwd, env: { ...env, NODE: process.execPath }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const seen = new Map();
    sampled.set(child.pid, seen);
    let out = '';
    let err = '';
    let times = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.stdio[3].on('data', (c) => { times += c; });
    child.on('close', (status) => {
      sampled.delete(child.pid);
      const fromProc = [...seen.values()].reduce((sum, t) => sum + t, 0) / TICKS;
      resolve({ file, out, err, status, seconds: (Date.now() - t0) / 1000, cpu: Math.max(cpuSeconds(times), fromProc) });
    });
  });
}

/** Run every *.test.mjs in dir; exits the process with 0 when all passed. */
export async function runTestFiles(dir, { cwd, env = process.env, jobs = 2 } = {}) {
  return runTestGroups([{ dir, env, jobs }], { cwd });
}

/**
 * Run several directories' test files at the same time, each group { dir, env, jobs }
 * with its own `jobs` files at once (`make test TEST_OVERLAP=1` runs the HTTP files
 * beside the browser files, ./run_all.mjs; not the default, see docs/TESTING.md);
 * then every group's @run-alone files one by one, with nothing beside them.
 * Exits the process with 0 when all passed.
 */
export async function runTestGroups(groups, { cwd } = {}) {
  const override = Number(process.env.KETENREGIE_TEST_JOBS) || 0;
  // the run's demo database, built once and copied per file (../browser/lib.mjs)
  const cache = mkdtempSync(path.join(os.tmpdir(), 'ketenregie-run-'));
  const name = (f) => (groups.length > 1 ? path.join(path.basename(path.dirname(f)), path.basename(f)) : path.basename(f));
  let passed = 0;
  let failed = 0;
  const report = (r) => {
    process.stdout.write(`# ${name(r.file)} (${r.seconds.toFixed(1)} s, cpu ${r.cpu.toFixed(1)} s)\n${r.out}`);
    if (r.err) process.stderr.write(r.err);
    const m = /^(\d+) passed, (\d+) failed$/m.exec(r.out);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
    if (!m || (r.status !== 0 && Number(m[2]) === 0)) failed += 1; // crashed before reporting
  };
  const alone = [];
  const workers = [];
  for (const group of groups) {
    const files = readdirSync(group.dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(group.dir, f));
    const env = { ...(group.env || process.env), KETENREGIE_TEST_CACHE: cache };
    alone.push(...files.filter((f) => marked(f, '@run-alone')).map((file) => ({ file, env })));
    // the longest files first, so that none of them is left running alone at the end
    const own = files.filter((f) => !marked(f, '@run-alone'));
    const queue = [...own.filter((f) => marked(f, '@long')), ...own.filter((f) => !marked(f, '@long'))];
    const n = override || Number(group.jobs) || 1;
    const worker = async () => {
      while (queue.length) report(await runOne(queue.shift(), cwd, env));
    };
    workers.push(...Array.from({ length: Math.min(n, queue.length) }, worker));
  }
  await Promise.all(workers);
  for (const { file, env } of alone) report(await runOne(file, cwd, env));
  rmSync(cache, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
