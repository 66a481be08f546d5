// `npm run build:package`: the elements as an npm package in packages/elements/: ES modules and
// .d.ts compiled from widget/ by tsc, and custom-elements.json made by the manifest analyzer
// from the elements' JSDoc, its paths pointing at the shipped .js files.
import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from '../backend/paths.js';

const pkg = path.join(projectRoot, 'packages/elements');
const bin = (name: string) => path.join(projectRoot, 'node_modules/.bin', name);

export function buildPackage(): string {
  rmSync(path.join(pkg, 'dist'), {recursive: true, force: true});
  execFileSync(bin('tsc'), ['-p', 'tsconfig.package.json'], {cwd: projectRoot, stdio: 'inherit'});
  // Request types derive from the zod schemas; the schemas themselves are never loaded by the elements.
  rmSync(path.join(pkg, 'dist/protocol/schemas.js'));

  // The analyzer takes its output folder relative to the working directory.
  const outRel = 'node_modules/.cache/cem';
  const out = path.join(projectRoot, outRel);
  execFileSync(bin('cem'), ['analyze', '--litelement', '--outdir', outRel, '--globs',
    'widget/consult-chat/consult-chat.ts', 'widget/consult-chat/index.ts', 'widget/consult-inbox/consult-inbox.ts',
    'widget/consult-inbox/index.ts', 'widget/shared/element-base.ts', 'widget/package/*.ts'], {cwd: projectRoot, stdio: 'ignore'});
  const manifest = JSON.parse(readFileSync(path.join(out, 'custom-elements.json'), 'utf8').replace(/"\/?widget\/([\w/-]+)\.ts"/g, '"dist/widget/$1.js"'));
  rmSync(out, {recursive: true, force: true});
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      // Internal reactive state is not an attribute; `type` is the emit helper's parameter, not an event.
      if (d.attributes) d.attributes = d.attributes.filter((a: {name: string}) => /^[a-z-]+$/.test(a.name));
      if (d.events) d.events = d.events.filter((e: {name?: string}) => e.name && e.name !== 'type');
    }
  }
  const file = path.join(pkg, 'custom-elements.json');
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return pkg;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildPackage();
  console.log('packages/elements: dist/ and custom-elements.json written');
}
