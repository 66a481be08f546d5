// Email verification for applicants: a 6-digit code emailed through the outbox, valid ten
// minutes, five tries, stored only as an HMAC. Verifying marks the applicant's email verified
// (`emailVerified`), which booking requires of a visitor the firm does not know yet.
// Operations `contact:request-code` and `contact:verify`; reusable by anything that needs a
// proven address (firm settings, booking).
import {createHmac, randomInt, timingSafeEqual} from 'node:crypto';
import {Types, type Connection} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {ContactStatus} from '../../protocol/booking.js';
import {AppError} from '../errors.js';
import type {Applicant, Firm, Models} from '../models/index.js';
import {emailCodeModels} from '../models/email-code.js';
import type {Mailer} from '../mail/index.js';
import {renderEmail} from '../mail/templates/layout.js';
import {EMAIL_STRINGS, emailLang} from '../mail/templates/strings.js';

export const CODE_TTL_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;

export interface EmailVerificationDeps {
  db: Connection;
  models: Models;
  mailer: Pick<Mailer, 'enqueue'>;
  /** Keys the code hashes. */
  secret: string;
  now?: () => Date;
  /** Called after an applicant's record changed (caches drop it). */
  onApplicantChanged?: (applicantId: string) => void;
  /** Called once an applicant proved an address (email-request cards turn confirmed). */
  onVerified?: (applicantId: string, email: string) => Promise<void>;
}

export function contactStatus(a: Pick<Applicant, 'email' | 'verified' | 'emailVerified'>): ContactStatus {
  return {email: a.email ?? null, verified: !!a.email && (!!a.verified || !!a.emailVerified)};
}

export function createEmailVerification(deps: EmailVerificationDeps) {
  const {Codes, Attempts} = emailCodeModels(deps.db);
  const {Applicant, Firm} = deps.models;
  const now = deps.now ?? (() => new Date());
  const hash = (codeId: Types.ObjectId, code: string) => createHmac('sha256', deps.secret).update(`${codeId}:${code}`).digest('base64url');

  async function applicantOf(p: SocketPrincipal): Promise<Applicant> {
    const a = await Applicant.findById(p.id).lean<Applicant>();
    if (!a) throw new AppError('unauthorized', 'this visitor no longer exists; start a new session');
    return a;
  }

  return {
    async status(p: SocketPrincipal): Promise<ContactStatus> {
      return contactStatus(await applicantOf(p));
    },

    /** Emails a fresh code (earlier ones stop counting). Rate limits are the operation's. */
    async requestCode(p: SocketPrincipal, input: Valid<'contactRequestCode'>): Promise<{email: string; expiresAt: string}> {
      const a = await applicantOf(p);
      if (a.verified && a.email !== input.email) throw new AppError('forbidden', 'your email address comes from your sign-in on this site and cannot be changed here');
      const firm = await Firm.findById(a.firmId).lean<Firm>();
      const at = now();
      const _id = new Types.ObjectId();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(at.getTime() + CODE_TTL_MINUTES * 60_000);
      await Codes.create({_id, applicantId: a._id, firmId: a.firmId, email: input.email, name: input.name ?? null, codeHash: hash(_id, code), expiresAt, createdAt: at});
      if (input.lang && input.lang !== a.lang) await Applicant.updateOne({_id: a._id}, {$set: {lang: input.lang}});
      const lang = emailLang(input.lang ?? a.lang ?? a.language);
      const t = EMAIL_STRINGS[lang];
      const firmName = firm?.name ?? 'Consult Chat';
      const {html, text} = renderEmail({
        brand: {name: firmName, logoUrl: firm?.branding?.logoUrl, accent: firm?.branding?.accent}, lang, title: t.codeSubject(code),
        blocks: [{kind: 'p', text: t.greeting(input.name ?? a.name)}, {kind: 'p', text: t.codeIntro}, {kind: 'code', code}, {kind: 'p', text: t.codeExpiry(CODE_TTL_MINUTES)}, {kind: 'small', text: t.codeIgnore}],
        footer: t.footer(firmName),
      });
      await deps.mailer.enqueue({to: input.email, subject: t.codeSubject(code), html, text}, {kind: 'contact.verify', idempotencyKey: `verify-${_id}`});
      return {email: input.email, expiresAt: expiresAt.toISOString()};
    },

    /** Checks the code against the latest one; right → the address is the applicant's, verified. */
    async verify(p: SocketPrincipal, input: Valid<'contactVerify'>): Promise<ContactStatus> {
      const a = await applicantOf(p);
      const latest = await Codes.findOne({applicantId: a._id}).sort({createdAt: -1}).lean();
      if (!latest) throw new AppError('bad_request', 'ask for a code first', {reason: 'no_code'});
      if (latest.expiresAt.getTime() <= now().getTime()) throw new AppError('bad_request', 'this code has expired; ask for a new one', {reason: 'expired'});
      // Claim attempt n by inserting `<code>:<n>`: concurrent guesses cannot share a number.
      let claimed = false;
      for (let n = 1; n <= CODE_MAX_ATTEMPTS && !claimed; n++) {
        try {
          await Attempts.create({_id: `${latest._id}:${n}`, codeId: latest._id, at: now()});
          claimed = true;
        } catch (err) {
          if ((err as {code?: number}).code !== 11000) throw err;
        }
      }
      if (!claimed) throw new AppError('bad_request', 'too many wrong codes; ask for a new one', {reason: 'attempts'});
      const expected = Buffer.from(latest.codeHash);
      const given = Buffer.from(hash(latest._id, input.code));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError('bad_request', 'that code is not right; check the email and try again', {reason: 'wrong'});
      // Used up: no second verification with the same code.
      for (let n = 1; n <= CODE_MAX_ATTEMPTS; n++) await Attempts.create({_id: `${latest._id}:${n}`, codeId: latest._id, at: now()}).catch(() => {});
      const set: Partial<Applicant> = {email: latest.email, emailVerified: true};
      if (latest.name && !a.verified) set.name = latest.name;
      const updated = await Applicant.findOneAndUpdate({_id: a._id}, {$set: set}, {new: true}).lean<Applicant>();
      deps.onApplicantChanged?.(String(a._id));
      await deps.onVerified?.(String(a._id), latest.email);
      return contactStatus(updated ?? {...a, ...set});
    },

    async ensureIndexes(): Promise<void> {
      await Codes.createIndexes();
      await Attempts.createIndexes();
    },

    /** Erasure: the applicant's codes and their attempts. */
    async erase(applicantId: Types.ObjectId): Promise<number> {
      const ids = (await Codes.find({applicantId}).select({_id: 1}).lean()).map((c) => c._id);
      const attempts = await Attempts.deleteMany({codeId: {$in: ids}});
      const codes = await Codes.deleteMany({_id: {$in: ids}});
      return attempts.deletedCount + codes.deletedCount;
    },
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
