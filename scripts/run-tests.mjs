// Runs the whole Vitest suite inside a private D-Bus + gnome-keyring session (scripts/with-keyring.sh),
// then prints the plain "N passed, N failed" summary line that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const reportFile = 'test-results/vitest.json';
const extra = process.argv.slice(2);
const run = spawnSync('bash', ['scripts/with-keyring.sh', 'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra], { stdio: 'inherit' });
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  // A file that fails outside any test (a hook, an import) counts as one failure too.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length;
  const failed = report.numFailedTests + brokenFiles;
  console.log(`tests: ${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`);
} catch {
  console.log('tests: no report was written');
}
process.exit(run.status ?? 1);
