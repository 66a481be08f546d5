// The pages npm start serves: security headers, the partner page and its identity token, the
// embed instructions, and the console's two REST additions (lawyers, applicant presence).
import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import jwt from 'jsonwebtoken';
import {startBackend} from '../server.js';
import {seedDemo} from '../demo/seed.js';
import {DEMO_IDENTITY} from '../http/pages.js';
import {testConfig} from './helpers.js';
import {applicantSession, call, connect, connected, post} from './chat-fixture.js';
import type {ConversationListResponse, LawyerListResponse, LoginResponse} from '../../protocol/rest.js';

const config = await testConfig();
const backend = await startBackend(config);
after(async () => {
  await backend.db.dropDatabase().catch(() => {});
  await backend.stop();
});
const seed = await seedDemo(backend.services, config, backend.port);
const main = `http://localhost:${backend.port}`;
const partner = `http://127.0.0.1:${backend.port}`;

function assertPageHeaders(res: Response, path: string): string {
  const policy = res.headers.get('content-security-policy') ?? '';
  assert.ok(policy, `${path}: a CSP`);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/, `${path}: no unsafe sources`);
  assert.match(policy, /script-src 'self'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.match(policy, /object-src 'none'/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
  return policy;
}

describe('demo and console pages', () => {
  it('serve the firm site with the two-line snippet, under a strict CSP', async () => {
    const res = await fetch(`${main}/demo/`);
    assert.equal(res.status, 200);
    assertPageHeaders(res, '/demo/');
    const html = await res.text();
    assert.ok(html.includes('<script src="/consult-chat.js" defer></script>\n  <consult-chat site="site_pk_demo_harborvale"></consult-chat>'));
    assert.doesNotMatch(html, /<style|style=|<script>(?!<\/script>)|<script(?![^>]*\ssrc=)/, 'no inline style or script');
  });

  it('serve the console with <consult-inbox>, no referrer', async () => {
    const res = await fetch(`${main}/console/`);
    assert.equal(res.status, 200);
    assertPageHeaders(res, '/console/');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    const html = await res.text();
    assert.match(html, /<script src="\/consult-inbox\.js" defer><\/script>/);
    assert.match(html, /<consult-inbox><\/consult-inbox>/);
  });

  it('render the partner page on the other origin with the main origin allowed and a valid identity token', async () => {
    const res = await fetch(`${partner}/demo/partner.html`);
    assert.equal(res.status, 200);
    const policy = assertPageHeaders(res, '/demo/partner.html');
    assert.match(policy, new RegExp(`script-src 'self' ${main}`));
    assert.match(policy, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${backend.port} ${main} ws://localhost:${backend.port}`));
    const html = await res.text();
    assert.ok(html.includes(`<script src="${main}/consult-chat.js" defer></script>`));
    assert.doesNotMatch(html, /\{\{/, 'every placeholder filled');
    const token = /identity-token="([^"]+)"/.exec(html)?.[1];
    assert.ok(token);
    const claims = jwt.verify(token, seed.identitySecret, {algorithms: ['HS256']}) as jwt.JwtPayload;
    assert.equal(claims.email, DEMO_IDENTITY.email);
    assert.ok(claims.exp! - claims.iat! <= 3600, 'short-lived');
  });

  it('sign a demo identity token that opens a verified session from the partner origin', async () => {
    const {token} = (await (await fetch(`${main}/demo/identity-token`)).json()) as {token: string};
    const session = await applicantSession({url: main, siteKey: seed.siteKey}, {identityToken: token}, partner);
    assert.equal(session.applicant.verified, true);
    assert.equal(session.applicant.name, DEMO_IDENTITY.name);
    assert.equal(session.applicant.email, DEMO_IDENTITY.email);
  });

  it('render the embed instructions from the firm’s settings, escaped', async () => {
    const {siteKey} = await backend.services.firms.createFirm({name: 'Smith <b>& "Co"</b>', allowedOrigins: ['https://smith.example']});
    const res = await fetch(`${main}/demo/embed?site=${siteKey}`);
    assert.equal(res.status, 200);
    assertPageHeaders(res, '/demo/embed');
    const html = await res.text();
    assert.ok(html.includes('Smith &lt;b&gt;&amp; &quot;Co&quot;&lt;/b&gt;'));
    assert.ok(!html.includes('<b>&'));
    assert.ok(html.includes(`&lt;script src=&quot;${main}/consult-chat.js&quot; defer&gt;&lt;/script&gt;`));
    assert.ok(html.includes(`&lt;consult-chat site=&quot;${siteKey}&quot;&gt;`));
    assert.ok(html.includes('<li><code>https://smith.example</code></li>'));
    assert.ok(html.includes(`connect-src ${main} ws://localhost:${backend.port}`));
    assert.equal((await fetch(`${main}/demo/embed?site=site_pk_nope`)).status, 404);
  });

  it('do not exist in production, and the partner template is never served raw', async () => {
    const prodConfig = await testConfig({NODE_ENV: 'production'});
    const prod = await startBackend(prodConfig);
    try {
      await seedDemo(prod.services, prodConfig, prod.port);
      for (const path of ['/demo/identity-token', '/demo/partner.html', '/demo/partner', '/demo/embed']) {
        const res = await fetch(`${prod.url}${path}`);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(await res.text(), /\{\{|eyJ/, `${path}: no template, no token`);
      }
      assert.equal((await fetch(`${prod.url}/console/`)).status, 200, 'the console stays');
    } finally {
      await prod.db.dropDatabase().catch(() => {});
      await prod.stop();
    }
  });
});

async function demoLogin(): Promise<LoginResponse> {
  const res = await post<LoginResponse>(`${main}/api/v1/auth/login`, {email: seed.lawyer.email, password: seed.lawyer.password}, {origin: main});
  assert.equal(res.status, 200);
  return res.body;
}

describe('console REST additions', () => {
  it('list the firm’s lawyers with presence, for lawyers only', async () => {
    const res = await demoLogin();
    const auth = {authorization: `Bearer ${res.token}`, origin: main};
    let list = (await (await fetch(`${main}/api/v1/lawyers`, {headers: auth})).json()) as LawyerListResponse;
    assert.deepEqual(list.lawyers.map((l) => [l.email, l.online]), [[seed.lawyer.email, false]]);
    assert.ok(!('passwordHash' in list.lawyers[0]));
    const socket = connect(main, res.token, main);
    await connected(socket);
    list = (await (await fetch(`${main}/api/v1/lawyers`, {headers: auth})).json()) as LawyerListResponse;
    assert.equal(list.lawyers[0].online, true);
    socket.disconnect();

    const applicant = await applicantSession({url: main, siteKey: seed.siteKey}, {}, main);
    const refused = await fetch(`${main}/api/v1/lawyers`, {headers: {authorization: `Bearer ${applicant.token}`, origin: main}});
    assert.equal(refused.status, 403);
  });

  it('mark each conversation’s applicant online or not', async () => {
    const login = await demoLogin();
    const auth = {authorization: `Bearer ${login.token}`, origin: main};
    const applicant = await applicantSession({url: main, siteKey: seed.siteKey}, {}, main);
    const socket = connect(main, applicant.token, main);
    await connected(socket);
    const opened = await call(socket, 'conversation:open', {});
    assert.ok(opened.ok);
    const onlineOf = async () => {
      const body = (await (await fetch(`${main}/api/v1/conversations?status=all`, {headers: auth})).json()) as ConversationListResponse;
      return body.conversations.find((c) => c.applicant.id === applicant.applicant.id)?.online;
    };
    assert.equal(await onlineOf(), true);
    socket.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await onlineOf(), false);
  });
});
