// Starts a local MongoDB-compatible server for development and tests: a `mongod` on PATH when
// there is one, else FerretDB v1 on SQLite. Data lives in `dataDir`, so a second start reuses it.
import {spawn, execFileSync, type ChildProcess} from 'node:child_process';
import {mkdirSync, createWriteStream, readFileSync, writeFileSync, rmSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import {ensureFerretdb} from './ferretdb-install.js';

const MMAP_BYTES = 1 << 30;
/** FerretDB answers once its start-up work is done, which includes rebuilding old indexes (see ferretdb-install.ts). */
const FERRETDB_START_MS = 15 * 60_000;

export interface EmbeddedDatabase {
  /** Server URI without a database name; append `/<db>`. */
  readonly uri: string;
  readonly port: number;
  readonly engine: 'mongod' | 'ferretdb';
  readonly pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** Fixed port (to restart on the same address); a free one when omitted. */
  port?: number;
  log?: (line: string) => void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function mongodOnPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v mongod'], {stdio: ['ignore', 'pipe', 'ignore']}).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Resolves once the server answers `ping`, or rejects after `timeoutMs`. */
export async function waitForPing(uri: string, timeoutMs = 30_000, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const why = exited?.();
    if (why) throw new Error(why);
    const conn = mongoose.createConnection(`${uri}/admin`, {serverSelectionTimeoutMS: 500, directConnection: true});
    try {
      await conn.asPromise();
      await conn.db!.admin().ping();
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await conn.close().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`database did not answer ping within ${timeoutMs} ms: ${(lastError as Error)?.message}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server another process of ours already runs on this data folder (e.g. `npm start` while the admin CLI runs). */
async function runningServer(dataDir: string): Promise<EmbeddedDatabase | undefined> {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as {port: number; pid: number; engine: EmbeddedDatabase['engine']};
    if (!isAlive(info.pid)) return undefined;
    const uri = `mongodb://127.0.0.1:${info.port}`;
    await waitForPing(uri, 2_000);
    return {uri, port: info.port, engine: info.engine, pid: info.pid, stop: async () => {}};
  } catch {
    return undefined;
  }
}

export async function startEmbeddedDatabase(opts: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const shared = opts.port === undefined ? await runningServer(opts.dataDir) : undefined;
  if (shared) {
    log(`[db] using the ${shared.engine} already serving ${opts.dataDir} on ${shared.uri}`);
    return shared;
  }
  const port = opts.port ?? (await freePort());
  mkdirSync(opts.dataDir, {recursive: true});
  const mongod = mongodOnPath();
  let child: ChildProcess;
  let engine: EmbeddedDatabase['engine'];
  if (mongod) {
    engine = 'mongod';
    child = spawn(mongod, ['--dbpath', opts.dataDir, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'], {stdio: ['ignore', 'pipe', 'pipe']});
  } else {
    engine = 'ferretdb';
    const bin = ensureFerretdb(log);
    child = spawn(bin, [
      '--handler=sqlite',
      // Reads through a memory map: index pages come from the OS page cache without a copy.
      // Commits reach the OS at once but the disk at checkpoints (synchronous=normal in WAL
      // mode): a killed process loses nothing, a power cut the last moments, as with mongod's
      // default write concern; a flush per commit made each insert 2–6 times slower.
      `--sqlite-url=file:${opts.dataDir}/?_pragma=mmap_size(${MMAP_BYTES})&_pragma=synchronous(normal)`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${opts.dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
      // Filters on dotted paths (e.g. 'sender.id') reach the patched SQLite backend, which
      // serves them from indexes like any other field.
      '--test-enable-nested-pushdown',
    ], {stdio: ['ignore', 'pipe', 'pipe']});
  }
  const logFile = createWriteStream(path.join(opts.dataDir, `${engine}.log`), {flags: 'a'});
  child.stdout!.pipe(logFile);
  child.stderr!.pipe(logFile);
  let exitReason: string | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exitReason = `${engine} exited (code ${code}, signal ${signal}); see ${path.join(opts.dataDir, `${engine}.log`)}`;
    resolve();
  }));
  // A crash of this process must not leave the database behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const uri = `mongodb://127.0.0.1:${port}`;
  const slow = engine === 'mongod' ? undefined : setTimeout(() => log(`[db] ${engine} is still starting: after an engine update it rebuilds the indexes of existing data once (minutes for millions of messages; see ${path.join(opts.dataDir, `${engine}.log`)})`), 10_000);
  try {
    await waitForPing(uri, engine === 'ferretdb' ? FERRETDB_START_MS : 30_000, () => exitReason);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  } finally {
    clearTimeout(slow);
  }
  log(`[db] ${engine} ready on ${uri} (data in ${opts.dataDir})`);
  const serverFile = path.join(opts.dataDir, 'server.json');
  writeFileSync(serverFile, JSON.stringify({port, pid: child.pid, engine}));

  let stopping: Promise<void> | undefined;
  return {
    uri,
    port,
    engine,
    pid: child.pid!,
    stop() {
      stopping ??= (async () => {
        process.removeListener('exit', killOnExit);
        rmSync(serverFile, {force: true});
        if (exitReason) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        logFile.end();
      })();
      return stopping;
    },
  };
}
