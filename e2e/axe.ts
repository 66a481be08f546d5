// axe-core in a page under a strict CSP: injected through the DevTools protocol (page.evaluate is
// not subject to the page's CSP), run over the whole document including open shadow roots.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Page} from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: {id: string; help: string; nodes: {html: string; failureSummary?: string}[]}[];
}

/** One line per violation, naming the offending markup, so a failure says where to look. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const result = await page.evaluate(() => (window as unknown as {axe: {run(ctx: unknown, opts: unknown): Promise<AxeResult>}}).axe.run(document, {resultTypes: ['violations']}));
  return result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => `${n.html.slice(0, 200)} (${n.failureSummary ?? ''})`).join(' | ')}`);
}
