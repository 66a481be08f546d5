import {Schema, type Types} from 'mongoose';
import {wireShape} from './shared.js';
import {BOOKING_MODES, type BookingMode} from '../../protocol/booking.js';

export interface Firm {
  _id: Types.ObjectId;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
  /** HS256 key the host site signs identity tokens with. Needed in clear to verify them. */
  identitySecret: string;
  branding: {accent: string; greeting: string; logoUrl: string | null; greetings?: Partial<Record<'en' | 'fr' | 'es', string>>};
  /** The secret before the last rotation, still accepted until `validUntil`. */
  previousIdentitySecret?: {secret: string; validUntil: Date} | null;
  timeZone: string;
  businessHours: {day: number; open: string; close: string}[];
  prechat: {enabled: boolean; requireEmail: boolean; topics: string[]; fields?: Record<'name' | 'email' | 'phone' | 'topic', 'off' | 'optional' | 'required'>};
  mail: {fromName: string | null; replyTo: string | null; fromAddress?: string | null};
  consent?: {enabled: boolean; version: number; texts: Partial<Record<'en' | 'fr' | 'es', string>>};
  hours?: {enabled: boolean; closedDates: string[]};
  /** Ask for an email in the chat when no lawyer answered within this many minutes (null: never). */
  askEmail?: {afterMinutes: number | null; beforeScheduling?: boolean};
  retention?: {days: number | null; lastRunAt: Date | null; lastCounts: Record<string, number> | null};
  meeting: {providers: string[]; jitsiBaseUrl: string | null};
  /** Self-service booking from the widget (protocol/booking.ts). */
  booking?: {mode: BookingMode};
  visitorCounter: number;
  /** Document types the firm accepts (protocol/attachments.ts); empty: every default type. */
  attachmentTypes?: string[];
  /** Events some enabled webhook endpoint of the firm wants (kept by the webhooks service): the
   *  cached firm answers "anyone listening?" on every message without a query. */
  webhookEvents?: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const firmSchema = new Schema<Firm>(
  {
    name: {type: String, required: true, trim: true, maxlength: 200},
    siteKey: {type: String, required: true},
    allowedOrigins: {type: [String], default: []},
    identitySecret: {type: String, required: true},
    branding: {
      accent: {type: String, default: '#1f4e79'},
      greeting: {type: String, default: 'Hello! How can we help with your case?'},
      logoUrl: {type: String, default: null},
      greetings: {en: String, fr: String, es: String},
    },
    previousIdentitySecret: {type: {secret: String, validUntil: Date, _id: false}, default: null},
    timeZone: {type: String, default: 'UTC'},
    businessHours: {type: [{day: Number, open: String, close: String, _id: false}], default: []},
    prechat: {
      enabled: {type: Boolean, default: false},
      requireEmail: {type: Boolean, default: false},
      topics: {type: [String], default: []},
      fields: {name: String, email: String, phone: String, topic: String},
    },
    mail: {fromName: {type: String, default: null}, replyTo: {type: String, default: null}, fromAddress: {type: String, default: null}},
    consent: {enabled: {type: Boolean, default: false}, version: {type: Number, default: 0}, texts: {en: String, fr: String, es: String}},
    hours: {enabled: {type: Boolean, default: false}, closedDates: {type: [String], default: []}},
    askEmail: {afterMinutes: {type: Number, default: null}, beforeScheduling: {type: Boolean, default: false}},
    retention: {days: {type: Number, default: null}, lastRunAt: {type: Date, default: null}, lastCounts: {type: Schema.Types.Mixed, default: null}},
    meeting: {providers: {type: [String], default: ['jitsi']}, jitsiBaseUrl: {type: String, default: null}},
    booking: {mode: {type: String, enum: BOOKING_MODES, default: 'off'}},
    visitorCounter: {type: Number, default: 0},
    attachmentTypes: {type: [String], default: []},
    webhookEvents: {type: [String], default: []},
  },
  {timestamps: true},
);
firmSchema.index({siteKey: 1}, {unique: true});
firmSchema.index({'retention.days': 1});
wireShape(firmSchema, ['identitySecret', 'previousIdentitySecret', 'visitorCounter', 'webhookEvents']);
