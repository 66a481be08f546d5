// Signed self-service links in the applicant's emails: reschedule or cancel without signing in.
// The link is the capability (like the email itself): `<id>.<r|c>.<expiry>.<hmac>`, expiring
// when the consultation starts. Anything altered fails the HMAC; nothing is looked up first.
import {createHmac, timingSafeEqual} from 'node:crypto';
import {OBJECT_ID} from '../../protocol/schemas.js';

export type LinkAction = 'reschedule' | 'cancel';

export type LinkCheck =
  | {ok: true; consultationId: string; action: LinkAction; expiresAt: Date}
  | {ok: false; reason: 'invalid' | 'expired'};

const CODES: Record<LinkAction, string> = {reschedule: 'r', cancel: 'c'};

function mac(secret: string, body: string): string {
  return createHmac('sha256', `${secret}:self-service`).update(body).digest('base64url').slice(0, 32);
}

export function signLink(secret: string, consultationId: string, action: LinkAction, expiresAt: Date): string {
  const body = `${consultationId}.${CODES[action]}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${mac(secret, body)}`;
}

export function verifyLink(secret: string, token: unknown, now: Date): LinkCheck {
  if (typeof token !== 'string' || token.length > 120) return {ok: false, reason: 'invalid'};
  const m = /^([0-9a-f]{24})\.([rc])\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m || !OBJECT_ID.test(m[1])) return {ok: false, reason: 'invalid'};
  const expected = Buffer.from(mac(secret, `${m[1]}.${m[2]}.${m[3]}`));
  const given = Buffer.from(m[4]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {ok: false, reason: 'invalid'};
  const expiresAt = new Date(Number(m[3]) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return {ok: false, reason: 'expired'};
  return {ok: true, consultationId: m[1], action: m[2] === 'r' ? 'reschedule' : 'cancel', expiresAt};
}

/** The fragment <consult-chat> reads on load to open its slot picker for a move (never sent to a server). */
export const RESCHEDULE_FRAGMENT = 'consult-reschedule';

/**
 * The two links of one consultation. Reschedule goes back to the page the chat lives on, the
 * token in the fragment, so the widget's own picker opens; without a known page, to the server's
 * page of free times (`<publicUrl>/booking/<token>`), as cancel always does.
 */
export function selfServiceLinks(publicUrl: string, secret: string, c: {_id: unknown; start: Date; startUrl?: string | null}) {
  const id = String(c._id);
  const move = signLink(secret, id, 'reschedule', c.start);
  return {
    reschedule: c.startUrl ? `${c.startUrl}#${RESCHEDULE_FRAGMENT}=${move}` : `${publicUrl}/booking/${move}`,
    cancel: `${publicUrl}/booking/${signLink(secret, id, 'cancel', c.start)}`,
  };
}
