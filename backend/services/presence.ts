// Who is online: a participant is online while any of their sockets is connected (several tabs
// count once). Going offline stamps lastSeenAt. In memory per process.
import type {ParticipantKey} from '../../protocol/chat.js';

export interface PresenceStore {
  /** Returns true when this socket made the participant come online. */
  connect(key: ParticipantKey, socketId: string): boolean;
  /** Returns true when this was the participant's last socket. */
  disconnect(key: ParticipantKey, socketId: string): boolean;
  isOnline(key: ParticipantKey): boolean;
}

export function createPresenceStore(): PresenceStore {
  const sockets = new Map<ParticipantKey, Set<string>>();
  return {
    connect(key, socketId) {
      let set = sockets.get(key);
      const wasOffline = !set || set.size === 0;
      if (!set) sockets.set(key, (set = new Set()));
      set.add(socketId);
      return wasOffline;
    },
    disconnect(key, socketId) {
      const set = sockets.get(key);
      if (!set || !set.delete(socketId)) return false;
      if (set.size > 0) return false;
      sockets.delete(key);
      return true;
    },
    isOnline(key) {
      return (sockets.get(key)?.size ?? 0) > 0;
    },
  };
}
