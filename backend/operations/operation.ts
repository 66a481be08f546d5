// What one client action declares: its input schema (protocol/schemas.ts), who may call it,
// how each transport reaches it, and the service call. The REST router (http/api.ts) and the
// socket handlers (realtime/handlers.ts) are generated from these; neither holds a rule.
import type {SocketPrincipal} from '../../protocol/events.js';
import {schemas, type Schemas, type Valid} from '../../protocol/schemas.js';
import {AppError} from '../errors.js';
import type {TransportServices as Services} from '../services/index.js';
import type {IncomingFile} from '../attachments/service.js';

/** `public`: no token; `member`: any signed-in caller (the service checks membership). */
export type Who = 'public' | 'member' | 'lawyer' | 'applicant';

export interface Caller {
  /** Absent only on public operations. */
  principal?: SocketPrincipal;
  ip: string;
  origin?: string;
  /** The file part of a multipart request (REST bindings with `multipart`). */
  file?: IncomingFile;
}

export interface RestBinding {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under API_PREFIX, Koa-style `:params`. */
  path: string;
  /** Path params to input fields, e.g. `{id: 'conversationId'}`. */
  params?: Record<string, string>;
  /** Input fields from the query string. */
  query?: (q: Record<string, unknown>) => Record<string, unknown>;
  /** Query parameter names that differ from the input fields they fill (`{afterSeq: 'after'}`), for the OpenAPI document. */
  queryNames?: Record<string, string>;
  /** POST bodies are part of the input unless this is false. */
  body?: false;
  /** Several operations on one route: the first whose `when` accepts the query answers. */
  when?: (q: Record<string, unknown>) => boolean;
  status?: 201;
  /** The REST body when it differs from the socket answer. */
  wrap?: (out: never) => unknown;
  /**
   * Sent as a download rather than JSON: `{filename, text}` (plain text), or `{filename, type,
   * stream}` when this names the type (`'application/zip'`).
   */
  attachment?: true | string;
  /**
   * The body is multipart/form-data: its text fields (sent before the file) are the input, the
   * file part reaches the operation as `caller.file`, streaming, never buffered whole.
   */
  multipart?: {file: string; maxFields: number; idempotencyHeader?: string};
}

export interface SocketBinding {
  /** Joins the returned conversation's room and answers `JoinResult`. */
  joins?: true;
  /** Ends the caller's typing indicator in the conversation. */
  endsTyping?: true;
}

export interface Operation<K extends keyof Schemas = keyof Schemas, O = unknown> {
  input: K;
  who: Who;
  rest?: RestBinding;
  /** The socket event has the operation's name. */
  socket?: SocketBinding;
  run(services: Services, caller: Caller & {principal: SocketPrincipal}, input: Valid<K>): Promise<O>;
}

/** Declares one operation with its input type inferred from the schema name. */
export function op<K extends keyof Schemas, O>(def: Operation<K, O>): Operation<K, O> {
  return def;
}

const REFUSAL: Record<'lawyer' | 'applicant', string> = {lawyer: 'only lawyers can do this', applicant: 'only applicants can do this'};

/** Validates the input, checks the caller's kind, then makes the service call. */
export async function perform<O>(operation: Operation<keyof Schemas, O>, services: Services, caller: Caller, payload: unknown): Promise<O> {
  const input = schemas[operation.input].parse(payload ?? {});
  const p = caller.principal;
  if (operation.who !== 'public' && !p) throw new AppError('unauthorized', 'a session token is required');
  if ((operation.who === 'lawyer' || operation.who === 'applicant') && p!.kind !== operation.who) throw new AppError('forbidden', REFUSAL[operation.who]);
  // A read-only API key reads (GET) and nothing else.
  if (p?.apiKey?.scope === 'read' && operation.rest?.method !== 'GET') throw new AppError('forbidden', 'this API key is read-only');
  return operation.run(services, caller as Caller & {principal: SocketPrincipal}, input as never);
}
