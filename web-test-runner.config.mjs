// Widget tests run in Debian's headless Chromium against the real backend on loopback.
import {chromeLauncher} from '@web/test-runner-chrome';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {defaultReporter, summaryReporter} from '@web/test-runner';
import {countsReporter} from './scripts/reporters/wtr-counts.mjs';
// Loaded through tsx (wtr runs under `node --import tsx`): the real backend for the live tests.
import {realBackendPlugin} from './widget/test-support/backend-plugin.ts';

const backend = realBackendPlugin();

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: ['widget/**/*.test.ts'],
  nodeResolve: {browser: true, exportConditions: ['browser', 'production']},
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'}), backend.plugin],
  middleware: [backend.middleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      },
    }),
  ],
  concurrency: 1,
  testFramework: {config: {timeout: 20000}},
  testsFinishTimeout: 300000,
  reporters: [defaultReporter(), summaryReporter({flatten: false}), ...(process.env.WTR_COUNTS_FILE ? [countsReporter(process.env.WTR_COUNTS_FILE)] : [])],
};
