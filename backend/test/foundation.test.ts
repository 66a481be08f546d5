import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import http from 'node:http';
import {brotliDecompressSync, gunzipSync} from 'node:zlib';
import path from 'node:path';
import {projectRoot} from '../paths.js';
import {loadConfig, ConfigError} from '../config.js';
import {startTestBackend, testDatabaseUri, tempDir} from './helpers.js';

test('health, readiness and the widget script are served', async () => {
  const backend = await startTestBackend();
  const health = await fetch(`${backend.url}/healthz`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), {status: 'ok'});

  const ready = await fetch(`${backend.url}/readyz`);
  assert.equal(ready.status, 200);

  const script = await fetch(`${backend.url}/consult-chat.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type') ?? '', /javascript/);
  const etag = script.headers.get('etag');
  assert.match(etag ?? '', /^"[\w-]{16}"$/);
  assert.match(script.headers.get('cache-control') ?? '', /max-age=86400/);
  const code = await script.text();
  assert.ok(code.includes('consult-chat'), 'bundle defines the element');
  assert.doesNotMatch(code.slice(0, 200), /^\s*import\s/m, 'classic script, no imports');

  const revalidated = await fetch(`${backend.url}/consult-chat.js`, {headers: {'If-None-Match': etag!}});
  assert.equal(revalidated.status, 304);

  const hashed = await fetch(`${backend.url}/consult-chat.${etag!.slice(1, -1)}.js`);
  assert.equal(hashed.status, 200);
  assert.match(hashed.headers.get('cache-control') ?? '', /immutable/);
});

test('unknown routes and malformed JSON get clear JSON errors and the server keeps serving', async () => {
  const backend = await startTestBackend();
  const missing = await fetch(`${backend.url}/nope`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, 'not_found');

  const bad = await fetch(`${backend.url}/healthz`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"a":'});
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), {error: {code: 'bad_request', message: 'request body is not valid JSON'}});
  const big = await fetch(`${backend.url}/healthz`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({a: 'x'.repeat(100_000)})});
  assert.equal(big.status, 413);
  assert.equal((await big.json()).error.code, 'payload_too_large');

  const traversal = await fetch(`${backend.url}/demo/..%2f..%2fpackage.json`);
  assert.equal(traversal.status, 404);

  assert.equal((await fetch(`${backend.url}/healthz`)).status, 200);
});

test('configuration errors name the bad variable', () => {
  assert.throws(() => loadConfig({PORT: 'eighty'}), (err: unknown) => err instanceof ConfigError && /PORT/.test(err.message));
  assert.throws(() => loadConfig({MONGODB_URI: 'postgres://x'}), (err: unknown) => err instanceof ConfigError && /MONGODB_URI/.test(err.message));
  assert.throws(() => loadConfig({NODE_ENV: 'production', DATA_DIR: tempDir()}), (err: unknown) => err instanceof ConfigError && /JWT_SECRET/.test(err.message));
  const dataDir = tempDir();
  const first = loadConfig({DATA_DIR: dataDir});
  const second = loadConfig({DATA_DIR: dataDir});
  assert.equal(first.JWT_SECRET, second.JWT_SECRET, 'development secret is generated once and kept');
});

test('backend/main.ts starts, serves and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'backend/main.ts')], {
    cwd: projectRoot,
    env: {...process.env, PORT: '0', MONGODB_URI: await testDatabaseUri(), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test'},
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const ready = await new Promise<{url: string}>((resolve, reject) => {
    child.on('message', (m: {type: string; url: string}) => m.type === 'ready' && resolve(m));
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
  });
  assert.equal((await fetch(`${ready.url}/readyz`)).status, 200);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exit, 0, stderr);
});

/** Raw GET: the bytes as they travel, with the headers, no decoding. */
function rawGet(url: string, headers: Record<string, string>): Promise<{status: number; headers: http.IncomingHttpHeaders; body: Buffer}> {
  return new Promise((resolve, reject) => {
    http.get(url, {headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}));
    }).on('error', reject);
  });
}

test('scripts go out precompressed by content negotiation; pages and JSON are compressed', async () => {
  const backend = await startTestBackend();
  const plain = await rawGet(`${backend.url}/consult-chat.js`, {'Accept-Encoding': 'identity'});
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(String(plain.headers.vary), /Accept-Encoding/i);
  const br = await rawGet(`${backend.url}/consult-chat.js`, {'Accept-Encoding': 'gzip, deflate, br'});
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(String(br.headers.vary), /Accept-Encoding/i);
  assert.equal(br.headers.etag, plain.headers.etag);
  assert.ok(brotliDecompressSync(br.body).equals(plain.body), 'brotli decodes to the script');
  const gz = await rawGet(`${backend.url}/consult-chat.js`, {'Accept-Encoding': 'gzip'});
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(plain.body), 'gzip decodes to the script');
  for (const variant of [br, gz]) assert.ok(variant.body.length <= 30 * 1024, `${variant.headers['content-encoding']}: ${variant.body.length} bytes on the wire`);
  assert.ok(br.body.length < plain.body.length / 2);

  const page = await rawGet(`${backend.url}/demo/`, {'Accept-Encoding': 'gzip'});
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-encoding'], 'gzip');
  assert.match(gunzipSync(page.body).toString(), /<consult-chat/);
  const pagePlain = await rawGet(`${backend.url}/demo/`, {});
  assert.equal(pagePlain.headers['content-encoding'], undefined, 'no Accept-Encoding, no coding');
});
