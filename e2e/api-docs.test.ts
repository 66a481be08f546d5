// The API reference page in a real browser: the renderer draws every route of the generated
// document under the strict CSP, with no violation and no script error.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chromium} from 'playwright-core';
import {startTestBackend} from '../backend/test/helpers.js';
import {LAUNCH_ARGS, DESKTOP, PHONE, newPage, shot, until, watch} from './support.js';

const backend = await startTestBackend();
const base = `http://localhost:${backend.port}`;

test('/api/docs renders every operation under the strict CSP', async () => {
  const browser = await chromium.launch({executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS});
  try {
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    const expected = Object.values(doc.paths as Record<string, object>).reduce((n, p) => n + Object.keys(p).length, 0);
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const {context, page} = await newPage(browser, viewport);
      const problems: string[] = [];
      watch(page, label, problems);
      page.on('console', (m) => m.type() === 'error' && problems.push(`${label}: ${m.text()}`));
      await page.goto(`${base}/api/docs/`);
      await until('every operation drawn', async () => (await page.locator('.opblock').count()) === expected);
      await page.locator('.opblock-summary-control').first().click();
      await until('an operation opens with its parameters', () => page.locator('.opblock-body .parameters, .opblock-body .opblock-section-request-body').first().isVisible());
      await shot(page, `api-docs-${label}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});
