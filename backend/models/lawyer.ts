import {Schema, type Types} from 'mongoose';
import {wireShape} from './shared.js';

export interface Lawyer {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  name: string;
  email: string;
  passwordHash: string;
  role: 'owner' | 'lawyer';
  timeZone: string;
  personalMeetingUrl: string | null;
  lastSeenAt: Date | null;
  /** False once an owner deactivated the account: no login, tokens refused. */
  active?: boolean;
  /** Part of every token; raised to end all of the lawyer's sessions at once. */
  tokenVersion?: number;
  avatarUrl?: string | null;
  /** A pending invitation: the sha256 of its one-time token. */
  invite?: {tokenHash: string; expiresAt: Date} | null;
  createdAt: Date;
}

export const lawyerSchema = new Schema<Lawyer>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    name: {type: String, required: true, trim: true, maxlength: 200},
    email: {type: String, required: true, lowercase: true, trim: true},
    passwordHash: {type: String, required: true},
    role: {type: String, enum: ['owner', 'lawyer'], default: 'lawyer'},
    timeZone: {type: String, default: 'UTC'},
    personalMeetingUrl: {type: String, default: null},
    lastSeenAt: {type: Date, default: null},
    active: {type: Boolean, default: true},
    tokenVersion: {type: Number, default: 0},
    avatarUrl: {type: String, default: null},
    invite: {type: {tokenHash: String, expiresAt: Date, _id: false}, default: null},
  },
  {timestamps: {createdAt: true, updatedAt: false}},
);
lawyerSchema.index({email: 1}, {unique: true});
lawyerSchema.index({firmId: 1});
lawyerSchema.index({'invite.tokenHash': 1});
wireShape(lawyerSchema, ['passwordHash', 'invite', 'tokenVersion']);
