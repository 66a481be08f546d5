// A @web/test-runner plugin that runs the REAL backend for the browser tests: startBackend() on
// port 0 against TEST_MONGODB_URI with a fresh database, seeded firms whose allowlist holds the
// test page's origin, a TCP proxy between the page and the backend that tests can cut and
// restore (a real network cut), a lawyer driven from Node over a real Socket.IO connection, and
// a strict-CSP page that embeds the built dist/consult-chat.js the way a host site does.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import type {Middleware} from 'koa';
import jwt from 'jsonwebtoken';
import {io as ioClient, type Socket} from 'socket.io-client';
import {loadConfig} from '../../backend/config.js';
import {startBackend, type RunningBackend} from '../../backend/server.js';
import {projectRoot} from '../../backend/paths.js';
import type {ClientToServerEvents, ServerToClientEvents} from '../../protocol/events.js';
import type {MessageDto, ReceiptEvent, TypingEvent, JoinResult} from '../../protocol/chat.js';
import type {Ack} from '../../protocol/errors.js';
import type {LoginResponse} from '../../protocol/rest.js';
import type {BackendInfo, Commands} from './commands.js';

type LawyerSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const LAWYER_PASSWORD = 'correct horse battery staple';

/** Seeds what the tests need through the backend's own services (as the admin CLI does). */
async function seed(backend: RunningBackend, pageOrigins: string[]) {
  const firms = backend.services.firms;
  const main = await firms.createFirm({name: 'Avery & Stone', allowedOrigins: pageOrigins, accent: '#1f4e79', greeting: 'Hello! How can we help with your case?'});
  const prechat = await firms.createFirm({name: 'Prechat LLP', allowedOrigins: pageOrigins, prechat: {enabled: true, requireEmail: true, topics: ['Family', 'Immigration']}});
  const elsewhere = await firms.createFirm({name: 'Elsewhere', allowedOrigins: ['https://not-this-page.example']});
  const lawyerEmail = `ana-${randomBytes(3).toString('hex')}@avery.example`;
  await firms.createLawyer({firmId: String(main.firm._id), name: 'Ana Avery', email: lawyerEmail, password: LAWYER_PASSWORD, role: 'owner'});
  return {siteKey: main.siteKey, prechatSiteKey: prechat.siteKey, refusedSiteKey: elsewhere.siteKey, lawyerEmail, prechatIdentitySecret: prechat.identitySecret};
}

interface State {
  backend: RunningBackend;
  dataDir: string;
  proxy: net.Server;
  proxyUrl: string;
  cut: boolean;
  conns: Set<net.Socket>;
  info: BackendInfo;
  secrets: {lawyerEmail: string; prechatIdentitySecret: string};
  urls: string[];
  lawyer?: {socket: LawyerSocket; id: string; messages: MessageDto[]; typing: TypingEvent[]; receipts: ReceiptEvent[]};
}

function startProxy(target: number, s: Pick<State, 'conns'> & {cut?: boolean}): Promise<net.Server> {
  const server = net.createServer((client) => {
    if (s.cut) return client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    s.conns.add(client);
    s.conns.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      s.conns.delete(client);
      s.conns.delete(upstream);
    };
    client.on('error', drop).on('close', drop).pipe(upstream);
    upstream.on('error', drop).on('close', drop).pipe(client);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function ack<T>(socket: LawyerSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (socket.timeout(10_000) as unknown as {emit: (e: string, p: unknown, cb: (err: Error | null, a: Ack<T>) => void) => void}).emit(event, payload, (err, a) => {
      if (err) return reject(err);
      if (!a.ok) return reject(new Error(`${event}: ${a.error.code} ${a.error.message}`));
      resolve(a.data);
    });
  });
}

export function realBackendPlugin() {
  let state: State | undefined;

  const commands: {[K in keyof Commands]: (payload: Commands[K][0], s: State) => Promise<Commands[K][1]> | Commands[K][1]} = {
    'backend:info': (_p, s) => s.info,
    'backend:request-urls': (_p, s) => s.urls,
    'backend:identity-token': (p, s) => jwt.sign({email: p.email, name: p.name}, s.secrets.prechatIdentitySecret, {algorithm: 'HS256', expiresIn: '10m'}),
    'net:cut': (_p, s) => {
      s.cut = true;
      for (const c of s.conns) c.destroy();
      s.conns.clear();
      return true;
    },
    'net:restore': (_p, s) => {
      s.cut = false;
      return true;
    },
    'lawyer:connect': async (_p, s) => {
      if (s.lawyer?.socket.connected) return {id: s.lawyer.id};
      const res = await fetch(`${s.backend.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: {'content-type': 'application/json', origin: s.backend.url},
        body: JSON.stringify({email: s.secrets.lawyerEmail, password: LAWYER_PASSWORD}),
      });
      if (!res.ok) throw new Error(`lawyer login failed: ${res.status} ${await res.text()}`);
      const login = (await res.json()) as LoginResponse;
      const socket: LawyerSocket = ioClient(s.backend.url, {auth: {token: login.token}, extraHeaders: {origin: s.backend.url}, transports: ['websocket'], forceNew: true});
      const lawyer = {socket, id: login.lawyer.id, messages: [] as MessageDto[], typing: [] as TypingEvent[], receipts: [] as ReceiptEvent[]};
      socket.on('message:new', (m) => lawyer.messages.push(m));
      socket.on('typing', (t) => lawyer.typing.push(t));
      socket.on('receipt', (r) => lawyer.receipts.push(r));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      s.lawyer = lawyer;
      return {id: login.lawyer.id};
    },
    'lawyer:join': (p, s) => ack<JoinResult>(mustLawyer(s).socket, 'conversation:join', p),
    'lawyer:send': (p, s) => ack<MessageDto>(mustLawyer(s).socket, 'message:send', {...p, clientId: crypto.randomUUID()}),
    'lawyer:delete': (p, s) => ack<MessageDto>(mustLawyer(s).socket, 'message:delete', p),
    'lawyer:claim': (p, s) => ack(mustLawyer(s).socket, 'conversation:claim', p).then(() => true as const),
    'lawyer:typing': (p, s) => {
      mustLawyer(s).socket.emit(p.typing ? 'typing:start' : 'typing:stop', {conversationId: p.conversationId});
      return true;
    },
    'lawyer:receipt': ({kind, ...p}, s) => ack(mustLawyer(s).socket, `receipt:${kind}`, p).then(() => true as const),
    'lawyer:events': (p, s) => {
      const l = mustLawyer(s);
      const mine = <T extends {conversationId: string}>(xs: T[]) => xs.filter((x) => x.conversationId === p.conversationId);
      return {messages: mine(l.messages), typing: mine(l.typing), receipts: mine(l.receipts)};
    },
    'lawyer:disconnect': (_p, s) => {
      s.lawyer?.socket.disconnect();
      s.lawyer = undefined;
      return true;
    },
    'backend:disconnect-all': (_p, s) => {
      s.backend.io.disconnectSockets(true);
      s.lawyer = undefined;
      return true;
    },
    'backend:all-messages': async (p, s) => {
      const l = mustLawyer(s);
      const all: MessageDto[] = [];
      let afterSeq = 0;
      for (;;) {
        const page = await ack<{messages: MessageDto[]; throughSeq: number; hasMore: boolean}>(l.socket, 'message:sync', {conversationId: p.conversationId, afterSeq});
        all.push(...page.messages);
        afterSeq = page.throughSeq;
        if (!page.hasMore) return all;
      }
    },
  };

  /** The strict-CSP host page: no inline script or style, no eval; only the backend may be reached. */
  const cspPage: Middleware = async (ctx, next) => {
    if (!state || !ctx.path.startsWith('/__csp/')) return next();
    const backend = state.backend.url;
    const ws = (u: string) => u.replace(/^http/, 'ws');
    if (ctx.path === '/__csp/page.html') {
      const lang = /^[a-z]{2}$/.test(String(ctx.query.lang ?? '')) ? String(ctx.query.lang) : 'en';
      ctx.set('Content-Security-Policy', [
        "default-src 'none'",
        `script-src 'self' ${backend}`,
        `connect-src ${backend} ${ws(backend)}`,
        "style-src 'self'",
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '));
      ctx.type = 'html';
      // The probe loads first so it hears every violation. The widget script comes from the backend
      // and, with no `server` attribute, must find the backend from its own URL.
      ctx.body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>CSP host</title>
<script src="/__csp/probe.js"></script>
<script src="${backend}/consult-chat.js" defer></script></head>
<body><h1>A law firm</h1><consult-chat site="${state.info.siteKey}" accent="#7a1f4e"></consult-chat></body></html>`;
      return;
    }
    if (ctx.path === '/__csp/probe.js') {
      ctx.type = 'js';
      ctx.body = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;
      return;
    }
    return next();
  };

  return {
    plugin: {
      name: 'consult-real-backend',
      async serverStart({config}: {config: {hostname?: string; port?: number}}) {
        const serverUri = process.env.TEST_MONGODB_URI;
        if (!serverUri) throw new Error('TEST_MONGODB_URI is not set: run the widget tests with `node scripts/bootstrap.mjs test widget`');
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'consult-wtr-'));
        const backendConfig = loadConfig({
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
          JWT_SECRET: randomBytes(32).toString('hex'),
          DATA_DIR: dataDir,
          MONGODB_URI: `${serverUri}/wtr_${randomBytes(6).toString('hex')}`,
          // Every test opens sessions from 127.0.0.1; production limits would throttle the suite.
          RATE_LIMIT_SCALE: '100',
        });
        const backend = await startBackend(backendConfig, {distDir: path.join(projectRoot, 'dist')});
        const port = config.port ?? 8000;
        const pageOrigins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://${config.hostname ?? 'localhost'}:${port}`];
        const {lawyerEmail, prechatIdentitySecret, ...seeded} = await seed(backend, [...new Set(pageOrigins)]);
        const urls: string[] = [];
        backend.server.on('request', (req) => urls.push(req.url ?? ''));
        backend.server.on('upgrade', (req) => urls.push(req.url ?? ''));
        const conns = new Set<net.Socket>();
        const s: Partial<State> & {conns: Set<net.Socket>; cut: boolean} = {backend, dataDir, conns, cut: false};
        const proxy = await startProxy(backend.port, s);
        const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
        state = Object.assign(s, {proxy, proxyUrl, info: {url: proxyUrl, directUrl: backend.url, ...seeded}, secrets: {lawyerEmail, prechatIdentitySecret}, urls}) as State;
      },
      async serverStop() {
        const s = state;
        state = undefined;
        if (!s) return;
        s.lawyer?.socket.disconnect();
        for (const c of s.conns) c.destroy();
        s.proxy.close();
        await s.backend.db.dropDatabase().catch(() => {});
        await s.backend.stop();
        rmSync(s.dataDir, {recursive: true, force: true});
      },
      async executeCommand({command, payload}: {command: string; payload?: unknown}) {
        if (!(command in commands)) return undefined;
        if (!state) throw new Error('the test backend is not running');
        return (commands as Record<string, (p: unknown, s: State) => unknown>)[command](payload, state);
      },
    },
    middleware: cspPage,
  };
}

function mustLawyer(s: State): NonNullable<State['lawyer']> {
  if (!s.lawyer) throw new Error('lawyer:connect first');
  return s.lawyer;
}
