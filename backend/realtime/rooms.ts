// Socket.IO room names, and the typed server and socket.
import type {Server, Socket} from 'socket.io';
import type {ParticipantKey} from '../../protocol/chat.js';
import type {ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData, SocketPrincipal} from '../../protocol/events.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  firm: (firmId: string) => `firm:${firmId}`,
  lawyers: (firmId: string) => `firm:${firmId}:lawyers`,
  participant: (key: ParticipantKey) => `p:${key}`,
};

/** Lawyers' presence is shown to everyone of the firm; applicants' only to lawyers. */
export function presenceRoom(p: Pick<SocketPrincipal, 'kind' | 'firmId'>): string {
  return p.kind === 'lawyer' ? rooms.firm(p.firmId) : rooms.lawyers(p.firmId);
}
