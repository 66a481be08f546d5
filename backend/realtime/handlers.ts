// One connection's handlers: every operation with a socket binding in the operations table,
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

type Handler = (payload: unknown) => Promise<unknown>;

export function attachHandlers(socket: IoSocket, deps: {services: TransportServices; logger: Logger}): {closed(): void} {
  const {services, logger} = deps;
  const p = socket.data.principal;
  const key: ParticipantKey = participantKey(p.kind, p.id);
  const caller = {principal: p, ip: socket.handshake.address, origin: socket.handshake.headers.origin};

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

  /**
   * Answers through the ack: `{ok: true, data}` or `{ok: false, error}`. Client mistakes are
   * logged at debug, surprises at error.
   */
  const on = (event: keyof ClientToServerEvents, handler: Handler) => {
    socket.on(event, async (payload: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (a: Ack<unknown>) => void) : () => {};
      try {
        reply({ok: true, data: await handler(payload)});
      } catch (err) {
        const {body, expected} = toErrorBody(err);
        if (expected) logger.debug({code: body.code, socket: socket.id}, 'socket event refused');
        else logger.error({err, socket: socket.id}, 'socket event failed');
        reply({ok: false, error: body});
      }
    });
  };

  for (const [name, operation] of Object.entries(OPERATIONS)) {
    const binding = operation.socket;
    if (!binding) continue;
    on(name as keyof ClientToServerEvents, async (payload) => {
      const out = await perform(operation, services, caller, payload);
      if (binding.endsTyping) stopTyping((payload as {conversationId: string}).conversationId);
      if (!binding.joins) return out;
      const conversation = out as ConversationDto;
      await socket.join(rooms.conversation(conversation.id));
      return {conversation, presence: await services.presence.otherSide(p, conversation)} satisfies JoinResult;
    });
  }

  on('conversation:leave', async (payload) => {
    const {conversationId} = schemas.conversationRef.parse(payload ?? {});
    stopTyping(conversationId);
    await socket.leave(rooms.conversation(conversationId));
    return null;
  });

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

  return {
    closed() {
      for (const id of [...typingTimers.keys()]) stopTyping(id);
    },
  };
}
