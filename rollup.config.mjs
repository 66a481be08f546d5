// Bundles each custom element into ONE classic script (IIFE): no imports, safe as <script defer>.
import typescript from '@rollup/plugin-typescript';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import {brotliCompressSync, constants as zlib, gzipSync} from 'node:zlib';

/** Prints each bundle's raw and gzip size after it is written. */
function reportSize() {
  return {
    name: 'report-size',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gz = gzipSync(chunk.code, {level: 9}).length;
        console.log(`${chunk.fileName}: ${(chunk.code.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip`);
      }
    },
  };
}

/**
 * Collapses the whitespace and comments of Lit css`` templates (terser leaves template text
 * alone) so the stylesheets weigh less in the widget's gzip budget. Our own sources only, and
 * only literals without ${}.
 */
export function minifyCss(code) {
  return code.replace(/\bcss\s*`([^`$]*)`/g, (_, body) => 'css`' + body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .replace(/: /g, ':')
    .trim() + '`');
}

/** Writes `<file>.br` and `<file>.gz` next to each bundle: the server sends them as they are. */
function precompress() {
  return {
    name: 'precompress',
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        writeFileSync(`${options.file}.br`, brotliCompressSync(chunk.code, {params: {[zlib.BROTLI_PARAM_QUALITY]: 11}}));
        writeFileSync(`${options.file}.gz`, gzipSync(chunk.code, {level: 9}));
      }
    },
  };
}

function cssTemplates() {
  return {
    name: 'css-templates',
    transform(code, id) {
      if (id.includes('node_modules') || !/\bcss\s*`/.test(code)) return null;
      return {code: minifyCss(code), map: null};
    },
  };
}

/**
 * The elements connect with the websocket and polling transports only; engine.io-client's
 * WebTransport transport is replaced by a stub so its code stays out of the bundle.
 */
function withoutWebTransport() {
  const STUB = '\0consult-webtransport-stub';
  return {
    name: 'without-webtransport',
    resolveId(source, importer) {
      if (source === './webtransport.js' && importer && importer.includes('engine.io-client')) return STUB;
      return null;
    },
    load(id) {
      if (id !== STUB) return null;
      return 'export class WT { constructor() { throw new Error("WebTransport is not used"); } }';
    },
  };
}

const element = (name) => ({
  input: `widget/${name}/index.ts`,
  output: {file: `dist/${name}.js`, format: 'iife', sourcemap: false},
  plugins: [
    withoutWebTransport(),
    nodeResolve({browser: true, exportConditions: ['browser', 'production']}),
    typescript({tsconfig: './tsconfig.build.json', compilerOptions: {noEmit: false, declaration: false}, noEmitOnError: true}),
    cssTemplates(),
    terser({ecma: 2020, module: false, format: {comments: false}, compress: {passes: 2}}),
    reportSize(),
    precompress(),
  ],
});

/**
 * On-demand parts of <consult-chat> (widget/parts/<name>/index.ts → dist/consult-chat-<name>.js,
 * loaded by shared/parts.ts). They take Lit from the main bundle through a global, so they may
 * import from 'lit' only (not 'lit/…' subpaths, which would bring a second copy of lit-html).
 */
const part = (name) => ({
  ...element(`parts/${name}`),
  input: `widget/parts/${name}/index.ts`,
  external: ['lit'],
  output: {file: `dist/consult-chat-${name}.js`, format: 'iife', sourcemap: false, globals: {lit: '__consultLit'}},
});
const parts = existsSync('widget/parts') ? readdirSync('widget/parts').filter((d) => existsSync(`widget/parts/${d}/index.ts`)) : [];

export default [element('consult-chat'), element('consult-inbox'), ...parts.map(part)];
