// Installs what the commands need on a fresh machine: the embedded database and Chromium.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {ensureFerretdb} from '../backend/db/ferretdb-install.js';
import {projectRoot} from '../backend/paths.js';

export function log(line: string): void {
  console.log(line);
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], {stdio: 'ignore'}).status === 0;
}

/** FerretDB is only needed when neither MONGODB_URI nor a mongod on PATH is there. */
export function ensureDatabase(): void {
  if (process.env.MONGODB_URI || onPath('mongod')) return;
  ensureFerretdb(log);
}

const CHROME_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Returns a Chromium executable, installing Debian's package when we are root and it is missing. */
export function ensureChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CHROME_CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium was not found. Install it (Debian: apt-get install chromium) or set CHROME_PATH to a Chrome/Chromium executable.');
  }
  log('[setup] installing Chromium from apt (first run only)…');
  execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit'});
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  return CHROME_CANDIDATES.find((p) => existsSync(p)) ?? (() => {
    throw new Error('apt-get installed chromium but no executable was found');
  })();
}

/** Redis for the multi-process tests, from Debian's package when we are root. */
export function ensureRedis(): string | undefined {
  if (onPath('redis-server')) return 'redis-server';
  if (process.getuid?.() !== 0) return undefined;
  log('[setup] installing redis-server from apt (first run only)…');
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  return onPath('redis-server') ? 'redis-server' : undefined;
}

export function buildWidgets(): void {
  const r = spawnSync(process.execPath, [`${projectRoot}/node_modules/rollup/dist/bin/rollup`, '-c', 'rollup.config.mjs', '--silent'], {cwd: projectRoot, stdio: 'inherit'});
  if (r.status !== 0) throw new Error('npm run build failed');
}
