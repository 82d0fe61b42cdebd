/**
 * npm test: everything a change must pass, in the order that fails fastest. Type check, lint and
 * format first; then the unit tests; then the Chrome and Firefox builds and the end-to-end tests in
 * Chromium and Firefox.
 * The last line is the total over unit and end-to-end tests: "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ADVICE, FIREFOX_ADVICE, findChromium, findFirefox } from './lib/browsers';
import { ROOT } from './lib/pack-sources';

const ARTIFACTS = join(ROOT, 'artifacts');
// Screenshots of an earlier run must not pass for this run's.
rmSync(join(ARTIFACTS, 'screenshots'), { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });

function run(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) console.log(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
  return result.status === 0;
}

/**
 * Automation cannot answer the browser's permission dialog, so the online-lookup tests use a
 * build in which the Wikipedia hosts are granted at install, as if the reader had accepted it
 * (see wxt.config.ts). Every other test uses the build that ships.
 */
const ONLINE_TEST_BUILD_ENV = { DOSSIER_TEST_ONLINE_GRANTED: '1' };

function runWith(title: string, env: Record<string, string>): boolean {
  console.log(`\n▶ ${title}: npx wxt build`);
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) console.log(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
  return result.status === 0;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitest(title: string, config: string, output: string): Counts {
  rmSync(output, { force: true });
  run(title, 'npx', [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ]);
  if (!existsSync(output)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  return {
    passed: report.numPassedTests,
    // A file that fails to load has no failed test but must still fail the run.
    failed: report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

const checks =
  run('Type check', 'npx', ['tsc', '--noEmit', '-p', '.']) &&
  run('Lint', 'npx', ['eslint', '--max-warnings=0', '.']) &&
  run('Format', 'npx', ['prettier', '--check', '.']);

const unit = vitest('Unit tests', 'vitest.config.ts', join(ARTIFACTS, 'unit-results.json'));

let e2e: Counts = { passed: 0, failed: 0, skipped: 0 };
if (!findChromium() || !findFirefox()) {
  if (!findChromium()) console.log(`\n${CHROMIUM_ADVICE}`);
  if (!findFirefox()) console.log(`\n${FIREFOX_ADVICE}`);
  e2e.failed = 1;
} else if (
  !run('Build (Chrome MV3)', 'npx', ['wxt', 'build']) ||
  !run('Build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']) ||
  !runWith('Build (Chrome MV3, online hosts granted at install, for the online-lookup tests)', ONLINE_TEST_BUILD_ENV)
) {
  e2e.failed = 1;
} else {
  e2e = vitest('End-to-end tests in Chromium', 'vitest.e2e.config.ts', join(ARTIFACTS, 'e2e-results.json'));
}

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (checks ? 0 : 1);
console.log(
  `\nUnit: ${unit.passed} passed, ${unit.failed} failed. End-to-end: ${e2e.passed} passed, ${e2e.failed} failed.`,
);
if (!checks) console.log('The type check, lint or format check failed (counted as one failure).');
console.log(
  `${passed} passed, ${failed} failed${unit.skipped + e2e.skipped ? `, ${unit.skipped + e2e.skipped} skipped` : ''}`,
);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
