// Builds FerretDB v1 (SQLite backend) into .tools/bin when it is missing.
// `go install …@v1.24.2` cannot be used as is: the module proxy refuses the version list it
// asks for, and a module-cache build panics without build/version/version.txt. So we build from
// a pinned go.mod/go.sum (scripts/ferretdb) against a writable copy of the module that carries
// the version file.
import {execFileSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, rmSync, writeFileSync, chmodSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from '../paths.js';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

export function ferretdbBinary(): string {
  return path.join(projectRoot, '.tools', 'bin', 'ferretdb');
}

function makeWritable(dir: string): void {
  execFileSync('chmod', ['-R', 'u+w', dir]);
}

export function ensureFerretdb(log: (line: string) => void = console.log): string {
  const bin = ferretdbBinary();
  if (existsSync(bin)) return bin;
  const buildDir = path.join(projectRoot, '.tools', 'ferretdb-build');
  log(`[setup] building FerretDB ${FERRETDB_VERSION} with Go (first run only, about a minute)…`);
  try {
    rmSync(buildDir, {recursive: true, force: true});
    mkdirSync(buildDir, {recursive: true});
    for (const f of ['go.mod', 'go.sum']) cpSync(path.join(projectRoot, 'scripts', 'ferretdb', f), path.join(buildDir, f));
    const env = {...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local'};
    const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {cwd: buildDir, env}).toString());
    const src = path.join(buildDir, 'src');
    cpSync(info.Dir, src, {recursive: true});
    makeWritable(src);
    writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    execFileSync('go', ['mod', 'edit', `-replace=${MODULE}=./src`], {cwd: buildDir, env});
    mkdirSync(path.dirname(bin), {recursive: true});
    execFileSync('go', ['build', '-o', bin, `${MODULE}/cmd/ferretdb`], {cwd: buildDir, env, stdio: ['ignore', 'inherit', 'inherit']});
    chmodSync(bin, 0o755);
  } catch (err) {
    throw new Error(`FerretDB could not be built (is Go installed and the Go module proxy reachable?): ${(err as Error).message}`);
  }
  rmSync(buildDir, {recursive: true, force: true});
  return bin;
}
