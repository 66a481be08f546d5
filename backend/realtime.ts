// createRealtime attaches Socket.IO to the same http.Server as the REST app: authenticates the
// handshake once, wires each client event to a service through withAck(), and turns domain
// events from the bus into room broadcasts.
import type {Server as HttpServer} from 'node:http';
import {Server, type Socket} from 'socket.io';
import {createAdapter} from '@socket.io/redis-streams-adapter';
import type {ZodType} from 'zod';
import type {Config} from './config.js';
import type {Logger} from './logger.js';
import type {Services} from './services/index.js';
import type {Ack} from '../protocol/errors.js';
import type {ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData, SocketPrincipal} from '../protocol/events.js';
import type {JoinResult, ParticipantKey, PresenceDto} from '../protocol/chat.js';
import {participantKey} from '../protocol/chat.js';
import {toErrorBody} from './errors.js';
import {assertOrigin} from './http/origins.js';
import {schemas} from '../protocol/schemas.js';
import type {Lawyer} from './models/index.js';
import {Types} from 'mongoose';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  config: Config;
  logger: Logger;
  services: Services;
}

/** Largest socket frame we accept: a 4,000-character message plus envelope fits comfortably. */
export const MAX_SOCKET_PAYLOAD = 32 * 1024;
/** A typing indicator the client stops refreshing ends by itself after this long. */
export const TYPING_TTL_MS = 6_000;

export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  firm: (firmId: string) => `firm:${firmId}`,
  lawyers: (firmId: string) => `firm:${firmId}:lawyers`,
  participant: (key: ParticipantKey) => `p:${key}`,
};

/**
 * Runs a handler with validated input and answers through the ack: `{ok: true, data}` or
 * `{ok: false, error}`. Client mistakes are logged at debug, surprises at error.
 */
function withAck<I, O>(logger: Logger, socket: IoSocket, schema: ZodType<I>, handler: (input: I) => Promise<O>) {
  return async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (a: Ack<O>) => void) : () => {};
    try {
      const input = schema.parse(payload ?? {});
      reply({ok: true, data: await handler(input)});
    } catch (err) {
      const {body, expected} = toErrorBody(err);
      if (expected) logger.debug({code: body.code, socket: socket.id}, 'socket event refused');
      else logger.error({err, socket: socket.id}, 'socket event failed');
      reply({ok: false, error: body});
    }
  };
}

export function createRealtime(server: HttpServer, deps: RealtimeDeps): IoServer {
  const {services, logger, config} = deps;
  const {chat, presence, bus, models} = services;
  const io: IoServer = new Server(server, {
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
    perMessageDeflate: false,
    httpCompression: false,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    cors: {origin: true, credentials: false},
  });
  // Several processes: room broadcasts travel through a Redis stream to every process's sockets.
  // A short block time lets a closing server release its reading connection promptly.
  if (services.redis) io.adapter(createAdapter(services.redis, {blockTimeInMs: 1_000, onlyPlaintext: true}));

  // Authenticate once per connection: token from `auth`, never from the URL; origin checked.
  io.use(async (socket, next) => {
    try {
      const principal = await services.authenticate((socket.handshake.auth as {token?: unknown})?.token);
      await assertOrigin(principal, socket.handshake.headers.origin, socket.handshake.headers.host, {config, firmCache: services.firmCache});
      socket.data.principal = principal;
      next();
    } catch (err) {
      const {body} = toErrorBody(err);
      const error = new Error(body.message) as Error & {data: unknown};
      error.data = {code: body.code};
      next(error);
    }
  });

  async function presenceOf(kind: 'lawyer' | 'applicant', ids: Types.ObjectId[]): Promise<PresenceDto[]> {
    const Model = kind === 'lawyer' ? models.Lawyer : models.Applicant;
    const docs = await (Model as typeof models.Lawyer).find({_id: {$in: ids}}).select({lastSeenAt: 1}).lean<Pick<Lawyer, '_id' | 'lastSeenAt'>[]>();
    return Promise.all(docs.map(async (d) => {
      const key = participantKey(kind, String(d._id));
      return {key, online: await presence.isOnline(key), lastSeenAt: d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : null};
    }));
  }

  async function joinResult(p: SocketPrincipal, socket: IoSocket, conversation: Awaited<ReturnType<typeof chat.getConversation>>): Promise<JoinResult> {
    await socket.join(rooms.conversation(conversation.id));
    let snapshot: PresenceDto[];
    if (p.kind === 'lawyer') {
      snapshot = await presenceOf('applicant', [new Types.ObjectId(conversation.applicant.id)]);
    } else {
      const lawyers = await models.Lawyer.find({firmId: new Types.ObjectId(p.firmId)}).select({_id: 1}).limit(50).lean<{_id: Types.ObjectId}[]>();
      snapshot = await presenceOf('lawyer', lawyers.map((l) => l._id));
    }
    return {conversation, presence: snapshot};
  }

  function presenceRoom(p: Pick<SocketPrincipal, 'kind' | 'firmId'>): string {
    // Lawyers' presence is shown to everyone of the firm; applicants' only to lawyers.
    return p.kind === 'lawyer' ? rooms.firm(p.firmId) : rooms.lawyers(p.firmId);
  }

  async function announcePresence(p: Pick<SocketPrincipal, 'kind' | 'id' | 'firmId'>, online: boolean): Promise<void> {
    const key = participantKey(p.kind, p.id);
    let lastSeenAt: string | null = null;
    if (!online) {
      const now = new Date();
      lastSeenAt = now.toISOString();
      const Model = p.kind === 'lawyer' ? models.Lawyer : models.Applicant;
      await (Model as typeof models.Lawyer).updateOne({_id: new Types.ObjectId(p.id)}, {$set: {lastSeenAt: now}}).catch((err) => logger.warn({err}, 'could not store lastSeenAt'));
    }
    io.to(presenceRoom(p)).emit('presence', {key, online, lastSeenAt});
  }

  const presenceFailed = (err: unknown) => logger.warn({err}, 'presence update failed');
  // Participants whose last sockets were on a process that died go offline now.
  presence.onExpired((key, firmId) => {
    const [tag, id] = key.split(':');
    void announcePresence({kind: tag === 'l' ? 'lawyer' : 'applicant', id, firmId}, false).catch(presenceFailed);
  });

  io.on('connection', (socket) => {
    const p = socket.data.principal;
    const key: ParticipantKey = participantKey(p.kind, p.id);
    void socket.join(p.kind === 'lawyer' ? [rooms.firm(p.firmId), rooms.lawyers(p.firmId), rooms.participant(key)] : [rooms.firm(p.firmId), rooms.participant(key)]);
    presence.connect(key, socket.id, p.firmId).then((cameOnline) => (cameOnline ? announcePresence(p, true) : undefined)).catch(presenceFailed);

    const typingTimers = new Map<string, NodeJS.Timeout>();
    const emitTyping = (conversationId: string, typing: boolean) => {
      socket.to([rooms.conversation(conversationId), rooms.lawyers(p.firmId)]).emit('typing', {conversationId, participant: {key, name: p.name}, typing});
    };
    const stopTyping = (conversationId: string) => {
      const timer = typingTimers.get(conversationId);
      if (!timer) return;
      clearTimeout(timer);
      typingTimers.delete(conversationId);
      emitTyping(conversationId, false);
    };
    const joined = (conversationId: string) => socket.rooms.has(rooms.conversation(conversationId));
    const ack = <I, O>(schema: ZodType<I>, handler: (input: I) => Promise<O>) => withAck(logger, socket, schema, handler);

    socket.on('conversation:open', ack(schemas.openConversation, async (input) => joinResult(p, socket, await chat.openConversation(p, input))));
    socket.on('conversation:join', ack(schemas.conversationRef, async ({conversationId}) => joinResult(p, socket, await chat.getConversation(p, conversationId))));
    socket.on('conversation:leave', ack(schemas.conversationRef, async ({conversationId}) => {
      stopTyping(conversationId);
      await socket.leave(rooms.conversation(conversationId));
      return null;
    }));
    socket.on('conversation:claim', ack(schemas.conversationRef, ({conversationId}) => chat.claim(p, conversationId)));
    socket.on('conversation:assign', ack(schemas.assign, (input) => chat.assign(p, input)));
    socket.on('conversation:close', ack(schemas.conversationRef, ({conversationId}) => chat.setStatus(p, conversationId, 'closed')));
    socket.on('conversation:reopen', ack(schemas.conversationRef, ({conversationId}) => chat.setStatus(p, conversationId, 'open')));
    socket.on('message:send', ack(schemas.send, async (input) => {
      await Promise.all([services.limits.message.take(`${p.kind}:${p.id}`, 'messages'), services.limits.messagePerIp.take(`ip:${socket.handshake.address}`, 'messages')]);
      const message = await chat.send(p, input);
      stopTyping(input.conversationId);
      return message;
    }));
    socket.on('message:sync', ack(schemas.sync, (input) => chat.syncAfter(p, input)));
    socket.on('message:history', ack(schemas.history, (input) => chat.historyBefore(p, input)));
    socket.on('message:delete', ack(schemas.deleteMessage, (input) => chat.deleteMessage(p, input)));
    socket.on('receipt:read', ack(schemas.cursor, (input) => chat.markCursor(p, input, 'read')));
    socket.on('receipt:delivered', ack(schemas.cursor, (input) => chat.markCursor(p, input, 'delivered')));

    socket.on('consultation:providers', ack(schemas.empty, () => services.consultationActions.providers(p)));
    socket.on('consultation:schedule', ack(schemas.scheduleConsultation, (input) => services.consultationActions.schedule(p, input)));
    socket.on('consultation:reschedule', ack(schemas.rescheduleConsultation, (input) => services.consultationActions.reschedule(p, input)));
    socket.on('consultation:cancel', ack(schemas.consultationRef, (input) => services.consultationActions.cancel(p, input)));

    // Typing is fire-and-forget: only for joined rooms, expired by the server if not refreshed.
    socket.on('typing:start', (payload: unknown) => {
      const parsed = schemas.conversationRef.safeParse(payload);
      if (!parsed.success || !joined(parsed.data.conversationId)) return;
      const id = parsed.data.conversationId;
      const wasTyping = typingTimers.has(id);
      clearTimeout(typingTimers.get(id));
      typingTimers.set(id, setTimeout(() => stopTyping(id), TYPING_TTL_MS));
      if (!wasTyping) emitTyping(id, true);
    });
    socket.on('typing:stop', (payload: unknown) => {
      const parsed = schemas.conversationRef.safeParse(payload);
      if (parsed.success) stopTyping(parsed.data.conversationId);
    });

    socket.on('disconnect', () => {
      for (const id of [...typingTimers.keys()]) stopTyping(id);
      presence.disconnect(key, socket.id).then((wentOffline) => (wentOffline ? announcePresence(p, false) : undefined)).catch(presenceFailed);
    });
  });

  // Domain events → rooms. Lawyers get the whole firm's activity through their inbox room.
  bus.subscribe('message:new', ({conversation, message}) => {
    io.to(rooms.conversation(conversation.id)).emit('message:new', message);
    io.to(rooms.lawyers(conversation.firmId)).emit('inbox:message', {conversation, message});
  });
  bus.subscribe('message:updated', ({conversation, message}) => {
    io.to(rooms.conversation(conversation.id)).emit('message:updated', message);
  });
  bus.subscribe('conversation:updated', ({conversation}) => {
    io.to([rooms.conversation(conversation.id), rooms.lawyers(conversation.firmId)]).emit('conversation:updated', conversation);
  });
  bus.subscribe('applicant:erased', ({applicantId}) => {
    io.in(rooms.participant(participantKey('applicant', applicantId))).disconnectSockets(true);
  });
  bus.subscribe('receipt', ({firmId, event}) => {
    io.to([rooms.conversation(event.conversationId), rooms.lawyers(firmId)]).emit('receipt', event);
  });

  io.engine.on('connection_error', (err: {code: number; message: string}) => logger.debug({code: err.code, message: err.message}, 'engine connection refused'));
  return io;
}

