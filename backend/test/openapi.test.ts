// The OpenAPI document: valid 3.1 by an independent validator, every route of the router in it,
// and every field each route's schema validates described as a parameter or body property.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {validate} from '@readme/openapi-parser';
import {apiRouter} from '../http/api.js';
import {buildOpenApi, inputSchema} from '../http/openapi.js';
import {OPERATIONS} from '../operations/table.js';
import {schemas} from '../../protocol/schemas.js';
import {startTestBackend} from './helpers.js';

const backend = await startTestBackend();
type Body = {schema: {properties: Record<string, Record<string, unknown>>; required?: string[]}};
type Doc = {paths: Record<string, Record<string, {parameters?: {name: string; in: string; required: boolean}[]; requestBody?: {content: Record<string, Body>}; security?: unknown[]; responses: Record<string, {content?: Record<string, unknown>}>}>>};

test('the served document validates as OpenAPI 3.1 with a maintained validator', async () => {
  const res = await fetch(`${backend.url}/api/v1/openapi.json`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const doc = await res.json();
  assert.equal(doc.openapi, '3.1.0');
  const result = await validate(structuredClone(doc));
  assert.equal(result.valid, true, JSON.stringify((result as {errors?: unknown}).errors));
  assert.deepEqual(doc.servers, [{url: `http://localhost:${backend.port}/api/v1`}]);
});

test('a broken document is refused by the same validator (the check can fail)', async () => {
  const doc = buildOpenApi({serverUrl: 'http://x'}) as Doc;
  const [path] = Object.keys(doc.paths);
  (doc.paths[path] as Record<string, unknown>).get = {responses: 'none'};
  const result = await validate(doc as never);
  assert.equal(result.valid, false);
});

test('every route of the router is in the document, and every field its schema validates is described', () => {
  const doc = buildOpenApi({serverUrl: 'http://x'}) as Doc;
  const router = apiRouter(backend.services, backend.config);
  const routes = router.stack.flatMap((l) => l.methods.filter((m) => m !== 'HEAD').map((m) => [m, String(l.path)] as const)).filter(([, p]) => !p.includes('(.*)'));
  assert.ok(routes.length >= 20, `${routes.length} routes`);
  for (const [method, path] of routes) {
    const openApiPath = path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}');
    assert.ok(doc.paths[openApiPath]?.[method.toLowerCase()], `${method} ${path} is missing from the OpenAPI document`);
  }
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    if (!operation.rest) continue;
    assert.ok(operation.input in schemas, `${name}: its route has no input schema`);
    const entry = doc.paths[operation.rest.path.replace(/:(\w+)/g, '{$1}')][operation.rest.method.toLowerCase()];
    const described = new Set([
      ...(entry.parameters ?? []).map((p) => (p.in === 'path' ? operation.rest!.params![p.name] : p.name)),
      // A JSON body, or the text fields of a multipart form.
      ...Object.values(entry.requestBody?.content ?? {}).flatMap((body) => Object.keys(body.schema.properties ?? {})),
    ]);
    for (const field of Object.keys(inputSchema(operation.input).properties ?? {})) {
      const name = operation.rest.queryNames?.[field] ?? field;
      assert.ok(described.has(name) || described.has(field), `${name}: field ${field} of ${operation.rest.method} ${operation.rest.path} is not in the document`);
      // A documented query parameter really fills the field it names.
      if (operation.rest.query && !Object.values(operation.rest.params ?? {}).includes(field)) {
        assert.notEqual(operation.rest.query({[name]: '1'})[field], undefined, `${name} does not reach ${field}`);
      }
    }
    assert.equal(entry.security !== undefined, operation.who === 'public', `${name}: public routes need no token, others do`);
  }
});

test('the document upload is described as a multipart form: the file part, its text fields and the Idempotency-Key header', () => {
  const doc = buildOpenApi({serverUrl: 'http://x'}) as Doc;
  const upload = doc.paths['/conversations/{id}/attachments'].post;
  assert.deepEqual(Object.keys(upload.requestBody!.content), ['multipart/form-data']);
  const form = upload.requestBody!.content['multipart/form-data'].schema;
  assert.deepEqual(Object.keys(form.properties).sort(), ['caption', 'clientId', 'file']);
  assert.equal(form.properties.file.contentMediaType, 'application/octet-stream');
  assert.deepEqual(form.required, ['file'], 'the clientId may come as the Idempotency-Key header instead');
  assert.ok(upload.parameters!.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && !p.required));
  assert.ok(upload.responses['201'], 'answers 201 with the message');
  assert.ok(doc.paths['/conversations/{id}/export'].get.responses['200'].content!['application/zip'], 'the export is a zip');
});

test('/api/docs is served with the strict CSP and loads only files from our origin', async () => {
  const res = await fetch(`${backend.url}/api/docs/`);
  assert.equal(res.status, 200);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /<style|style=/, 'no inline style');
  for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    if (!src[1].startsWith('/')) continue;
    const asset = await fetch(`${backend.url}${src[1]}`);
    assert.equal(asset.status, 200, `${src[1]}`);
    await asset.arrayBuffer();
  }
  assert.equal((await fetch(`${backend.url}/api/docs/../../package.json`)).status, 404);
});
