// The elements as an npm package: built, packed with `npm pack`, installed from the tarball into
// a fresh consumer project, and type-checked there with tsc (strict, library types checked).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {projectRoot} from '../backend/paths.js';
import {tempDir} from '../backend/test/helpers.js';
import {buildPackage} from '../scripts/build-package.js';

const tsc = path.join(projectRoot, 'node_modules/typescript/bin/tsc');

const GOOD = `import '@consult-chat/elements/consult-chat';
import {ConsultInbox} from '@consult-chat/elements/consult-inbox';

// HTMLElementTagNameMap: the tag names give the element classes.
const chat = document.createElement('consult-chat');
chat.site = 'site_pk_demo';
chat.server = 'https://chat.example-firm.com';
chat.open();
chat.addEventListener('consult-unread', (e) => console.log((e as CustomEvent<{count: number}>).detail.count));
const inbox: ConsultInbox | null = document.querySelector('consult-inbox');
inbox?.openConversation('0123456789abcdef01234567');
document.body.append(chat);
`;

const BAD = `import '@consult-chat/elements/consult-chat';
const chat = document.createElement('consult-chat');
chat.site = 42;
chat.openTheDoor();
`;

function typeCheck(dir: string, file: string): {code: number; out: string} {
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false, types: []},
    files: [file],
  }));
  const r = spawnSync(process.execPath, [tsc, '-p', dir], {cwd: dir, encoding: 'utf8'});
  return {code: r.status ?? 1, out: `${r.stdout}${r.stderr}`};
}

test('a consumer project installs the packed tarball and type-checks against it', {timeout: 300_000}, async () => {
  const pkg = buildPackage();
  const work = tempDir('consult-pack-');
  const [{filename}] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], {cwd: pkg, encoding: 'utf8'}));
  const tarball = path.join(work, filename);
  assert.ok(existsSync(tarball), 'npm pack wrote the tarball');
  const listed = execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8'});
  for (const f of ['package/custom-elements.json', 'package/dist/widget/package/consult-chat.js', 'package/dist/widget/package/consult-chat.d.ts', 'package/dist/widget/package/consult-inbox.d.ts']) {
    assert.ok(listed.includes(f), `${f} is in the tarball`);
  }

  const app = path.join(work, 'consumer');
  mkdirSync(path.join(app, 'src'), {recursive: true});
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({name: 'consumer', private: true, type: 'module', dependencies: {'@consult-chat/elements': `file:${tarball}`}}));
  // From npm's cache first (the repository's own install filled it); the registry only for what is missing.
  const npm = (extra: string[]) => spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...extra], {cwd: app, encoding: 'utf8'});
  let install = npm(['--offline']);
  let mode = 'offline';
  if (install.status !== 0) [install, mode] = [npm(['--prefer-offline']), 'prefer-offline'];
  console.log(`# consumer install: ${mode}`);
  assert.equal(install.status, 0, install.stderr);
  assert.ok(existsSync(path.join(app, 'node_modules/lit/package.json')), 'lit resolved');

  writeFileSync(path.join(app, 'src/main.ts'), GOOD);
  const good = typeCheck(app, 'src/main.ts');
  assert.equal(good.code, 0, good.out);

  writeFileSync(path.join(app, 'src/bad.ts'), BAD);
  const bad = typeCheck(app, 'src/bad.ts');
  assert.notEqual(bad.code, 0, 'wrong uses are caught');
  assert.match(bad.out, /Type 'number' is not assignable to type 'string'/);
  assert.match(bad.out, /Property 'openTheDoor' does not exist on type 'ConsultChat'/);

  const manifest = JSON.parse(readFileSync(path.join(app, 'node_modules/@consult-chat/elements/custom-elements.json'), 'utf8'));
  const tags = manifest.modules.flatMap((m: {declarations?: {tagName?: string}[]}) => (m.declarations ?? []).map((d) => d.tagName).filter(Boolean));
  assert.deepEqual(tags.sort(), ['consult-chat', 'consult-inbox']);
  const chat = manifest.modules.flatMap((m: {declarations?: {tagName?: string}[]}) => m.declarations ?? []).find((d: {tagName?: string}) => d.tagName === 'consult-chat');
  assert.ok(chat.attributes.some((a: {name: string}) => a.name === 'identity-token'));
  assert.ok(chat.events.some((e: {name: string}) => e.name === 'consult-unread'));
  for (const m of manifest.modules) assert.ok(existsSync(path.join(app, 'node_modules/@consult-chat/elements', m.path)), `${m.path} ships`);
});
