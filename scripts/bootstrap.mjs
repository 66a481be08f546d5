#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run bench`. Dependency-free on purpose:
// it runs before node_modules exists, installs what is missing, then hands over to TypeScript.
import {spawnSync, spawn} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {cwd: root, stdio: 'inherit', ...opts});
  if (r.error) throw r.error;
  if (r.status !== 0) {
    console.error(`[setup] '${cmd} ${args.join(' ')}' failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

/** Installs packages when node_modules is missing or was installed from another lockfile. */
function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.consult-lock-hash');
  const hash = createHash('sha256').update(readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return;
  // `npm install` rather than `npm ci`: with this machine's npm settings (lockfile without
  // resolved URLs) `npm ci` refuses the lock over rollup's optional platform packages, while
  // `npm install` installs exactly the locked versions and leaves the lock unchanged.
  console.log('[setup] installing npm packages (npm install from package-lock.json)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
  writeFileSync(marker, hash);
}

ensureNodeModules();
const tsxArgs = ['--import', 'tsx', path.join(root, 'scripts', `${command}.ts`), ...process.argv.slice(3)];
const child = spawn(process.execPath, tsxArgs, {cwd: root, stdio: 'inherit'});
// Ctrl-C reaches the whole process group; the child does its own orderly shutdown.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
