// tests/run_all.mjs — what `make test TEST_OVERLAP=1` runs after the unit tests and
// the fuzzing: the HTTP files (against the sanitized daemon, two at a time) beside the
// browser files (release daemon and Chromium, two at a time), then the HTTP files
// marked @run-alone one by one with nothing beside them (see run_files.mjs; the budget:
// docs/TESTING.md). Prints the total as "N passed, M failed". `make http` and
// `make browser` run each directory on its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTestGroups } from './run_files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await runTestGroups([
  { dir: path.join(here, 'http'), env: { KETENREGIE_BIN: 'build/san/ketenregie', ...process.env }, jobs: 2 },
  { dir: path.join(here, 'browser'), env: process.env, jobs: 2 },
], { cwd: path.resolve(here, '..') });
