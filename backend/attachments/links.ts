// Short-lived download links: an HMAC over (file, expiry, disposition) with a key derived for
// this one purpose, so a link is neither a session token nor usable for anything but these bytes.
import {createHmac, timingSafeEqual} from 'node:crypto';

export const LINK_TTL_SECONDS = 5 * 60;
export type Disposition = 'attachment' | 'inline';

export interface LinkClaims {
  id: string;
  expiresAt: number;
  disposition: Disposition;
}

export function createLinkSigner(secret: string, now: () => number = Date.now) {
  const key = createHmac('sha256', secret).update('consult-chat:attachment-link:v1').digest();
  const mac = (id: string, exp: number, d: Disposition) => createHmac('sha256', key).update(`${id}.${exp}.${d}`).digest('base64url');

  return {
    /** The query string of a link valid for `LINK_TTL_SECONDS`. */
    sign(id: string, disposition: Disposition): {query: string; expiresAt: Date} {
      const exp = Math.floor(now() / 1000) + LINK_TTL_SECONDS;
      return {query: `e=${exp}&d=${disposition === 'inline' ? 'i' : 'a'}&s=${mac(id, exp, disposition)}`, expiresAt: new Date(exp * 1000)};
    },

    /** The link's claims, or null when it was altered or has expired. */
    verify(id: string, q: Record<string, unknown>): LinkClaims | null {
      const exp = typeof q.e === 'string' && /^\d{1,12}$/.test(q.e) ? Number(q.e) : NaN;
      const disposition: Disposition | null = q.d === 'i' ? 'inline' : q.d === 'a' ? 'attachment' : null;
      if (!disposition || !Number.isFinite(exp) || typeof q.s !== 'string' || !/^[\w-]{43}$/.test(q.s)) return null;
      const expected = Buffer.from(mac(id, exp, disposition));
      if (!timingSafeEqual(expected, Buffer.from(q.s)) || exp * 1000 < now()) return null;
      return {id, expiresAt: exp, disposition};
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
