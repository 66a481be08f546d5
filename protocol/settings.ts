// The firm's settings as the owner's console sees them, the audit log, and what the widget
// learns about visitor contact (pre-chat fields, consent notice, business hours).
import type {BookingMode} from './booking.js';
export const LANGS = ['en', 'fr', 'es'] as const;
export type SettingsLang = (typeof LANGS)[number];
export type PerLang = Partial<Record<SettingsLang, string>>;

export const FIELD_MODES = ['off', 'optional', 'required'] as const;
export type FieldMode = (typeof FIELD_MODES)[number];
export const PRECHAT_FIELDS = ['name', 'email', 'phone', 'topic'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];

/** 0 = Sunday … 6 = Saturday; times are `HH:MM` on the firm's clock. */
export interface HoursSpan {
  day: number;
  open: string;
  close: string;
}

export interface PrechatSettings {
  enabled: boolean;
  fields: Record<PrechatField, FieldMode>;
  topics: string[];
}

export interface ConsentSettings {
  enabled: boolean;
  /** Goes up by one whenever the text changes, so earlier acceptances no longer count. */
  version: number;
  texts: PerLang;
}

export interface HoursSettings {
  enabled: boolean;
  week: HoursSpan[];
  /** `YYYY-MM-DD` in the firm's zone. */
  closedDates: string[];
}

export interface RetentionSettings {
  /** Closed conversations older than this many days are deleted; null keeps everything. */
  days: number | null;
  lastRunAt: string | null;
  lastCounts: Record<string, number> | null;
}

export interface FirmSettingsDto {
  id: string;
  name: string;
  siteKey: string;
  accent: string;
  greetings: PerLang;
  logoUrl: string | null;
  timeZone: string;
  mail: {fromName: string | null; fromAddress: string | null};
  allowedOrigins: string[];
  /** The lines to paste, built from the backend's public URL. */
  embed: {snippet: string; csp: string};
  /** When the previous identity secret stops being accepted (after a rotation). */
  previousSecretValidUntil: string | null;
  prechat: PrechatSettings;
  consent: ConsentSettings;
  hours: HoursSettings;
  retention: RetentionSettings;
  /**
   * Ask for an email in the chat (a card with a code) when no lawyer answered within N minutes,
   * and/or as soon as a lawyer opens "Schedule" for a visitor without a confirmed address.
   */
  askEmail: {afterMinutes: number | null; beforeScheduling: boolean};
  /** Whether visitors book from the widget: off, instant, or a request the lawyer confirms. */
  booking: {mode: BookingMode};
  /** Document types accepted in conversations (the firm may narrow the server's list). */
  documentTypes: string[];
}

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: {id: string | null; name: string};
  action: string;
  /** Field paths with their old and new values; secrets are named, never shown. */
  changes: {field: string; from?: unknown; to?: unknown}[];
}

/** What the widget needs about contact rules, in the session's firm. */
export interface FirmContactDto {
  greetings: PerLang;
  fields: Record<PrechatField, FieldMode>;
  consent: {version: number; texts: PerLang} | null;
  /** Null when the firm keeps no hours (always open). */
  hours: {open: boolean; nextOpen: string | null} | null;
}

export interface ConsentAcceptance {
  version: number;
  acceptedAt: string;
  /** sha256 (base64url) of the notice text the applicant was shown. */
  textHash: string;
  lang: string;
}
