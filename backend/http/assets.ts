// Serves the built widget scripts from memory with a content-hash ETag, precompressed (brotli,
// gzip) by content negotiation, and static folders (demo pages) from disk with path traversal
// refused.
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {brotliCompressSync, constants as zlib, gzipSync} from 'node:zlib';
import type {Middleware} from 'koa';

/** Content codings a script is kept in, best first. */
const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

interface Asset {
  body: Buffer;
  /** The same bytes precompressed at build (`<name>.js.br`, `.gz`), or at start when missing. */
  encoded: Record<Encoding, Buffer>;
  etag: string;
  hash: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSORS: Record<Encoding, {ext: string; compress: (b: Buffer) => Buffer}> = {
  br: {ext: '.br', compress: (b) => brotliCompressSync(b, {params: {[zlib.BROTLI_PARAM_QUALITY]: 11}})},
  gzip: {ext: '.gz', compress: (b) => gzipSync(b, {level: 9})},
};

function loadAsset(file: string): Asset | undefined {
  if (!existsSync(file)) return undefined;
  const body = readFileSync(file);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  const encoded = {} as Record<Encoding, Buffer>;
  for (const enc of ENCODINGS) {
    const {ext, compress} = COMPRESSORS[enc];
    // A precompressed file older than the script is from an earlier build: compress anew.
    const fresh = existsSync(file + ext) && statSync(file + ext).mtimeMs >= statSync(file).mtimeMs;
    encoded[enc] = fresh ? readFileSync(file + ext) : compress(body);
  }
  // One ETag for every coding: it names the script's content (and its versioned URL).
  return {body, encoded, hash, etag: `"${hash}"`};
}

/**
 * `/<name>.js` is cached for a day and revalidated by ETag; `/<name>.<hash>.js` never changes
 * and is cached for a year. Both come from `distDir`, read once at start.
 */
export function widgetScripts(distDir: string, names: string[]): Middleware {
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const asset = loadAsset(path.join(distDir, `${name}.js`));
    if (!asset) continue;
    assets.set(`/${name}.js`, asset);
    assets.set(`/${name}.${asset.hash}.js`, asset);
  }
  return async function widgetScriptsMiddleware(ctx, next) {
    const asset = ctx.method === 'GET' || ctx.method === 'HEAD' ? assets.get(ctx.path) : undefined;
    if (!asset) {
      if (ctx.method === 'GET' && names.some((n) => ctx.path === `/${n}.js`)) {
        ctx.status = 503;
        ctx.body = {error: {code: 'unavailable', message: `${ctx.path} has not been built; run npm run build`}};
        return;
      }
      return next();
    }
    const immutable = ctx.path.split('.').length > 2;
    ctx.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=86400');
    ctx.set('ETag', asset.etag);
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.vary('Accept-Encoding');
    ctx.type = TYPES['.js'];
    if (ctx.get('If-None-Match') === asset.etag) {
      ctx.status = 304;
      return;
    }
    // Our preference (brotli is smaller) among the codings the client accepts (q > 0).
    const encoding = ENCODINGS.find((enc) => ctx.acceptsEncodings(enc) === enc);
    if (encoding) {
      ctx.set('Content-Encoding', encoding); // also tells the compression middleware to leave it
      ctx.body = asset.encoded[encoding];
    } else {
      ctx.body = asset.body;
    }
  };
}

/** The on-demand parts of <consult-chat> found in `distDir` (`consult-chat-<name>.js`). */
export function widgetParts(distDir: string): string[] {
  if (!existsSync(distDir)) return [];
  return readdirSync(distDir).filter((f) => /^consult-chat-[a-z0-9-]+\.js$/.test(f)).map((f) => f.slice(0, -3));
}

/** Serves files under `dir` at `prefix`; `index.html` for folders. Nothing outside `dir`. */
export function staticFolder(prefix: string, dir: string): Middleware {
  const root = path.resolve(dir);
  return async function staticFolderMiddleware(ctx, next) {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !(ctx.path === prefix || ctx.path.startsWith(`${prefix}/`))) return next();
    if (ctx.path === prefix) return ctx.redirect(`${prefix}/`);
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path.slice(prefix.length));
    } catch {
      return next();
    }
    let file = path.resolve(root, `.${rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) return next();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file) || !statSync(file).isFile()) return next();
    ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = readFileSync(file);
  };
}
