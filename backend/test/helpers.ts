// Shared test wiring: every test gets its own database on the one real server `npm test`
// started (TEST_MONGODB_URI), or on a private embedded server when a file is run alone.
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after} from 'node:test';
import {spawn, type ChildProcess} from 'node:child_process';
import {projectRoot} from '../paths.js';
import {loadConfig, type Config} from '../config.js';
import {startBackend, type RunningBackend} from '../server.js';
import type {Logger} from '../logger.js';
import {startEmbeddedDatabase, type EmbeddedDatabase} from '../db/embedded.js';

let privateServer: Promise<EmbeddedDatabase> | undefined;
// Registered while this module loads, i.e. on the file's root: the private server lives as
// long as the test file, not just the test that first asked for it.
after(async () => (await privateServer)?.stop());

export function tempDir(prefix = 'consult-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => rmSync(dir, {recursive: true, force: true}));
  return dir;
}

/** The database server's URI (no database name). */
export async function testServerUri(): Promise<string> {
  if (process.env.TEST_MONGODB_URI) return process.env.TEST_MONGODB_URI;
  privateServer ??= startEmbeddedDatabase({dataDir: mkdtempSync(path.join(os.tmpdir(), 'consult-db-'))});
  return (await privateServer).uri;
}

/** A fresh, uniquely named database for one test. */
export async function testDatabaseUri(): Promise<string> {
  return `${await testServerUri()}/t_${randomBytes(6).toString('hex')}`;
}

export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: tempDir(),
    MONGODB_URI: await testDatabaseUri(),
    ...overrides,
  });
}

/** Starts the full backend on port 0; stopped (and its database dropped) after the file. */
export async function startTestBackend(overrides: Record<string, string> = {}, opts: {logger?: Logger} = {}): Promise<RunningBackend> {
  const backend = await startBackend(await testConfig(overrides), opts);
  after(async () => {
    await backend.db.dropDatabase().catch(() => {});
    await backend.stop();
  });
  return backend;
}

/** Runs backend/main.ts as its own process (to kill it for real); resolves once it listens. */
export async function spawnBackend(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'backend/main.ts')], {cwd: projectRoot, env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'inherit', 'ipc']});
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: {type: string}) => m.type === 'ready' && resolve());
    child.on('exit', (code) => reject(new Error(`backend exited early (${code})`)));
  });
  return child;
}

/** Polls `fn` every 50 ms until it returns a truthy value, which it returns; fails naming `what`. */
export async function waitFor<T>(what: string, fn: () => T | Promise<T>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
