// createRealtime attaches Socket.IO to the same http.Server as the REST app: authenticates the
// handshake once, attaches each connection's handlers (handlers.ts, generated from the
// operations table), keeps presence, and turns domain events from the bus into room broadcasts.
import type {Server as HttpServer} from 'node:http';
import {Server} from 'socket.io';
import {createAdapter} from '@socket.io/redis-streams-adapter';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import type {TransportServices} from '../services/index.js';
import type {ParticipantKey} from '../../protocol/chat.js';
import {participantKey} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import {toErrorBody} from '../errors.js';
import {assertOrigin} from '../http/origins.js';
import {createHandlers} from './handlers.js';
import {presenceRoom, rooms, type IoServer} from './rooms.js';

export type {IoServer} from './rooms.js';
export {rooms} from './rooms.js';
export {TYPING_TTL_MS} from './handlers.js';

export interface RealtimeDeps {
  config: Config;
  logger: Logger;
  services: TransportServices;
}

/** Largest socket frame we accept: a 4,000-character message plus envelope fits comfortably. */
export const MAX_SOCKET_PAYLOAD = 32 * 1024;

/**
 * Handshakes checked at once; the others wait their turn. After a restart every client
 * reconnects within seconds: a queue of a few dozen database reads instead of thousands at once
 * keeps the engine answering the chat, and the server's memory from growing for the burst.
 */
const HANDSHAKES_AT_ONCE = 32;

/** Runs at most `size` pieces of work at once, the rest in arrival order. */
function createGate(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

export function createRealtime(server: HttpServer, deps: RealtimeDeps): IoServer {
  const {services, logger, config} = deps;
  const {presence, bus} = services;
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
  const handshakes = createGate(HANDSHAKES_AT_ONCE);
  io.use(async (socket, next) => {
    try {
      const principal = await handshakes(async () => {
        const p = await services.authenticate((socket.handshake.auth as {token?: unknown})?.token);
        await assertOrigin(p, socket.handshake.headers.origin, socket.handshake.headers.host, {config, firmCache: services.firmCache});
        return p;
      });
      socket.data.principal = principal;
      next();
    } catch (err) {
      const {body} = toErrorBody(err);
      const error = new Error(body.message) as Error & {data: unknown};
      error.data = {code: body.code};
      next(error);
    }
  });

  async function announcePresence(p: Pick<SocketPrincipal, 'kind' | 'id' | 'firmId'>, online: boolean): Promise<void> {
    io.to(presenceRoom(p)).emit('presence', await presence.changed(p, online));
  }
  const presenceFailed = (err: unknown) => logger.warn({err}, 'presence update failed');
  // Participants whose last sockets were on a process that died go offline now.
  presence.store.onExpired((key, firmId) => {
    const [tag, id] = key.split(':');
    void announcePresence({kind: tag === 'l' ? 'lawyer' : 'applicant', id, firmId}, false).catch(presenceFailed);
  });

  const handlers = createHandlers({services, logger});
  io.on('connection', (socket) => {
    const p = socket.data.principal;
    const key: ParticipantKey = participantKey(p.kind, p.id);
    void socket.join(p.kind === 'lawyer' ? [rooms.firm(p.firmId), rooms.lawyers(p.firmId), rooms.participant(key)] : [rooms.firm(p.firmId), rooms.participant(key)]);
    presence.store.connect(key, socket.id, p.firmId).then((cameOnline) => (cameOnline ? announcePresence(p, true) : undefined)).catch(presenceFailed);
    handlers.attach(socket);
    socket.on('disconnect', () => {
      handlers.closed(socket);
      presence.store.disconnect(key, socket.id).then((wentOffline) => (wentOffline ? announcePresence(p, false) : undefined)).catch(presenceFailed);
    });
  });

  // Domain events → rooms. Lawyers get the whole firm's activity through their inbox room.
  // A note goes to the firm's lawyers only, never to the conversation's room (the applicant is in it).
  const audience = (conversation: {id: string; firmId: string}, message: {kind: string}) =>
    (message.kind === 'note' ? rooms.lawyers(conversation.firmId) : rooms.conversation(conversation.id));
  bus.subscribe('message:new', ({conversation, message}) => {
    io.to(audience(conversation, message)).emit('message:new', message);
    io.to(rooms.lawyers(conversation.firmId)).emit('inbox:message', {conversation, message});
  });
  bus.subscribe('message:updated', ({conversation, message}) => {
    io.to(audience(conversation, message)).emit('message:updated', message);
  });
  bus.subscribe('conversation:updated', ({conversation}) => {
    io.to([rooms.conversation(conversation.id), rooms.lawyers(conversation.firmId)]).emit('conversation:updated', conversation);
  });
  bus.subscribe('applicant:erased', ({applicantId}) => {
    io.in(rooms.participant(participantKey('applicant', applicantId))).disconnectSockets(true);
  });
  // A deactivated lawyer's consoles are cut off on every process (the adapter carries this).
  bus.subscribe('lawyer:signed-out', ({lawyerId}) => {
    io.in(rooms.participant(participantKey('lawyer', lawyerId))).disconnectSockets(true);
  });
  bus.subscribe('receipt', ({firmId, event}) => {
    io.to([rooms.conversation(event.conversationId), rooms.lawyers(firmId)]).emit('receipt', event);
  });

  io.engine.on('connection_error', (err: {code: number; message: string}) => logger.debug({code: err.code, message: err.message}, 'engine connection refused'));
  return io;
}
