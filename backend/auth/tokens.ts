// Session JWTs: HS256 pinned, issuer and audience checked, short expiry.
import jwt from 'jsonwebtoken';
import type {ParticipantKind} from '../../protocol/chat.js';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';

export const ISSUER = 'consult-chat';
export const AUDIENCE: Record<ParticipantKind, string> = {applicant: 'consult-chat:widget', lawyer: 'consult-chat:console'};
export const TOKEN_TTL_SECONDS: Record<ParticipantKind, number> = {applicant: 2 * 60 * 60, lawyer: 12 * 60 * 60};

interface Claims {
  sub: string;
  firm: string;
  kind: ParticipantKind;
  name: string | null;
  role?: 'owner' | 'lawyer';
  ver?: number;
}

export interface TokenIssuer {
  issue(principal: SocketPrincipal): {token: string; expiresAt: string};
  verify(token: unknown): SocketPrincipal;
}

export function createTokenIssuer(secret: string, now: () => number = Date.now): TokenIssuer {
  return {
    issue(p) {
      const ttl = TOKEN_TTL_SECONDS[p.kind];
      const iat = Math.floor(now() / 1000);
      const claims: Claims = {sub: p.id, firm: p.firmId, kind: p.kind, name: p.name, ...(p.role ? {role: p.role} : {}), ...(p.ver !== undefined ? {ver: p.ver} : {})};
      const token = jwt.sign({...claims, iat, exp: iat + ttl}, secret, {algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE[p.kind]});
      return {token, expiresAt: new Date((iat + ttl) * 1000).toISOString()};
    },
    verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw new AppError('unauthorized', 'a session token is required');
      let claims: Claims;
      try {
        claims = jwt.verify(token, secret, {algorithms: ['HS256'], issuer: ISSUER, audience: Object.values(AUDIENCE) as [string, ...string[]], clockTimestamp: Math.floor(now() / 1000)}) as Claims;
      } catch (err) {
        if ((err as Error).name === 'TokenExpiredError') throw new AppError('token_expired', 'the session token has expired; start a new session');
        throw new AppError('unauthorized', 'the session token is invalid');
      }
      if ((claims.kind !== 'lawyer' && claims.kind !== 'applicant') || typeof claims.sub !== 'string' || typeof claims.firm !== 'string') {
        throw new AppError('unauthorized', 'the session token is invalid');
      }
      return {kind: claims.kind, id: claims.sub, firmId: claims.firm, name: claims.name ?? null, ...(claims.role ? {role: claims.role} : {}), ...(typeof claims.ver === 'number' ? {ver: claims.ver} : {})};
    },
  };
}

/** Extracts a bearer token from an Authorization header; tokens are never read from URLs. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
