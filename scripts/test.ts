// `npm test`: set up, type-check, build, then run the backend tests under node --test against
// one real database server and the widget tests in headless Chromium. Last line: N passed, N failed.
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from '../backend/paths.js';
import {startEmbeddedDatabase, type EmbeddedDatabase} from '../backend/db/embedded.js';
import {buildWidgets, ensureChromium, ensureDatabase, ensureRedis} from './setup.js';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const resultsDir = path.join(projectRoot, '.data', 'test-results');
const args = process.argv.slice(2);
const only = (kind: string) => args.length === 0 || args.includes(kind);

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, {cwd: projectRoot, stdio: 'inherit', env: {...process.env, ...env}});
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function findTests(dir: string, suffix: string): string[] {
  const abs = path.join(projectRoot, dir);
  if (!existsSync(abs)) return [];
  return (readdirSync(abs, {recursive: true}) as string[])
    .filter((f) => f.endsWith(suffix) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f))
    .sort();
}

function readCounts(file: string): Counts | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const total: Counts = {passed: 0, failed: 0, skipped: 0};
function add(c: Counts | undefined, exitCode: number, what: string) {
  if (!c) {
    console.error(`[test] ${what} produced no results (exit ${exitCode})`);
    total.failed++;
    return;
  }
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  // A runner that failed without a failing test (crash, load error) still fails the run.
  if (exitCode !== 0 && c.failed === 0) {
    console.error(`[test] ${what} exited with ${exitCode}`);
    total.failed++;
  }
}

rmSync(resultsDir, {recursive: true, force: true});
mkdirSync(resultsDir, {recursive: true});

const chrome = ensureChromium();
ensureDatabase();
ensureRedis();

console.log('[test] type-checking sources and tests (tsc --noEmit)…');
const tscExit = await run(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
add({passed: tscExit === 0 ? 1 : 0, failed: tscExit === 0 ? 0 : 1, skipped: 0}, 0, 'tsc');

console.log('[test] building widgets…');
try {
  buildWidgets();
} catch (err) {
  add(undefined, 1, `build (${(err as Error).message})`);
}

let sharedDb: EmbeddedDatabase | undefined;
const dbEnv: NodeJS.ProcessEnv = {CHROME_PATH: chrome};
if (process.env.MONGODB_URI) {
  dbEnv.TEST_MONGODB_URI = process.env.MONGODB_URI.replace(/\/[^/?]*(\?.*)?$/, '');
} else {
  const dataDir = path.join(projectRoot, '.data', `test-db-${process.pid}`);
  rmSync(dataDir, {recursive: true, force: true});
  sharedDb = await startEmbeddedDatabase({dataDir, log: console.log});
  dbEnv.TEST_MONGODB_URI = sharedDb.uri;
  process.on('exit', () => rmSync(dataDir, {recursive: true, force: true}));
}

try {
  if (only('backend')) {
    const files = [...findTests('backend', '.test.ts'), ...findTests('e2e', '.test.ts')];
    console.log(`[test] backend: ${files.length} files under node --test`);
    const out = path.join(resultsDir, 'node.json');
    const code = await run(process.execPath, [
      '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(projectRoot, 'scripts/reporters/node-counts.mjs')}`, `--test-reporter-destination=${out}`,
      ...files,
    ], {...dbEnv, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', NODE_ENV: 'test'});
    add(readCounts(out), code, 'node --test');
  }
  if (only('widget')) {
    console.log('[test] widget: headless Chromium via @web/test-runner');
    const out = path.join(resultsDir, 'wtr.json');
    const code = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs'], {
      ...dbEnv, WTR_COUNTS_FILE: out, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', NODE_ENV: 'test',
    });
    add(readCounts(out), code, 'web-test-runner');
  }
} finally {
  await sharedDb?.stop();
}

console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
