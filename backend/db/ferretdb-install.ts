// Builds FerretDB v1 (SQLite backend) into .tools/bin when it is missing or was built from
// another version or patch. `go install …@v1.24.2` cannot be used as is: the module proxy refuses
// the version list it asks for, and a module-cache build panics without build/version/version.txt.
// So we build from a pinned go.mod/go.sum (scripts/ferretdb) against a writable copy of the module
// that carries the version file and our patch (scripts/ferretdb/sqlite-pushdown.patch: queries
// served by indexes, updates of one document isolated).
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from '../paths.js';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_PATCH = path.join(projectRoot, 'scripts', 'ferretdb', 'sqlite-pushdown.patch');

export function ferretdbBinary(): string {
  return path.join(projectRoot, '.tools', 'bin', 'ferretdb');
}

/** What a binary is built from (version and patch); kept next to it so a change rebuilds it. */
export function ferretdbBuildId(): string {
  return `${FERRETDB_VERSION}+${createHash('sha256').update(readFileSync(FERRETDB_PATCH)).digest('hex').slice(0, 16)}`;
}

function buildIdFile(): string {
  return `${ferretdbBinary()}.build`;
}

export function installedBuildId(): string | undefined {
  try {
    return readFileSync(buildIdFile(), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Applies the patch to the module copy in `src`, or throws saying why it does not apply. */
export function applyPatch(src: string): void {
  // Outside any repository, so that git applies the paths relative to `src` (not to a
  // repository above it, which would skip them).
  const env = {...process.env, GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(src))};
  try {
    execFileSync('git', ['apply', '--check', FERRETDB_PATCH], {cwd: src, env, stdio: ['ignore', 'pipe', 'pipe']});
  } catch (err) {
    const why = String((err as {stderr?: Buffer}).stderr ?? (err as Error).message).trim();
    throw new Error(`scripts/ferretdb/sqlite-pushdown.patch does not apply to FerretDB ${FERRETDB_VERSION}: ${why}`);
  }
  execFileSync('git', ['apply', FERRETDB_PATCH], {cwd: src, env, stdio: ['ignore', 'pipe', 'pipe']});
  if (!existsSync(path.join(src, 'internal', 'backends', 'sqlite', 'pushdown.go'))) {
    throw new Error(`scripts/ferretdb/sqlite-pushdown.patch was not applied in ${src}`);
  }
}

function makeWritable(dir: string): void {
  execFileSync('chmod', ['-R', 'u+w', dir]);
}

export function ensureFerretdb(log: (line: string) => void = console.log): string {
  const bin = ferretdbBinary();
  const buildId = ferretdbBuildId();
  if (existsSync(bin) && installedBuildId() === buildId) return bin;
  const buildDir = path.join(projectRoot, '.tools', 'ferretdb-build');
  log(existsSync(bin)
    ? `[setup] rebuilding FerretDB ${FERRETDB_VERSION}: scripts/ferretdb/sqlite-pushdown.patch changed since the installed build (about a minute)…`
    : `[setup] building FerretDB ${FERRETDB_VERSION} with Go (first run only, about a minute)…`);
  try {
    rmSync(buildDir, {recursive: true, force: true});
    mkdirSync(buildDir, {recursive: true});
    for (const f of ['go.mod', 'go.sum']) cpSync(path.join(projectRoot, 'scripts', 'ferretdb', f), path.join(buildDir, f));
    const env = {...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local'};
    const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {cwd: buildDir, env}).toString());
    if (info.Version !== FERRETDB_VERSION) throw new Error(`the module proxy gave ${info.Version}, not ${FERRETDB_VERSION}`);
    const src = path.join(buildDir, 'src');
    cpSync(info.Dir, src, {recursive: true});
    makeWritable(src);
    writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    applyPatch(src);
    execFileSync('go', ['mod', 'edit', `-replace=${MODULE}=./src`], {cwd: buildDir, env});
    mkdirSync(path.dirname(bin), {recursive: true});
    // Built next to the old binary and moved over it, so a failed build leaves the old one.
    execFileSync('go', ['build', '-o', `${bin}.new`, `${MODULE}/cmd/ferretdb`], {cwd: buildDir, env, stdio: ['ignore', 'inherit', 'inherit']});
    chmodSync(`${bin}.new`, 0o755);
    renameSync(`${bin}.new`, bin);
    writeFileSync(buildIdFile(), `${buildId}\n`);
  } catch (err) {
    throw new Error(`FerretDB could not be built (is Go installed and the Go module proxy reachable?): ${(err as Error).message}`);
  }
  rmSync(buildDir, {recursive: true, force: true});
  return bin;
}
