// tests/http/run.mjs — runs every tests/http/*.test.mjs (each starts its own
// daemon) against $KETENREGIE_BIN (default: the sanitized build), two at a time
// (see ../run_files.mjs), and prints the total as "N passed, M failed".
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTestFiles } from '../run_files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await runTestFiles(here, {
  cwd: path.resolve(here, '..', '..'),
  env: { KETENREGIE_BIN: 'build/san/ketenregie', ...process.env },
  jobs: 2,
});
