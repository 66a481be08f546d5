import {Schema, type Types} from 'mongoose';
import {wireShape} from './shared.js';

export interface Applicant {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  number: number;
  name: string | null;
  email: string | null;
  verified: boolean;
  /** Unique per firm for verified applicants (`<firmId>:<email>`), else a random value. */
  identityKey: string;
  /** sha256 of the visitor secret: the secret is 256 random bits, so a fast hash is enough. */
  visitorSecretHash: string;
  timeZone: string | null;
  /** The widget's language (en, fr, es), for emails. */
  lang?: string | null;
  /** When the applicant proved they read `email` (a code sent to it); identity tokens set `verified` instead. */
  emailVerifiedAt?: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
}

export const applicantSchema = new Schema<Applicant>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    number: {type: Number, required: true},
    name: {type: String, default: null, trim: true, maxlength: 200},
    email: {type: String, default: null, lowercase: true, trim: true, maxlength: 320},
    verified: {type: Boolean, default: false},
    identityKey: {type: String, required: true},
    visitorSecretHash: {type: String, required: true},
    timeZone: {type: String, default: null},
    lang: {type: String, default: null},
    emailVerifiedAt: {type: Date, default: null},
    lastSeenAt: {type: Date, default: null},
  },
  {timestamps: {createdAt: true, updatedAt: false}},
);
// FerretDB has no partial indexes, so uniqueness of verified emails rides on identityKey.
applicantSchema.index({identityKey: 1}, {unique: true});
applicantSchema.index({firmId: 1, email: 1});
wireShape(applicantSchema, ['visitorSecretHash', 'identityKey']);
