// End-to-end wiring: the backend started the way `npm start` starts it (startBackend + seedDemo,
// port 0, a fresh test database) and Debian's Chromium driven by playwright-core.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {after} from 'node:test';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {startBackend, type RunningBackend} from '../backend/server.js';
import {seedDemo, type DemoSeed} from '../backend/demo/seed.js';
import {testConfig} from '../backend/test/helpers.js';
import {projectRoot} from '../backend/paths.js';

export const resultsDir = path.join(projectRoot, 'test-results');

export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export const DESKTOP = {width: 1280, height: 800};
export const PHONE = {width: 390, height: 844};

export interface Demo {
  backend: RunningBackend;
  seed: DemoSeed;
  /** The demo site and console: http://localhost:<port> */
  base: string;
  /** The same server under its other name: the partner firm's origin. */
  partner: string;
  browser: Browser;
}

/** `now`: the backend's clock, for tests that move time (reminders, daylight-saving changes); `config`: settings on top (e.g. the email stand-in). */
export async function startDemo(opts: {now?: () => Date; config?: Record<string, string>} = {}): Promise<Demo> {
  const config = await testConfig(opts.config);
  const backend = await startBackend(config, {now: opts.now});
  const seed = await seedDemo(backend.services, config, backend.port);
  const browser = await chromium.launch({executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS});
  after(async () => {
    await browser.close();
    await backend.db.dropDatabase().catch(() => {});
    await backend.stop();
  });
  mkdirSync(resultsDir, {recursive: true});
  return {backend, seed, base: `http://localhost:${backend.port}`, partner: `http://127.0.0.1:${backend.port}`, browser};
}

/** Collects what must never happen on a page: uncaught errors and CSP violations. */
export function watch(page: Page, label: string, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`${label}: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`${label}: ${text}`);
  });
}

/** A fresh browser profile; Paris and British English unless the test says otherwise. */
export async function newPage(browser: Browser, viewport = DESKTOP, where: {locale?: string; timezoneId?: string} = {}): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({viewport, locale: 'en-GB', timezoneId: 'Europe/Paris', ...where});
  return {context, page: await context.newPage()};
}

/** Polls until `fn` returns a truthy value; fails with the last value seen. */
export async function until<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await fn();
      if (last) return last as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Texts of the message bubbles in a widget or console (shadow DOM is pierced by locators). */
export function bubbles(page: Page, host: 'consult-chat' | 'consult-inbox'): Promise<string[]> {
  return page.locator(`${host} .bubble`).allTextContents().then((all) => all.map((t) => t.trim()));
}

export function count(list: string[], text: string): number {
  return list.filter((t) => t === text).length;
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({path: file});
  return file;
}

/** The demo backend with an applicant's page and a lawyer's page, watched for page errors and CSP violations. */
export async function twoParties() {
  const demo = await startDemo();
  const problems: string[] = [];
  const applicant = await newPage(demo.browser);
  const lawyer = await newPage(demo.browser);
  watch(applicant.page, 'applicant', problems);
  watch(lawyer.page, 'lawyer', problems);
  return {
    demo, problems, applicant, lawyer, A: applicant.page, L: lawyer.page,
    widget: (p: Page, sel: string) => p.locator(`consult-chat ${sel}`),
    inbox: (p: Page, sel: string) => p.locator(`consult-inbox ${sel}`),
  };
}
