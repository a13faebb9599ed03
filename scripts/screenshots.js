#!/usr/bin/env node
// `npm run screenshots`: runs the browser tests that photograph the pages (test/browser/flow-*.test.ts,
// into test-artifacts/screenshots/), then copies the key ones into docs/screenshots/, replacing what
// was there, for the README. Only a chosen few are kept in git: every page in every locale at both
// sizes is tens of megabytes, and the test artifacts have them all.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FROM = 'test-artifacts/screenshots';
const TO = 'docs/screenshots';
const LOCALES = ['zh-hans', 'zh-hant', 'en'];

/** What a declarant sees on a phone, in each locale; the same at desktop size once; the console's work pages. */
const KEPT = [
  ...['pages/home', 'pages/declare', 'declare/suggestions', 'declare/receipt', 'pages/archive', 'pages/statistics'].flatMap((page) =>
    LOCALES.map((locale) => `${page}.${locale}.phone.png`),
  ),
  'pages/home.zh-hans.desktop.png',
  'pages/statistics.zh-hans.desktop.png',
  'console/moderation.zh-hans.phone.png',
  'console/moderation.zh-hans.desktop.png',
  'console/batch.zh-hans.desktop.png',
  'console/call.zh-hans.phone.png',
  // A certificate as its holder prints it, and the public check of its number (docs/certificates.md).
  'certificates/certificate.zh-hans.phone.png',
  'certificates/verify.en.desktop.png',
];

const files = [
  'test/browser/flow-public-pages.test.ts',
  'test/browser/flow-declare.test.ts',
  'test/browser/flow-console.test.ts',
  'test/browser/flow-console-desks.test.ts',
  'test/browser/certificates-in-chromium.test.ts',
];
rmSync(FROM, { recursive: true, force: true });
const tests = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...files], { stdio: 'inherit' });
if (tests.status !== 0) {
  console.error('The browser tests failed; docs/screenshots/ is left as it was.');
  process.exit(tests.status ?? 1);
}
const missing = KEPT.filter((file) => !existsSync(join(FROM, file)));
if (missing.length > 0) {
  console.error(`Not taken (is Chromium installed?): ${missing.join(', ')}`);
  process.exit(1);
}

mkdirSync(TO, { recursive: true });
for (const old of readdirSync(TO)) if (old.endsWith('.png')) rmSync(join(TO, old));
let bytes = 0;
for (const file of KEPT) {
  const target = join(TO, file.replace('/', '.'));
  copyFileSync(join(FROM, file), target);
  bytes += statSync(target).size;
}
console.log(`${KEPT.length} screenshots in ${TO}/, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
