// Jitsi Meet needs no account: a room exists as soon as someone opens its URL, so the room
// name is the only secret. 128 random bits make it unguessable.
import {randomBytes} from 'node:crypto';
import type {Meeting, MeetingProvider} from './types.js';

export const PUBLIC_JITSI_HOST = 'meet.jit.si';

export function jitsiProvider(baseUrl = `https://${PUBLIC_JITSI_HOST}`): MeetingProvider {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    id: 'jitsi',
    async create(): Promise<Meeting> {
      const room = `Consult-${randomBytes(16).toString('hex')}`;
      return {joinUrl: `${base}/${room}`, providerMeetingId: room};
    },
    // The room has no time attached; moving the consultation keeps the same link.
    async update(current) {
      return current;
    },
    async cancel() {},
  };
}

/**
 * meet.jit.si asks the first participant to sign in before the room opens, so the lawyer
 * should join first. Self-hosted servers decide for themselves; we say nothing about them.
 */
export function jitsiHostNote(joinUrl: string): string | null {
  try {
    if (new URL(joinUrl).hostname !== PUBLIC_JITSI_HOST) return null;
  } catch {
    return null;
  }
  return 'meet.jit.si asks the first participant to sign in (with a Google, GitHub or Facebook account) and become moderator before the meeting starts. Join a few minutes early and sign in, so your client is not left waiting in the lobby.';
}
