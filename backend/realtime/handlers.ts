// The connections' handlers: every operation with a socket binding in the operations table,
// answered through its ack, plus what only sockets have (rooms, typing).
import type {Ack} from '../../protocol/errors.js';
import type {ConversationDto, JoinResult, ParticipantKey} from '../../protocol/chat.js';
import {participantKey} from '../../protocol/chat.js';
import type {ClientToServerEvents} from '../../protocol/events.js';
import {schemas} from '../../protocol/schemas.js';
import {toErrorBody} from '../errors.js';
import type {Logger} from '../logger.js';
import {OPERATIONS} from '../operations/table.js';
import {perform} from '../operations/operation.js';
import type {TransportServices} from '../services/index.js';
import {rooms, type IoSocket} from './rooms.js';

/** A typing indicator the client stops refreshing ends by itself after this long. */
export const TYPING_TTL_MS = 6_000;

type Handler = (socket: IoSocket, payload: unknown) => Promise<unknown>;
type Listener = (this: IoSocket, payload: unknown, ack?: unknown) => void;

/** A socket's live typing indicators, by conversation; made on its first `typing:start`. */
const typingTimers = new WeakMap<IoSocket, Map<string, NodeJS.Timeout>>();

const keyOf = (socket: IoSocket): ParticipantKey => participantKey(socket.data.principal.kind, socket.data.principal.id);

function emitTyping(socket: IoSocket, conversationId: string, typing: boolean): void {
  const p = socket.data.principal;
  socket.to([rooms.conversation(conversationId), rooms.lawyers(p.firmId)]).emit('typing', {conversationId, participant: {key: keyOf(socket), name: p.name}, typing});
}

function stopTyping(socket: IoSocket, conversationId: string): void {
  const timers = typingTimers.get(socket);
  const timer = timers?.get(conversationId);
  if (!timer) return;
  clearTimeout(timer);
  timers!.delete(conversationId);
  emitTyping(socket, conversationId, false);
}

/**
 * Every connection's listeners, built once per server and shared by all sockets (each gets the
 * socket as `this`) behind one catch-all listener per socket: an idle connection then costs no
 * closures, and no table of thirty listeners, of its own.
 */
export function createHandlers(deps: {services: TransportServices; logger: Logger}): {attach(socket: IoSocket): void; closed(socket: IoSocket): void} {
  const {services, logger} = deps;
  const listeners = new Map<string, Listener>();

  /**
   * Answers through the ack: `{ok: true, data}` or `{ok: false, error}`. Client mistakes are
   * logged at debug, surprises at error.
   */
  const on = (event: keyof ClientToServerEvents, handler: Handler) => {
    listeners.set(event, async function (payload, ack) {
      const reply = typeof ack === 'function' ? (ack as (a: Ack<unknown>) => void) : () => {};
      try {
        reply({ok: true, data: await handler(this, payload)});
      } catch (err) {
        const {body, expected} = toErrorBody(err);
        if (expected) logger.debug({code: body.code, socket: this.id}, 'socket event refused');
        else logger.error({err, socket: this.id}, 'socket event failed');
        reply({ok: false, error: body});
      }
    });
  };

  for (const [name, operation] of Object.entries(OPERATIONS)) {
    const binding = operation.socket;
    if (!binding) continue;
    on(name as keyof ClientToServerEvents, async (socket, payload) => {
      const p = socket.data.principal;
      const out = await perform(operation, services, {principal: p, ip: socket.handshake.address, origin: socket.handshake.headers.origin}, payload);
      if (binding.endsTyping) stopTyping(socket, (payload as {conversationId: string}).conversationId);
      if (!binding.joins) return out;
      const conversation = out as ConversationDto;
      await socket.join(rooms.conversation(conversation.id));
      return {conversation, presence: await services.presence.otherSide(p, conversation)} satisfies JoinResult;
    });
  }

  on('conversation:leave', async (socket, payload) => {
    const {conversationId} = schemas.conversationRef.parse(payload ?? {});
    stopTyping(socket, conversationId);
    await socket.leave(rooms.conversation(conversationId));
    return null;
  });

  // Typing is fire-and-forget: only for joined rooms, expired by the server if not refreshed.
  listeners.set('typing:start', function (payload) {
    const parsed = schemas.conversationRef.safeParse(payload);
    if (!parsed.success || !this.rooms.has(rooms.conversation(parsed.data.conversationId))) return;
    const id = parsed.data.conversationId;
    let timers = typingTimers.get(this);
    if (!timers) typingTimers.set(this, (timers = new Map()));
    const wasTyping = timers.has(id);
    clearTimeout(timers.get(id));
    const socket = this;
    timers.set(id, setTimeout(() => stopTyping(socket, id), TYPING_TTL_MS));
    if (!wasTyping) emitTyping(this, id, true);
  });
  listeners.set('typing:stop', function (payload) {
    const parsed = schemas.conversationRef.safeParse(payload);
    if (parsed.success) stopTyping(this, parsed.data.conversationId);
  });

  /** Every event of a socket reaches this one listener (the ack, when asked for, comes last). */
  function dispatch(this: IoSocket, event: string, payload?: unknown, ack?: unknown): void {
    listeners.get(event)?.call(this, payload, ack);
  }

  return {
    attach(socket) {
      socket.onAny(dispatch);
    },
    closed(socket) {
      for (const id of [...(typingTimers.get(socket)?.keys() ?? [])]) stopTyping(socket, id);
    },
  };
}
