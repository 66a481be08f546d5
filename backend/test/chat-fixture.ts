// A running backend with one firm, its lawyer, and helpers to open sessions and sockets the
// way the widget and console do (real HTTP, real Socket.IO on loopback).
import type {Ack} from '../../protocol/errors.js';
import type {ClientToServerEvents, ServerToClientEvents} from '../../protocol/events.js';
import {openSocket, openSockets, type ClientSocket} from './socket-client.js';
import type {LoginResponse, WidgetSessionResponse} from '../../protocol/rest.js';
import type {RunningBackend} from '../server.js';
import type {Logger} from '../logger.js';
import {startTestBackend} from './helpers.js';
import {after} from 'node:test';
import {randomBytes} from 'node:crypto';
import type {DemoSeed} from '../demo/seed.js';

export type {ClientSocket} from './socket-client.js';
// Sockets a test left open (it failed half-way, or a client it made) close after the file.
after(() => {
  for (const s of openSockets) s.disconnect();
});
export const FIRM_ORIGIN = 'https://firm.example';
export const LAWYER_PASSWORD = 'correct horse battery';

export interface ChatFixture extends Pick<DemoSeed, 'siteKey' | 'identitySecret' | 'firmId'> {
  backend: RunningBackend;
  jwtSecret: string;
  url: string;
  lawyerEmail: string;
}

let counter = 0;

export async function createFirmWithLawyer(backend: Pick<RunningBackend, 'services'>, opts: {origin?: string; role?: 'owner' | 'lawyer'} = {}) {
  const n = ++counter;
  const {firm, siteKey, identitySecret} = await backend.services.firms.createFirm({name: `Firm ${n}`, allowedOrigins: [opts.origin ?? FIRM_ORIGIN]});
  const lawyerEmail = `lawyer${n}-${Date.now()}@firm.example`;
  await backend.services.firms.createLawyer({firmId: String(firm._id), name: `Lawyer ${n}`, email: lawyerEmail, password: LAWYER_PASSWORD, role: opts.role ?? 'owner'});
  return {siteKey, identitySecret, firmId: String(firm._id), lawyerEmail};
}

export async function startChatFixture(overrides: Record<string, string> = {}, opts: {logger?: Logger} = {}): Promise<ChatFixture> {
  const jwtSecret = overrides.JWT_SECRET ?? randomBytes(32).toString('hex');
  const backend = await startTestBackend({JWT_SECRET: jwtSecret, ...overrides}, opts);
  return {backend, jwtSecret, url: backend.url, ...(await createFirmWithLawyer(backend))};
}

export async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{status: number; body: T}> {
  const res = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json', origin: FIRM_ORIGIN, ...headers}, body: JSON.stringify(body)});
  return {status: res.status, body: (await res.json()) as T};
}

export async function applicantSession(f: Pick<ChatFixture, 'url' | 'siteKey'>, extra: Record<string, unknown> = {}, origin = FIRM_ORIGIN): Promise<WidgetSessionResponse> {
  const res = await post<WidgetSessionResponse>(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey, ...extra}, {origin});
  if (res.status !== 200) throw new Error(`session failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function lawyerLogin(f: Pick<ChatFixture, 'url' | 'lawyerEmail'>): Promise<LoginResponse> {
  const res = await post<LoginResponse>(`${f.url}/api/v1/auth/login`, {email: f.lawyerEmail, password: LAWYER_PASSWORD}, {origin: f.url});
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A connected socket (or the connect_error it got). Closed after the test file. */
export function connect(url: string, token: string, origin: string, opts: {reconnection?: boolean} = {}): ClientSocket {
  return openSocket(url, token, origin, opts);
}

export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export function connectError(socket: ClientSocket): Promise<{message: string; code?: string}> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected but should have been refused')));
    socket.once('connect_error', (err) => resolve({message: err.message, code: (err as Error & {data?: {code?: string}}).data?.code}));
  });
}

export function call<E extends keyof ClientToServerEvents>(socket: ClientSocket, event: E, payload: Parameters<ClientToServerEvents[E]>[0], timeoutMs = 5_000): Promise<Ack<any>> {
  return (socket.timeout(timeoutMs) as any).emitWithAck(event, payload);
}

export async function ok<T = any>(p: Promise<Ack<T>>): Promise<T> {
  const ack = await p;
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, filter: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true, timeoutMs = 5_000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!filter(...args)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(args[0]);
    };
    socket.on(event, handler as never);
  });
}
