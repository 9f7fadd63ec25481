// tests/browser/run.mjs — runs every tests/browser/*.test.mjs (each starts its own
// daemon and Chromium), two at a time (see ../run_files.mjs; walk.test.mjs, the
// longest, first), and prints the total as "N passed, M failed". A browser file
// keeps about 0.7 of a core busy (Chromium, the daemon, node; the rest is waiting
// on page loads), so two of them fill the 2-core CI machine without crowding it;
// the flows' timeouts are far above their times there (docs/TESTING.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTestFiles } from '../run_files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
await runTestFiles(here, { cwd: path.resolve(here, '..', '..'), jobs: 2 });
