// How both elements open their Socket.IO connection and ask the server something with an ack.
import {io, type Socket} from 'socket.io-client';
import type {ClientToServerEvents, ServerToClientEvents} from '../../protocol/events.js';
import type {Ack} from '../../protocol/errors.js';
import {RequestError} from './http.js';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Events = ClientToServerEvents;
export type AckData<E extends keyof Events> = Parameters<Events[E]> extends [unknown, (ack: Ack<infer T>) => void] ? T : never;

const ACK_TIMEOUT = 10_000;

export function openSocket(server: string, token: () => string | undefined): ChatSocket {
  return io(server, {
    // A function, so every reconnection uses the newest token; never in the URL.
    auth: (cb) => cb({token: token()}),
    transports: ['websocket', 'polling'],
    forceNew: true,
    reconnectionDelayMax: 10_000,
  });
}

/** Emits with an acknowledgement; rejects with RequestError on `{ok: false}` or a timeout. */
export async function ask<E extends keyof Events>(socket: ChatSocket | undefined, event: E, payload: Parameters<Events[E]>[0]): Promise<AckData<E>> {
  if (!socket?.connected) throw new RequestError({code: 'unavailable', message: 'not connected'});
  let ack: Ack<AckData<E>>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ack = await (socket.timeout(ACK_TIMEOUT) as any).emitWithAck(event, payload);
  } catch {
    throw new RequestError({code: 'unavailable', message: `${event} timed out`});
  }
  if (!ack?.ok) throw new RequestError(ack?.error ?? {code: 'internal', message: 'malformed acknowledgement'});
  return ack.data;
}
