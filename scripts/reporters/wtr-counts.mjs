// @web/test-runner reporter that writes {passed, failed, skipped} as JSON to a file.
import {writeFileSync} from 'node:fs';

function countSuite(suite, counts) {
  for (const t of suite.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else counts.failed++;
  }
  for (const s of suite.suites ?? []) countSuite(s, counts);
}

export function countsReporter(file) {
  return {
    onTestRunFinished({sessions}) {
      const counts = {passed: 0, failed: 0, skipped: 0};
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        // A test file that failed to load counts as one failure, never as zero tests.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) counts.failed++;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
