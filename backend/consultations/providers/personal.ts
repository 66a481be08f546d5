// A lawyer's own meeting link (a personal Zoom room, a Teams link…). We cannot create or move
// it, only check that it is an https link on a known video-meeting host.
import {AppError} from '../../errors.js';
import {PUBLIC_JITSI_HOST} from './jitsi.js';
import type {Meeting, MeetingProvider} from './types.js';

/** Exact hosts, or `*.suffix` for any subdomain (and the suffix itself). */
export const KNOWN_MEETING_HOSTS = [
  PUBLIC_JITSI_HOST,
  '8x8.vc',
  'meet.google.com',
  '*.zoom.us',
  'teams.microsoft.com',
  'teams.live.com',
  '*.whereby.com',
  '*.webex.com',
  'meet.goto.com',
];

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (!p) return false;
  if (p.startsWith('*.')) {
    const suffix = p.slice(2);
    return host === suffix || host.endsWith(`.${suffix}`);
  }
  return host === p;
}

/** The normalised link, or a `bad_request` that says what is wrong with it. */
export function validatePersonalMeetingUrl(value: unknown, extraHosts: string[] = []): string {
  if (typeof value !== 'string' || !value.trim()) throw new AppError('bad_request', 'a personal meeting link is required for this provider; add one to the lawyer profile');
  const raw = value.trim();
  if (raw.length > 500) throw new AppError('bad_request', 'the personal meeting link is too long (500 characters at most)');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('bad_request', `the personal meeting link "${raw.slice(0, 80)}" is not a valid URL`);
  }
  if (url.protocol !== 'https:') throw new AppError('bad_request', 'the personal meeting link must start with https://');
  if (url.username || url.password) throw new AppError('bad_request', 'the personal meeting link must not contain a user name or password');
  if (url.port) throw new AppError('bad_request', 'the personal meeting link must not name a port');
  const host = url.hostname.toLowerCase();
  const allowed = [...KNOWN_MEETING_HOSTS, ...extraHosts];
  if (!allowed.some((p) => hostMatches(host, p))) {
    throw new AppError('bad_request', `the personal meeting link is on ${host}, which is not a known video-meeting service (accepted: ${allowed.join(', ')})`);
  }
  if (url.pathname === '/' || url.pathname === '') throw new AppError('bad_request', 'the personal meeting link must point to a meeting room, not the home page of the service');
  return url.toString();
}

export function personalProvider(extraHosts: string[] = []): MeetingProvider {
  return {
    id: 'personal',
    async create(req): Promise<Meeting> {
      return {joinUrl: validatePersonalMeetingUrl(req.personalMeetingUrl, extraHosts), providerMeetingId: null};
    },
    async update(current) {
      return current;
    },
    async cancel() {},
  };
}
