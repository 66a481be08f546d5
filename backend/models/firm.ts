import {Schema, type Types} from 'mongoose';
import {wireShape} from './shared.js';

export interface Firm {
  _id: Types.ObjectId;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
  /** HS256 key the host site signs identity tokens with. Needed in clear to verify them. */
  identitySecret: string;
  branding: {accent: string; greeting: string; logoUrl: string | null};
  timeZone: string;
  businessHours: {day: number; open: string; close: string}[];
  prechat: {enabled: boolean; requireEmail: boolean; topics: string[]};
  mail: {fromName: string | null; replyTo: string | null};
  meeting: {providers: string[]; jitsiBaseUrl: string | null};
  visitorCounter: number;
  /** Document types the firm accepts (protocol/attachments.ts); empty: every default type. */
  attachmentTypes?: string[];
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
    },
    timeZone: {type: String, default: 'UTC'},
    businessHours: {type: [{day: Number, open: String, close: String, _id: false}], default: []},
    prechat: {
      enabled: {type: Boolean, default: false},
      requireEmail: {type: Boolean, default: false},
      topics: {type: [String], default: []},
    },
    mail: {fromName: {type: String, default: null}, replyTo: {type: String, default: null}},
    meeting: {providers: {type: [String], default: ['jitsi']}, jitsiBaseUrl: {type: String, default: null}},
    visitorCounter: {type: Number, default: 0},
    attachmentTypes: {type: [String], default: []},
  },
  {timestamps: true},
);
firmSchema.index({siteKey: 1}, {unique: true});
wireShape(firmSchema, ['identitySecret', 'visitorCounter']);
