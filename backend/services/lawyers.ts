// The firm's lawyers as the owner manages them: invitations by email (a one-time link valid
// 72 hours that sets the password), roles, deactivation (every session ends at once), and each
// lawyer's own profile (time zone, avatar, personal meeting link).
import {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {LawyerDto} from '../../protocol/chat.js';
import type {LoginResponse} from '../../protocol/rest.js';
import {AppError} from '../errors.js';
import type {Firm, Lawyer, Models} from '../models/index.js';
import {hashPassword, randomToken, sha256} from '../auth/passwords.js';
import type {TokenIssuer} from '../auth/tokens.js';
import type {KeyedMutex} from '../infra/keyed-mutex.js';
import type {EventBus} from '../infra/bus.js';
import type {Mailer} from '../mail/index.js';
import {validatePersonalMeetingUrl} from '../consultations/providers/personal.js';
import {escapeHtml} from '../html.js';
import {lawyerDto} from './dto.js';
import type {AuditLog, Change} from './audit.js';
import type {ImageStore} from './images.js';
import {requireOwner} from './settings.js';

export const INVITE_TTL_MS = 72 * 3_600_000;
/** Stored instead of a hash until the invitation is accepted: no password matches it. */
const NO_PASSWORD = '!invited';

/** A refusal that names its field, for the console's forms. */
export function fieldError(code: 'bad_request' | 'conflict', field: string, message: string): AppError {
  return new AppError(code, `${field}: ${message}`, {issues: [{path: field, message}]});
}

export interface LawyerServiceDeps {
  models: Models;
  tokens: TokenIssuer;
  mutex: KeyedMutex;
  bus: EventBus;
  audit: AuditLog;
  images: ImageStore;
  mailer: () => Mailer;
  publicUrl: string;
  meetingHosts: string[];
  now?: () => Date;
}

export function createLawyerService(deps: LawyerServiceDeps) {
  const {Lawyer, Firm} = deps.models;
  const now = deps.now ?? (() => new Date());
  const origin = new URL(deps.publicUrl).origin;

  async function inFirm(p: SocketPrincipal, id: string): Promise<Lawyer> {
    const l = await Lawyer.findOne({_id: new Types.ObjectId(id), firmId: new Types.ObjectId(p.firmId)}).lean<Lawyer>();
    if (!l) throw new AppError('not_found', 'lawyer not found');
    return l;
  }

  /** Refuses to leave the firm without an active owner. */
  async function assertAnotherOwner(l: Lawyer, field: string): Promise<void> {
    const owners = await Lawyer.countDocuments({firmId: l.firmId, role: 'owner', active: {$ne: false}, _id: {$ne: l._id}});
    if (owners === 0) throw fieldError('bad_request', field, `${l.name} is the firm’s last owner; make another lawyer owner first`);
  }

  async function sendInvite(firm: Firm, l: Pick<Lawyer, 'email' | 'name'>, token: string, inviter: string): Promise<void> {
    const link = `${origin}/console/signup.html#invite=${token}`;
    const e = escapeHtml;
    await deps.mailer().enqueue({
      to: l.email,
      subject: `${inviter} invited you to answer ${firm.name}’s consultations`,
      text: `Hello ${l.name},\n\n${inviter} invited you to join ${firm.name} on Consult Chat.\nChoose your password here (the link works once, for 72 hours):\n\n${link}\n`,
      html: `<p>Hello ${e(l.name)},</p><p>${e(inviter)} invited you to join <strong>${e(firm.name)}</strong> on Consult Chat.</p><p><a href="${e(link)}">Choose your password</a> (the link works once, for 72 hours).</p><p>${e(link)}</p>`,
    }, {kind: 'lawyer.invite'});
  }

  return {
    /** Everyone in the firm, invitations included (the owner's Lawyers screen). */
    async list(p: SocketPrincipal): Promise<LawyerDto[]> {
      requireOwner(p);
      const rows = await Lawyer.find({firmId: new Types.ObjectId(p.firmId)}).sort({name: 1}).limit(500).lean<Lawyer[]>();
      return rows.map(lawyerDto);
    },

    async invite(p: SocketPrincipal, input: Valid<'inviteLawyer'>): Promise<LawyerDto> {
      requireOwner(p);
      const firm = await Firm.findById(new Types.ObjectId(p.firmId)).lean<Firm>();
      if (!firm) throw new AppError('not_found', 'firm not found');
      if (await Lawyer.exists({email: input.email})) throw fieldError('conflict', 'email', `${input.email} already has an account`);
      const token = randomToken(32);
      let lawyer: Lawyer;
      try {
        lawyer = (await Lawyer.create({
          firmId: firm._id, name: input.name, email: input.email, passwordHash: NO_PASSWORD, role: input.role, timeZone: firm.timeZone,
          invite: {tokenHash: sha256(token), expiresAt: new Date(now().getTime() + INVITE_TTL_MS)},
        })).toObject();
      } catch (err) {
        if ((err as {code?: number}).code === 11000) throw fieldError('conflict', 'email', `${input.email} already has an account`);
        throw err;
      }
      await sendInvite(firm, lawyer, token, p.name ?? 'Your colleague');
      await deps.audit.record(p, 'lawyer.invite', [{field: 'email', to: input.email}, {field: 'role', to: input.role}]);
      return lawyerDto(lawyer);
    },

    /** The invitee sets a password with the one-time token; the answer is a signed-in session. */
    async acceptInvite(input: Valid<'acceptInvite'>): Promise<LoginResponse> {
      const passwordHash = await hashPassword(input.password);
      // One use: the token is cleared in the same update that sets the password.
      const lawyer = await Lawyer.findOneAndUpdate(
        {'invite.tokenHash': sha256(input.token), 'invite.expiresAt': {$gt: now()}, active: {$ne: false}},
        {$set: {passwordHash, invite: null}},
        {new: true},
      ).lean<Lawyer>();
      if (!lawyer) throw fieldError('bad_request', 'token', 'this invitation link is invalid, already used or expired; ask the firm’s owner for a new one');
      await deps.audit.record({id: String(lawyer._id), firmId: String(lawyer.firmId), name: lawyer.name}, 'lawyer.invite.accept', [{field: 'email', to: lawyer.email}]);
      const {token, expiresAt} = deps.tokens.issue({kind: 'lawyer', id: String(lawyer._id), firmId: String(lawyer.firmId), name: lawyer.name, role: lawyer.role, ver: lawyer.tokenVersion ?? 0});
      return {token, expiresAt, lawyer: lawyerDto(lawyer)};
    },

    /** Owners change anyone's role and activity; every lawyer changes their own profile. */
    async update(p: SocketPrincipal, input: Valid<'updateLawyer'>): Promise<LawyerDto> {
      const self = input.lawyerId === p.id;
      if (!self || input.role !== undefined || input.active !== undefined) requireOwner(p);
      return deps.mutex.run(`owners:${p.firmId}`, async () => {
        const l = await inFirm(p, input.lawyerId);
        const set: Record<string, unknown> = {};
        if (input.name !== undefined) set.name = input.name;
        if (input.timeZone !== undefined) set.timeZone = input.timeZone;
        if (input.lang !== undefined) set.lang = input.lang;
        if (input.personalMeetingUrl !== undefined) {
          try {
            set.personalMeetingUrl = input.personalMeetingUrl ? validatePersonalMeetingUrl(input.personalMeetingUrl, deps.meetingHosts) : null;
          } catch (err) {
            throw fieldError('bad_request', 'personalMeetingUrl', (err as Error).message);
          }
        }
        if (input.role !== undefined && input.role !== l.role) {
          if (l.role === 'owner') await assertAnotherOwner(l, 'role');
          set.role = input.role;
        }
        const deactivating = input.active === false && l.active !== false;
        if (input.active !== undefined && input.active !== (l.active !== false)) {
          if (deactivating && l.role === 'owner' && (set.role ?? 'owner') === 'owner') await assertAnotherOwner(l, 'active');
          set.active = input.active;
        }
        const changes: Change[] = Object.entries(set).map(([field, to]) => ({field, from: (l as unknown as Record<string, unknown>)[field] ?? (field === 'active' ? true : null), to}));
        const update: Record<string, unknown> = {$set: set};
        // Every token of a deactivated lawyer stops working, on every process.
        if (deactivating) update.$inc = {tokenVersion: 1};
        const after = await Lawyer.findOneAndUpdate({_id: l._id}, update, {new: true}).lean<Lawyer>();
        if (changes.length) await deps.audit.record(p, deactivating ? 'lawyer.deactivate' : set.role ? 'lawyer.role' : 'lawyer.update', [{field: 'lawyer', to: l.email}, ...changes]);
        if (deactivating) deps.bus.publish('lawyer:signed-out', {firmId: p.firmId, lawyerId: String(l._id)});
        return lawyerDto(after!);
      });
    },

    async setAvatar(p: SocketPrincipal, input: Valid<'lawyerImage'>): Promise<LawyerDto> {
      if (input.lawyerId !== p.id) requireOwner(p);
      const l = await inFirm(p, input.lawyerId);
      const {url} = await deps.images.put(p.firmId, input.data, 'avatar');
      await deps.images.remove(l.avatarUrl);
      const after = await Lawyer.findOneAndUpdate({_id: l._id}, {$set: {avatarUrl: url}}, {new: true}).lean<Lawyer>();
      await deps.audit.record(p, 'lawyer.avatar', [{field: 'lawyer', to: l.email}, {field: 'avatarUrl', from: l.avatarUrl ?? null, to: url}]);
      return lawyerDto(after!);
    },
  };
}

export type LawyerService = ReturnType<typeof createLawyerService>;
