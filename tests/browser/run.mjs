// tests/browser/run.mjs — runs every tests/browser/*.test.mjs (each starts its own
// daemon and Chromium), two at a time (see ../run_files.mjs; walk.test.mjs and
// foundation.test.mjs, the longest, first), and prints the total as "N passed, M
// failed". Most of a browser file's CPU is Chromium's renderer (layout, axe), so two
// of them keep the 2-core CI machine busy (`make test TEST_OVERLAP=1` runs them beside
// the HTTP files, ../run_all.mjs). The flows' timeouts are far above their times there
// (docs/TESTING.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTestFiles } from '../run_files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await runTestFiles(here, { cwd: path.resolve(here, '..', '..'), jobs: 2 });
