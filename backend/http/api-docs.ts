// The machine-readable API description and its reference page. /api/v1/openapi.json is built
// from the operations table on first request; /api/docs renders it with the OpenAPI renderer's
// prebuilt files, served from our origin under the same strict CSP as every page.
import Router from '@koa/router';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import type {Config} from '../config.js';
import {API_PREFIX} from '../../protocol/rest.js';
import {buildOpenApi} from './openapi.js';
import {mainOrigin} from './pages.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const rendererDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Files the page loads: ours, and the renderer's two prebuilt files. */
const FILES: Record<string, {file: string; type: string}> = {
  'index.html': {file: path.join(here, 'api-docs/index.html'), type: 'text/html; charset=utf-8'},
  'docs.css': {file: path.join(here, 'api-docs/docs.css'), type: 'text/css; charset=utf-8'},
  'init.js': {file: path.join(here, 'api-docs/init.js'), type: 'text/javascript; charset=utf-8'},
  'swagger-ui.css': {file: path.join(rendererDir, 'swagger-ui.css'), type: 'text/css; charset=utf-8'},
  'swagger-ui-bundle.js': {file: path.join(rendererDir, 'swagger-ui-bundle.js'), type: 'text/javascript; charset=utf-8'},
};

export function apiDocsRouter(config: Config): Router {
  const router = new Router();
  const documents = new Map<string, string>();
  const loaded = new Map<string, Buffer>();
  const load = (name: string) => loaded.get(name) ?? loaded.set(name, readFileSync(FILES[name].file)).get(name)!;

  router.get(`${API_PREFIX}/openapi.json`, (ctx) => {
    const origin = mainOrigin(config, ctx);
    if (!documents.has(origin)) documents.set(origin, JSON.stringify(buildOpenApi({serverUrl: origin})));
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = documents.get(origin);
  });
  router.get('/api/docs/:file?', (ctx) => {
    const entry = FILES[ctx.params.file ?? 'index.html'];
    if (!entry) return;
    ctx.type = entry.type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = load(ctx.params.file ?? 'index.html');
  });
  return router;
}
