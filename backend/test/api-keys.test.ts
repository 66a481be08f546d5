// Firm API keys: shown once, stored hashed, scoped, firm-bound, and a revocation made on one
// process is refused by the next call on another process sharing the database.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startBackend} from '../server.js';
import {lawyerLogin, startChatFixture} from './chat-fixture.js';
import {testConfig} from './helpers.js';
import {after} from 'node:test';

const f = await startChatFixture();
// A second process on the same database (what a second replica behind the load balancer is).
const second = await startBackend(Object.freeze({...(await testConfig({JWT_SECRET: f.jwtSecret})), MONGODB_URI: f.backend.config.MONGODB_URI}));
after(() => second.stop());
const owner = await lawyerLogin(f);
const asOwner = {authorization: `Bearer ${owner.token}`, origin: f.url, 'content-type': 'application/json'};
const api = (base: string, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${base}/api/v1${path}`, {...init, headers: {authorization: `Bearer ${token}`, 'content-type': 'application/json'}});

test('a key is shown once and stored only as a hash', async () => {
  const res = await fetch(`${f.url}/api/v1/api-keys`, {method: 'POST', headers: asOwner, body: JSON.stringify({name: 'Case system', scope: 'read'})});
  assert.equal(res.status, 201);
  const {key, secret} = await res.json();
  assert.match(secret, /^ck_[A-Za-z0-9_-]{43}$/);
  assert.equal(key.name, 'Case system');
  assert.ok(secret.startsWith(key.prefix));
  const list = await (await fetch(`${f.url}/api/v1/api-keys`, {headers: asOwner})).json();
  assert.ok(!JSON.stringify(list).includes(secret), 'the list never shows the secret');
  const stored = await f.backend.services.models.ApiKey.find().lean();
  assert.ok(!JSON.stringify(stored).includes(secret), 'the database holds no secret');
  assert.equal((await api(f.url, '/conversations', secret)).status, 200);
});

test('scope: a read key reads, a read-write key writes, neither manages keys', async () => {
  const make = async (scope: string) => (await (await fetch(`${f.url}/api/v1/api-keys`, {method: 'POST', headers: asOwner, body: JSON.stringify({name: scope, scope})})).json()).secret as string;
  const read = await make('read');
  const write = await make('read-write');
  const lawyers = await (await api(f.url, '/lawyers', read)).json();
  assert.equal(lawyers.lawyers.length, 1);
  assert.equal((await api(f.url, '/api-keys', read)).status, 403);
  assert.equal((await api(f.url, '/api-keys', write, {method: 'POST', body: JSON.stringify({name: 'x', scope: 'read'})})).status, 403);
  const refused = await api(f.url, `/conversations/${'0'.repeat(24)}/close`, read, {method: 'POST', body: '{}'});
  assert.equal(refused.status, 403);
  assert.match((await refused.json()).error.message, /read-only/);
  assert.equal((await api(f.url, `/conversations/${'0'.repeat(24)}/close`, write, {method: 'POST', body: '{}'})).status, 404, 'a write key gets past the scope check');
});

test('revoking on one process refuses the key at once on another', async () => {
  const {key, secret} = await (await fetch(`${f.url}/api/v1/api-keys`, {method: 'POST', headers: asOwner, body: JSON.stringify({name: 'soon revoked', scope: 'read-write'})})).json();
  assert.equal((await api(second.url, '/me', secret)).status, 200, 'works on the second process');
  assert.equal((await fetch(`${f.url}/api/v1/api-keys/${key.id}`, {method: 'DELETE', headers: asOwner})).status, 200);
  const res = await api(second.url, '/me', secret);
  assert.equal(res.status, 401);
  assert.match((await res.json()).error.message, /revoked/);
  const list = (await (await fetch(`${f.url}/api/v1/api-keys`, {headers: asOwner})).json()).keys;
  assert.ok(list.find((k: {id: string}) => k.id === key.id).revokedAt);
});

test('keys are firm-bound (sockets refuse them: see the authorization matrix); a forged key is refused', async () => {
  assert.equal((await api(f.url, '/me', 'ck_' + 'A'.repeat(43))).status, 401);
  const {secret} = await (await fetch(`${f.url}/api/v1/api-keys`, {method: 'POST', headers: asOwner, body: JSON.stringify({name: 'firm', scope: 'read'})})).json();
  const me = await (await api(f.url, '/me', secret)).json();
  assert.equal(me.principal.firmId, f.firmId);
  assert.equal(me.principal.role, 'lawyer', 'a key never has owner powers');
});
