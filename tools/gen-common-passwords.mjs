// gen-common-passwords.mjs — regenerates data/common-passwords.txt by hand (never at build
// or test time): the 10,000 most frequent passwords of the MIT-licensed npm package
// @zxcvbn-ts/language-common (its src/passwords.json is ordered by frequency), plus a
// short list of Dutch base words of our own.
//
//   mkdir /tmp/pw && cd /tmp/pw && npm install @zxcvbn-ts/language-common@4.1.3
//   node tools/gen-common-passwords.mjs /tmp/pw/node_modules/@zxcvbn-ts/language-common \
//       > data/common-passwords.txt
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tools/gen-common-passwords.mjs PATH/TO/@zxcvbn-ts/language-common');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
if (pkg.license !== 'MIT') throw new Error(`unexpected licence ${pkg.license}`);
const all = JSON.parse(readFileSync(path.join(dir, 'src', 'passwords.json'), 'utf8'));
const top = all.slice(0, 10000);
if (top.some((w) => !/^[\x21-\x7e]+$/.test(w) || w.startsWith('#'))) throw new Error('unexpected entry');

// Dutch words that people build passwords from ("Welkom2026!", "Zomer2025"), ours.
const dutch = ['wachtwoord', 'welkom', 'geheim', 'hallo', 'zomer', 'winter', 'lente', 'herfst',
  'voetbal', 'gemeente', 'nederland', 'amsterdam', 'rotterdam', 'utrecht', 'wijkteam', 'buurtteam',
  'jeugdzorg', 'hulpverlening', 'vertrouwelijk', 'veiligheid', 'maandag', 'vrijdag', 'januari',
  'december', 'schatje', 'liefde', 'feyenoord', 'azertyuiop'];
const seen = new Set(top.map((w) => w.toLowerCase()));

const out = [
  '# Common passwords refused by ketenregie, one a line, compared case-insensitively,',
  '# both as typed and as the base word left when leading and trailing digits and symbols',
  '# are removed ("Welkom2026!" -> "welkom").',
  '#',
  `# Source: the first 10,000 entries (ordered by frequency) of src/passwords.json in the npm`,
  `# package @zxcvbn-ts/language-common ${pkg.version}, itself from the zxcvbn project's frequency`,
  '# lists of leaked passwords. Licence: MIT —',
  '#   Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.',
  '#   Copyright (c) 2021 @zxcvbn-ts',
  '#   Permission is hereby granted, free of charge, to any person obtaining a copy of this',
  '#   software and associated documentation files (the "Software"), to deal in the Software',
  '#   without restriction, including without limitation the rights to use, copy, modify, merge,',
  '#   publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons',
  '#   to whom the Software is furnished to do so, subject to the following conditions: The above',
  '#   copyright notice and this permission notice shall be included in all copies or substantial',
  '#   portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,',
  '#   EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS',
  '#   FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT',
  '#   HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF',
  '#   CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE',
  '#   USE OR OTHER DEALINGS IN THE SOFTWARE.',
  '# Generated once by tools/gen-common-passwords.mjs; nothing is downloaded at build time.',
  ...top,
  '# Dutch base words of our own (EUPL-1.2, like the rest of ketenregie).',
  ...dutch.filter((w) => !seen.has(w)),
];
process.stdout.write(`${out.join('\n')}\n`);
