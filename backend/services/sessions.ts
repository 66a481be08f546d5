// Sessions: the widget's visitor session (origin-checked, resumable, optionally verified by an
// identity token the host site signs) and the lawyer's password login.
import {Types} from 'mongoose';
import jwt from 'jsonwebtoken';
import type {LoginRequest, LoginResponse, WidgetSessionRequest, WidgetSessionResponse} from '../../protocol/rest.js';
import {AppError} from '../errors.js';
import type {Applicant, Firm, Lawyer, Models} from '../models/index.js';
import {DUMMY_PASSWORD_HASH, randomToken, safeEqual, sha256, verifyPassword} from '../auth/passwords.js';
import type {TokenIssuer} from '../auth/tokens.js';
import {applicantDto, lawyerDto} from './dto.js';
import {firmPublicDto} from './firms.js';
import {contactDto, contactUpdate} from './contact.js';
import {email} from '../../protocol/schemas.js';
import type {FirmCache} from '../infra/firm-cache.js';

export interface SessionServiceDeps {
  models: Models;
  tokens: TokenIssuer;
  firms: FirmCache;
  /** Called after a session changed an applicant's profile (caches drop it). */
  onApplicantChanged?: (applicantId: string) => void;
}

/** True when `origin` (the request's Origin header) is on the firm's allowlist. */
export function originAllowed(firm: Pick<Firm, 'allowedOrigins'>, origin: string | undefined): boolean {
  if (!origin) return false;
  const o = origin.toLowerCase();
  return firm.allowedOrigins.some((allowed) => allowed === o);
}

interface IdentityClaims {
  email: string;
  name?: string;
}

function verifyIdentityToken(firm: Firm, token: string): IdentityClaims {
  let claims: jwt.JwtPayload;
  try {
    claims = verifyWithSecrets(firm, token);
  } catch (err) {
    const why = (err as Error).name === 'TokenExpiredError' ? 'has expired' : 'has an invalid signature or format';
    throw new AppError('unauthorized', `the identity token ${why}`);
  }
  const parsed = email.safeParse(claims.email);
  if (!parsed.success) throw new AppError('unauthorized', 'the identity token carries no valid email');
  return {email: parsed.data, name: typeof claims.name === 'string' ? claims.name.slice(0, 200) : undefined};
}

/** The visit's page (only on the origin the request came from: it is the client's word), referrer and language. */
function visit(input: WidgetSessionRequest, origin: string | undefined): Partial<Applicant> {
  const out: Partial<Applicant> = {};
  const url = (v: string | undefined) => {
    try {
      const u = new URL(v ?? '');
      return /^https?:$/.test(u.protocol) ? u : undefined;
    } catch {
      return undefined;
    }
  };
  const page = url(input.pageUrl);
  if (page && origin && page.origin === origin.toLowerCase()) out.currentUrl = page.href;
  const from = url(input.referrer);
  if (from) out.referrer = from.href;
  // The browser's word: kept only when it looks like a language tag (never refuses the session).
  if (input.language && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(input.language)) out.language = input.language;
  return out;
}

/** The current secret, then the previous one while its grace period lasts (after a rotation). */
function verifyWithSecrets(firm: Firm, token: string): jwt.JwtPayload {
  try {
    return jwt.verify(token, firm.identitySecret, {algorithms: ['HS256'], maxAge: '7d'}) as jwt.JwtPayload;
  } catch (err) {
    const old = firm.previousIdentitySecret;
    if ((err as Error).name === 'TokenExpiredError' || !old?.secret || !(new Date(old.validUntil) > new Date())) throw err;
    return jwt.verify(token, old.secret, {algorithms: ['HS256'], maxAge: '7d'}) as jwt.JwtPayload;
  }
}

export function createSessionService(deps: SessionServiceDeps) {
  const {Applicant, Lawyer, Firm} = deps.models;

  async function nextVisitorNumber(firmId: Types.ObjectId): Promise<number> {
    // One atomic $inc: concurrent sessions each get their own number. No projection here:
    // the embedded engine does not support one on findAndModify.
    const f = await Firm.findOneAndUpdate({_id: firmId}, {$inc: {visitorCounter: 1}}, {new: true}).lean<Firm>();
    return f?.visitorCounter ?? 1;
  }

  async function createApplicant(firm: Firm, fields: Partial<Applicant>, identityKey: string): Promise<{applicant: Applicant; secret: string}> {
    const secret = randomToken(32);
    const doc = await Applicant.create({
      firmId: firm._id,
      number: await nextVisitorNumber(firm._id),
      identityKey,
      visitorSecretHash: sha256(secret),
      ...fields,
    });
    return {applicant: doc.toObject(), secret};
  }

  return {
    async widgetSession(input: WidgetSessionRequest, origin: string | undefined): Promise<WidgetSessionResponse> {
      const firm = await deps.firms.bySiteKey(input.siteKey);
      if (!firm) throw new AppError('not_found', 'unknown site key');
      if (!originAllowed(firm, origin)) throw new AppError('origin_not_allowed', `origin ${origin ?? '(none)'} is not allowed for this site`);

      let applicant: Applicant | null = null;
      let newSecret: string | undefined;
      const profile: Partial<Applicant> = {...visit(input, origin)};
      if (input.timeZone) profile.timeZone = input.timeZone;

      if (input.identityToken) {
        // A bad identity token is refused outright, never downgraded to an anonymous session.
        const identity = verifyIdentityToken(firm, input.identityToken);
        const identityKey = `${firm._id}:${identity.email}`;
        applicant = await Applicant.findOneAndUpdate(
          {identityKey},
          {$set: {verified: true, email: identity.email, ...(identity.name ? {name: identity.name} : {}), ...profile}},
          {new: true},
        ).lean<Applicant>();
        if (!applicant) {
          try {
            ({applicant, secret: newSecret} = await createApplicant(firm, {verified: true, email: identity.email, name: identity.name ?? null, ...profile}, identityKey));
          } catch (err) {
            if ((err as {code?: number}).code !== 11000) throw err;
            applicant = await Applicant.findOne({identityKey}).lean<Applicant>();
          }
        }
      } else if (input.visitorId && input.visitorSecret) {
        const found = await Applicant.findOne({_id: new Types.ObjectId(input.visitorId), firmId: firm._id}).lean<Applicant>();
        if (found && safeEqual(sha256(input.visitorSecret), found.visitorSecretHash)) applicant = found;
        // An unknown or wrong pair starts a fresh visitor: the old browser data was stale.
      }
      if (!applicant) {
        ({applicant, secret: newSecret} = await createApplicant(firm, {verified: false, name: null, email: null, ...profile}, `anon:${randomToken(16)}`));
      }
      // Anonymous visitors may give a name/email (pre-chat form); verified identities keep theirs.
      const set: Partial<Applicant> = {...(applicant!.verified ? {} : profile), ...contactUpdate(firm, applicant, input)};
      if (Object.keys(set).length) {
        applicant = (await Applicant.findOneAndUpdate({_id: applicant!._id}, {$set: set}, {new: true}).lean<Applicant>()) ?? applicant;
      }
      const a = applicant!;
      deps.onApplicantChanged?.(String(a._id));
      const {token, expiresAt} = deps.tokens.issue({kind: 'applicant', id: String(a._id), firmId: String(firm._id), name: a.name ?? null});
      return {token, expiresAt, applicant: applicantDto(a), visitorId: String(a._id), ...(newSecret ? {visitorSecret: newSecret} : {}), firm: {...firmPublicDto(firm), contact: contactDto(firm)}};
    },

    async login(input: LoginRequest): Promise<LoginResponse> {
      const lawyer = await Lawyer.findOne({email: input.email}).lean<Lawyer>();
      // Hash even when the account does not exist, so response time does not reveal it.
      const ok = await verifyPassword(input.password, lawyer?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!lawyer || !ok || lawyer.active === false) throw new AppError('unauthorized', 'email or password is incorrect');
      const {token, expiresAt} = deps.tokens.issue({kind: 'lawyer', id: String(lawyer._id), firmId: String(lawyer.firmId), name: lawyer.name, role: lawyer.role, ver: lawyer.tokenVersion ?? 0});
      return {token, expiresAt, lawyer: lawyerDto(lawyer)};
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
