// The owner's settings: branding, website (origins, embed lines, identity secret), visitor
// contact (pre-chat, consent, hours) and retention. Each change is validated whole before
// anything is written, recorded in the audit log, and dropped from every process's firm cache.
import {ATTACHMENT_TYPE_IDS} from '../../protocol/attachments.js';
import {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {FirmSettingsDto, PrechatSettings} from '../../protocol/settings.js';
import {AppError} from '../errors.js';
import type {Firm, Models} from '../models/index.js';
import {randomToken} from '../auth/passwords.js';
import type {AuditLog, Change} from './audit.js';
import {diff} from './audit.js';
import type {ImageStore} from './images.js';

export const DEFAULT_FIELDS: PrechatSettings['fields'] = {name: 'required', email: 'optional', phone: 'off', topic: 'optional'};

export function requireOwner(p: SocketPrincipal): void {
  if (p.kind !== 'lawyer' || p.role !== 'owner') throw new AppError('forbidden', 'only a firm owner can change the firm’s settings');
}

export function prechatOf(f: Firm): PrechatSettings {
  const fields = f.prechat?.fields?.name ? f.prechat.fields : {...DEFAULT_FIELDS, email: f.prechat?.requireEmail ? 'required' : 'optional'};
  return {enabled: !!f.prechat?.enabled, fields: fields as PrechatSettings['fields'], topics: f.prechat?.topics ?? []};
}

export function greetingsOf(f: Firm): FirmSettingsDto['greetings'] {
  const g = f.branding?.greetings ?? {};
  return {en: g.en || f.branding?.greeting || '', ...(g.fr ? {fr: g.fr} : {}), ...(g.es ? {es: g.es} : {})};
}

export function settingsDto(f: Firm, publicUrl: string): FirmSettingsDto {
  const main = new URL(publicUrl).origin;
  return {
    id: String(f._id),
    name: f.name,
    siteKey: f.siteKey,
    accent: f.branding?.accent ?? '#1f4e79',
    greetings: greetingsOf(f),
    logoUrl: f.branding?.logoUrl ?? null,
    timeZone: f.timeZone,
    mail: {fromName: f.mail?.fromName ?? null, fromAddress: f.mail?.fromAddress ?? null},
    allowedOrigins: f.allowedOrigins,
    embed: {
      snippet: `<script src="${main}/consult-chat.js" defer></script>\n<consult-chat site="${f.siteKey}"></consult-chat>`,
      csp: `script-src ${main}\nconnect-src ${main} ${main.replace(/^http/, 'ws')}`,
    },
    previousSecretValidUntil: f.previousIdentitySecret?.validUntil && f.previousIdentitySecret.validUntil > new Date() ? f.previousIdentitySecret.validUntil.toISOString() : null,
    prechat: prechatOf(f),
    consent: {enabled: !!f.consent?.enabled, version: f.consent?.version ?? 0, texts: f.consent?.texts ?? {}},
    hours: {enabled: !!f.hours?.enabled, week: (f.businessHours ?? []).map(({day, open, close}) => ({day, open, close})), closedDates: f.hours?.closedDates ?? []},
    askEmail: {afterMinutes: f.askEmail?.afterMinutes ?? null, beforeScheduling: !!f.askEmail?.beforeScheduling},
    retention: {days: f.retention?.days ?? null, lastRunAt: f.retention?.lastRunAt?.toISOString() ?? null, lastCounts: f.retention?.lastCounts ?? null},
    booking: {mode: f.booking?.mode ?? 'off'},
    documentTypes: f.attachmentTypes?.length ? f.attachmentTypes : ATTACHMENT_TYPE_IDS,
  };
}

export interface SettingsDeps {
  models: Models;
  audit: AuditLog;
  images: ImageStore;
  publicUrl: string;
  /** Drops the firm from the firm caches of every process. */
  firmChanged(firm: Pick<Firm, '_id' | 'siteKey'>): Promise<void>;
  now?: () => Date;
}

export function createSettingsService(deps: SettingsDeps) {
  const {Firm} = deps.models;
  const now = deps.now ?? (() => new Date());

  async function load(firmId: string): Promise<Firm> {
    const firm = await Firm.findById(new Types.ObjectId(firmId)).lean<Firm>();
    if (!firm) throw new AppError('not_found', 'firm not found');
    return firm;
  }

  /** Writes `$set`, records the audit entry, refreshes caches; returns the new settings. */
  async function save(p: SocketPrincipal, firm: Firm, set: Record<string, unknown>, action: string, changes: Change[]): Promise<FirmSettingsDto> {
    if (Object.keys(set).length) await Firm.updateOne({_id: firm._id}, {$set: set});
    if (changes.length) await deps.audit.record(p, action, changes);
    await deps.firmChanged(firm);
    return settingsDto(await load(String(firm._id)), deps.publicUrl);
  }

  return {
    async get(p: SocketPrincipal): Promise<FirmSettingsDto> {
      requireOwner(p);
      return settingsDto(await load(p.firmId), deps.publicUrl);
    },

    async update(p: SocketPrincipal, input: Valid<'updateSettings'>): Promise<FirmSettingsDto> {
      requireOwner(p);
      const firm = await load(p.firmId);
      const before = settingsDto(firm, deps.publicUrl);
      const set: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (input.name !== undefined) (set.name = input.name), (after.name = input.name);
      if (input.accent !== undefined) (set['branding.accent'] = input.accent), (after.accent = input.accent);
      if (input.greetings) {
        set['branding.greetings'] = input.greetings;
        if (input.greetings.en) set['branding.greeting'] = input.greetings.en;
        after.greetings = {...input.greetings};
      }
      if (input.timeZone !== undefined) (set.timeZone = input.timeZone), (after.timeZone = input.timeZone);
      if (input.mail) (set['mail.fromName'] = input.mail.fromName || null), (set['mail.fromAddress'] = input.mail.fromAddress), (after.mail = {fromName: input.mail.fromName || null, fromAddress: input.mail.fromAddress});
      if (input.allowedOrigins) (set.allowedOrigins = [...new Set(input.allowedOrigins)]), (after.allowedOrigins = set.allowedOrigins);
      if (input.prechat) {
        set.prechat = {...input.prechat, requireEmail: input.prechat.fields.email === 'required'};
        after.prechat = input.prechat;
      }
      if (input.consent) {
        const textChanged = JSON.stringify(input.consent.texts) !== JSON.stringify(before.consent.texts);
        const version = before.consent.version + (textChanged || (input.consent.enabled && before.consent.version === 0) ? 1 : 0);
        set.consent = {...input.consent, version};
        after.consent = {...input.consent, version};
      }
      if (input.hours) {
        set.businessHours = input.hours.week;
        set.hours = {enabled: input.hours.enabled, closedDates: [...new Set(input.hours.closedDates)].sort()};
        after.hours = {enabled: input.hours.enabled, week: input.hours.week, closedDates: (set.hours as {closedDates: string[]}).closedDates};
      }
      if (input.booking) (set['booking.mode'] = input.booking.mode), (after.booking = {mode: input.booking.mode});
      if (input.askEmail) (set.askEmail = {...input.askEmail}), (after.askEmail = {...input.askEmail});
      if (input.retentionDays !== undefined) (set['retention.days'] = input.retentionDays), (after.retention = input.retentionDays);
      if (input.documentTypes) {
        // Stored in the server's order; the whole list means "not narrowed".
        const types = ATTACHMENT_TYPE_IDS.filter((t) => input.documentTypes!.includes(t));
        set.attachmentTypes = types.length === ATTACHMENT_TYPE_IDS.length ? [] : types;
        after.documentTypes = types;
      }
      const previous = {...before, retention: before.retention.days} as unknown as Record<string, unknown>;
      return save(p, firm, set, 'settings.update', diff(previous, after));
    },

    async setLogo(p: SocketPrincipal, input: Valid<'uploadImage'>): Promise<FirmSettingsDto> {
      requireOwner(p);
      const firm = await load(p.firmId);
      const {url} = await deps.images.put(p.firmId, input.data, 'logo');
      await deps.images.remove(firm.branding?.logoUrl);
      return save(p, firm, {'branding.logoUrl': url}, 'settings.logo', [{field: 'logo', from: firm.branding?.logoUrl ?? null, to: url}]);
    },

    async removeLogo(p: SocketPrincipal): Promise<FirmSettingsDto> {
      requireOwner(p);
      const firm = await load(p.firmId);
      await deps.images.remove(firm.branding?.logoUrl);
      return save(p, firm, {'branding.logoUrl': null}, 'settings.logo', [{field: 'logo', from: firm.branding?.logoUrl ?? null, to: null}]);
    },

    /** A new identity secret, shown once; the old one keeps working for `graceHours`. */
    async rotateSecret(p: SocketPrincipal, input: Valid<'rotateSecret'>): Promise<{identitySecret: string; previousSecretValidUntil: string | null}> {
      requireOwner(p);
      const firm = await load(p.firmId);
      const identitySecret = `idsec_${randomToken(32)}`;
      const validUntil = input.graceHours > 0 ? new Date(now().getTime() + input.graceHours * 3_600_000) : null;
      await Firm.updateOne({_id: firm._id}, {$set: {identitySecret, previousIdentitySecret: validUntil ? {secret: firm.identitySecret, validUntil} : null}});
      // The secrets themselves never enter the log.
      await deps.audit.record(p, 'settings.identity-secret.rotate', [{field: 'identitySecret'}, {field: 'graceHours', to: input.graceHours}]);
      await deps.firmChanged(firm);
      return {identitySecret, previousSecretValidUntil: validUntil?.toISOString() ?? null};
    },

    async auditLog(p: SocketPrincipal, input: Valid<'auditList'>) {
      requireOwner(p);
      return deps.audit.list(p.firmId, input.before);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
