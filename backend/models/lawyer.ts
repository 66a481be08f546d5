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
  /** Language of the emails the lawyer receives (en, fr, es). */
  lang?: string;
  personalMeetingUrl: string | null;
  lastSeenAt: Date | null;
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
    lang: {type: String, default: 'en'},
    personalMeetingUrl: {type: String, default: null},
    lastSeenAt: {type: Date, default: null},
  },
  {timestamps: {createdAt: true, updatedAt: false}},
);
lawyerSchema.index({email: 1}, {unique: true});
lawyerSchema.index({firmId: 1});
wireShape(lawyerSchema, ['passwordHash']);
