import {personSchema, type FirmPerson} from './person.js';

export interface Lawyer extends FirmPerson {
  name: string;
  email: string;
  passwordHash: string;
  role: 'owner' | 'lawyer';
  timeZone: string;
  personalMeetingUrl: string | null;
  /** False once an owner deactivated the account: no login, tokens refused. */
  active?: boolean;
  /** Part of every token; raised to end all of the lawyer's sessions at once. */
  tokenVersion?: number;
  avatarUrl?: string | null;
  /** A pending invitation: the sha256 of its one-time token. */
  invite?: {tokenHash: string; expiresAt: Date} | null;
}

export const lawyerSchema = personSchema<Lawyer>(
  {
    name: {type: String, required: true, trim: true, maxlength: 200},
    email: {type: String, required: true, lowercase: true, trim: true},
    passwordHash: {type: String, required: true},
    role: {type: String, enum: ['owner', 'lawyer'], default: 'lawyer'},
    timeZone: {type: String, default: 'UTC'},
    personalMeetingUrl: {type: String, default: null},
    active: {type: Boolean, default: true},
    tokenVersion: {type: Number, default: 0},
    avatarUrl: {type: String, default: null},
    invite: {type: {tokenHash: String, expiresAt: Date, _id: false}, default: null},
  },
  ['passwordHash', 'invite', 'tokenVersion'],
);
lawyerSchema.index({email: 1}, {unique: true});
lawyerSchema.index({firmId: 1});
lawyerSchema.index({'invite.tokenHash': 1});
