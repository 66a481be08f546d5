// Opens client sockets the way the widget and console do. Free of node:test so benchmark
// load generators can use it (and the reliable client) outside a test run.
import {io as ioClient, type Socket} from 'socket.io-client';
import type {ClientToServerEvents, ServerToClientEvents} from '../../protocol/events.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every socket opened here, so a test file can close the ones a failed test left open. */
export const openSockets = new Set<ClientSocket>();

export function openSocket(url: string, token: string, origin: string, opts: {reconnection?: boolean} = {}): ClientSocket {
  const socket: ClientSocket = ioClient(url, {
    auth: {token},
    extraHeaders: {origin},
    transports: ['websocket'],
    reconnection: opts.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  openSockets.add(socket);
  return socket;
}
