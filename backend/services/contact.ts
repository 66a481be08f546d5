// Visitor contact rules of a firm, applied to widget sessions: the pre-chat fields (each off,
// optional or required), the consent notice (versioned; the acceptance is stored with a hash of
// the text shown), and business hours (outside them the firm needs an email to answer).
import {createHash} from 'node:crypto';
import type {FirmContactDto, PrechatField} from '../../protocol/settings.js';
import {PRECHAT_FIELDS} from '../../protocol/settings.js';
import type {Valid} from '../../protocol/schemas.js';
import type {Applicant, Firm} from '../models/index.js';
import {fieldError} from './lawyers.js';
import {greetingsOf, prechatOf} from './settings.js';
import {hoursState} from './hours.js';

export function firmHours(f: Firm) {
  return {timeZone: f.timeZone, enabled: !!f.hours?.enabled, week: f.businessHours ?? [], closedDates: f.hours?.closedDates ?? []};
}

export function contactDto(f: Firm, now = Date.now()): FirmContactDto {
  const prechat = prechatOf(f);
  const consent = f.consent?.enabled && f.consent.version > 0 ? {version: f.consent.version, texts: f.consent.texts ?? {}} : null;
  return {
    greetings: greetingsOf(f),
    fields: prechat.enabled ? prechat.fields : {name: 'off', email: 'off', phone: 'off', topic: 'off'},
    consent,
    hours: f.hours?.enabled ? hoursState(firmHours(f), now) : null,
  };
}

export const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

type SessionInput = Valid<'widgetSession'>;

/**
 * What a widget session writes on the applicant for the firm's rules, validated first so a
 * refused form changes nothing. Emails typed by visitors are stored unverified.
 */
export function contactUpdate(f: Firm, a: Applicant | null, input: SessionInput, now = new Date()): Partial<Applicant> {
  const set: Partial<Applicant> = {};
  const verified = !!a?.verified;
  if (input.intake) {
    // With the pre-chat form off, the widget shows no field (contactDto): none can be required.
    const prechat = prechatOf(f);
    const fields: Partial<Record<PrechatField, string>> = prechat.enabled ? prechat.fields : {};
    const given: Record<PrechatField, unknown> = {name: input.name ?? (verified ? a?.name : undefined), email: input.email ?? (verified ? a?.email : undefined), phone: input.phone, topic: true};
    for (const field of PRECHAT_FIELDS) {
      if (field !== 'topic' && fields[field] === 'required' && !given[field]) throw fieldError('bad_request', field, 'is required by this firm');
    }
    set.intakeAt = now;
  }
  if (!verified) {
    if (input.name) set.name = input.name;
    // Unverified until a one-time code confirms it (services/email-verification.ts); invitations
    // use only a verified address (services/consultations.ts).
    if (input.email && input.email !== a?.email) (set.email = input.email), (set.emailVerified = false);
  }
  if (input.phone) set.phone = input.phone;
  if (input.consentVersion !== undefined) {
    const c = f.consent;
    if (!c?.enabled || c.version !== input.consentVersion) throw fieldError('bad_request', 'consent', 'the firm’s notice has changed; read it again and accept the current version');
    const lang = input.consentLang && c.texts?.[input.consentLang] ? input.consentLang : 'en';
    set.consent = {version: c.version, acceptedAt: now, textHash: textHash(c.texts?.[lang] ?? ''), lang};
  }
  return set;
}

/** Before a visitor's conversation starts: the notice accepted, the form filled, an email outside hours. */
export function assertMayOpen(f: Firm, a: Applicant, now = Date.now()): void {
  const c = contactDto(f, now);
  if (c.consent && a.consent?.version !== c.consent.version) throw fieldError('bad_request', 'consent', 'accept the firm’s notice before writing');
  if (prechatOf(f).enabled && !a.verified && !a.intakeAt) throw fieldError('bad_request', 'intake', 'fill in the pre-chat form first');
  if (c.hours && !c.hours.open && !a.email) throw fieldError('bad_request', 'email', 'the firm is closed now: leave an email so the reply can reach you');
}
