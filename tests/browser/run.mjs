// tests/browser/run.mjs — runs every tests/browser/*.test.mjs (each starts its own
// daemon and Chromium), one at a time: two Chromiums on two cores make the
// timing of the slower flows unreliable (see ../run_files.mjs), and prints the
// total as "N passed, M failed".
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTestFiles } from '../run_files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await runTestFiles(here, { cwd: path.resolve(here, '..', '..'), jobs: 1 });
