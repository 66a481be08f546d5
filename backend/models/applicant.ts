import {personSchema, type FirmPerson} from './person.js';

export interface Applicant extends FirmPerson {
  number: number;
  name: string | null;
  email: string | null;
  verified: boolean;
  /** Unique per firm for verified applicants (`<firmId>:<email>`), else a random value. */
  identityKey: string;
  /** sha256 of the visitor secret: the secret is 256 random bits, so a fast hash is enough. */
  visitorSecretHash: string;
  /** Where the visitor last opened a session, where they came from, and their browser's language. */
  currentUrl?: string | null;
  referrer?: string | null;
  language?: string | null;
  phone?: string | null;
  /** Emails typed by the visitor are unverified until a one-time code confirms them. */
  emailVerified?: boolean;
  /** When the visitor submitted the pre-chat form. */
  intakeAt?: Date | null;
  consent?: {version: number; acceptedAt: Date; textHash: string; lang: string} | null;
}

export const applicantSchema = personSchema<Applicant>(
  {
    number: {type: Number, required: true},
    name: {type: String, default: null, trim: true, maxlength: 200},
    email: {type: String, default: null, lowercase: true, trim: true, maxlength: 320},
    verified: {type: Boolean, default: false},
    identityKey: {type: String, required: true},
    visitorSecretHash: {type: String, required: true},
    timeZone: {type: String, default: null},
    currentUrl: {type: String, default: null},
    referrer: {type: String, default: null},
    language: {type: String, default: null},
    phone: {type: String, default: null},
    emailVerified: {type: Boolean, default: false},
    intakeAt: {type: Date, default: null},
    consent: {type: {version: Number, acceptedAt: Date, textHash: String, lang: String, _id: false}, default: null},
  },
  ['visitorSecretHash', 'identityKey'],
);
// FerretDB has no partial indexes, so uniqueness of verified emails rides on identityKey.
applicantSchema.index({identityKey: 1}, {unique: true});
applicantSchema.index({firmId: 1, email: 1});
