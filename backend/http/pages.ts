// The pages `npm start` serves besides the API: the lawyer console, the demo law-firm site, a
// partner firm's page (the cross-origin embed), and the embed instructions. Each page gets a
// strict CSP (no inline script or style) and may not be framed.
import Router from '@koa/router';
import type {Middleware, ParameterizedContext} from 'koa';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type {Config} from '../config.js';
import type {TransportServices} from '../services/index.js';
import {DEMO_SITE_KEY} from '../demo/seed.js';
import {AppError} from '../errors.js';
import {escapeHtml} from '../html.js';

/** The logged-in applicant the partner page pretends to have. */
export const DEMO_IDENTITY = {email: 'maria.santos@example.com', name: 'Maria Santos'};


/** `ws://host` for `http://host`, `wss://host` for `https://host`. */
export function socketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/**
 * The backend's canonical origin: PUBLIC_URL, unless it was derived from PORT=0 (tests, ad-hoc
 * runs), in which case `localhost` on the port this request came in on.
 */
export function mainOrigin(config: Pick<Config, 'PUBLIC_URL'>, ctx: Pick<ParameterizedContext, 'protocol' | 'host'>): string {
  const pub = new URL(config.PUBLIC_URL);
  if (pub.port !== '0') return pub.origin;
  const port = /:(\d+)$/.exec(ctx.host)?.[1];
  return `${ctx.protocol}://localhost${port ? `:${port}` : ''}`;
}

interface CspSources {
  script?: string[];
  connect?: string[];
}

export function csp(selfOrigin: string, extra: CspSources = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self'${extra.script?.length ? ` ${extra.script.join(' ')}` : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${socketOrigin(selfOrigin)}${extra.connect?.length ? ` ${extra.connect.join(' ')}` : ''}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** This request's own origin, from the Host header the server answered on. */
export function selfOrigin(ctx: Pick<ParameterizedContext, 'protocol' | 'host'>): string {
  return `${ctx.protocol}://${ctx.host}`;
}

/** Headers for the HTML pages under the given prefixes; a route may set its own CSP first. */
export function pageSecurityHeaders(prefixes: string[]): Middleware {
  return async function pageSecurityHeadersMiddleware(ctx, next) {
    await next();
    if (!prefixes.some((p) => ctx.path === p || ctx.path.startsWith(`${p}/`))) return;
    if (!ctx.response.is('html')) return;
    if (!ctx.response.get('Content-Security-Policy')) ctx.set('Content-Security-Policy', csp(selfOrigin(ctx)));
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', ctx.path.startsWith('/console') ? 'no-referrer' : 'strict-origin-when-cross-origin');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  };
}

/** Signs a demo identity token the way a host site's own backend would (HS256, short-lived). */
export function signDemoIdentity(identitySecret: string, identity = DEMO_IDENTITY): {token: string; expiresAt: string} {
  const ttl = 60 * 60;
  const token = jwt.sign(identity, identitySecret, {algorithm: 'HS256', expiresIn: ttl});
  return {token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString()};
}

/**
 * Development-only routes: the identity-token endpoint, the partner page that uses it, and the
 * embed instructions. In production none of them exists (the demo firm's secret stays put).
 */
export function demoRouter(services: TransportServices, config: Config, demoDir: string): Router {
  const router = new Router();
  if (config.NODE_ENV === 'production') {
    // Shadow the static files too: the partner template must not be served raw.
    router.get(['/demo/identity-token', '/demo/partner', '/demo/partner.html', '/demo/embed'], () => {
      throw new AppError('not_found', 'the demo pages exist only in development');
    });
    return router;
  }
  const partnerTemplate = () => readFileSync(path.join(demoDir, 'partner.html'), 'utf8');

  async function demoFirm(siteKey = DEMO_SITE_KEY) {
    const firm = await services.firms.findBySiteKey(siteKey);
    if (!firm) throw new AppError('not_found', 'no firm with this site key; run npm start to seed the demo firm');
    return firm;
  }

  router.get('/demo/identity-token', async (ctx) => {
    const firm = await demoFirm();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {...signDemoIdentity(firm.identitySecret), identity: DEMO_IDENTITY};
  });

  router.get(['/demo/partner', '/demo/partner.html'], async (ctx) => {
    const firm = await demoFirm();
    const main = mainOrigin(config, ctx);
    const {token} = signDemoIdentity(firm.identitySecret);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', csp(selfOrigin(ctx), {script: [main], connect: [main, socketOrigin(main)]}));
    ctx.type = 'html';
    ctx.body = partnerTemplate()
      .replaceAll('{{MAIN_ORIGIN}}', escapeHtml(main))
      .replaceAll('{{SITE_KEY}}', escapeHtml(firm.siteKey))
      .replaceAll('{{IDENTITY_TOKEN}}', escapeHtml(token))
      .replaceAll('{{IDENTITY_NAME}}', escapeHtml(DEMO_IDENTITY.name))
      .replaceAll('{{IDENTITY_EMAIL}}', escapeHtml(DEMO_IDENTITY.email));
  });

  router.get('/demo/embed', async (ctx) => {
    const site = typeof ctx.query.site === 'string' ? ctx.query.site.slice(0, 100) : undefined;
    const firm = await demoFirm(site);
    const main = mainOrigin(config, ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = embedPage({firmName: firm.name, siteKey: firm.siteKey, origins: firm.allowedOrigins, main});
  });
  return router;
}

export function embedPage(p: {firmName: string; siteKey: string; origins: string[]; main: string}): string {
  const e = escapeHtml;
  const snippet = `<script src="${p.main}/consult-chat.js" defer></script>\n<consult-chat site="${p.siteKey}"></consult-chat>`;
  const cspLines = `script-src ${p.main}\nconnect-src ${p.main} ${socketOrigin(p.main)}`;
  const identity = `// On your server, for a signed-in client (Node.js, jsonwebtoken):
const token = jwt.sign({email: user.email, name: user.name}, IDENTITY_SECRET, {algorithm: 'HS256', expiresIn: '1h'});
// then render: <consult-chat site="${p.siteKey}" identity-token="\${token}"></consult-chat>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Embed the chat · ${e(p.firmName)}</title>
  <link rel="stylesheet" href="/demo/assets/embed.css">
</head>
<body>
  <main>
    <p class="eyebrow">Consult Chat · installation</p>
    <h1>Add the chat to ${e(p.firmName)}’s website</h1>
    <section>
      <h2>1. Paste the snippet</h2>
      <p>Put these two lines just before <code>&lt;/body&gt;</code> on every page where visitors should be able to reach you.</p>
      <pre><code>${e(snippet)}</code></pre>
    </section>
    <section>
      <h2>2. Pages allowed to use it</h2>
      <p>The chat only opens on these origins. Ask us to add any other domain you use (staging, a partner’s site).</p>
      <ul class="origins">${p.origins.map((o) => `<li><code>${e(o)}</code></li>`).join('')}</ul>
    </section>
    <section>
      <h2>3. If your site sends a Content-Security-Policy</h2>
      <p>Add the chat server to these two directives. Nothing else is needed: the widget uses no inline scripts or styles.</p>
      <pre><code>${e(cspLines)}</code></pre>
    </section>
    <section>
      <h2>4. Optional: recognise signed-in clients</h2>
      <p>Sign a short-lived token with the identity secret we gave you, and the lawyer sees the client’s verified name and email.</p>
      <pre><code>${e(identity)}</code></pre>
    </section>
  </main>
</body>
</html>`;
}
