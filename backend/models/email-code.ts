// One-time codes that prove an applicant reads an email address. Insert-only: a code is a new
// document, and each attempt at it is a document `<code id>:<n>` whose unique `_id` caps the
// attempts even when guesses arrive at once (no counter to update, nothing to lose on FerretDB).
import {Schema, type Connection, type Model, type Types} from 'mongoose';
import {bind} from './shared.js';

export interface EmailCode {
  _id: Types.ObjectId;
  applicantId: Types.ObjectId;
  firmId: Types.ObjectId;
  email: string;
  name: string | null;
  /** HMAC of the code: a leaked collection gives no codes. */
  codeHash: string;
  expiresAt: Date;
  createdAt: Date;
}

export const emailCodeSchema = new Schema<EmailCode>(
  {
    applicantId: {type: Schema.Types.ObjectId, required: true},
    firmId: {type: Schema.Types.ObjectId, required: true},
    email: {type: String, required: true},
    name: {type: String, default: null},
    codeHash: {type: String, required: true},
    expiresAt: {type: Date, required: true},
    createdAt: {type: Date, required: true},
  },
  {collection: 'email_codes', versionKey: false},
);
// The applicant's latest code.
emailCodeSchema.index({applicantId: 1, createdAt: -1});

export interface EmailCodeAttempt {
  _id: string;
  codeId: Types.ObjectId;
  at: Date;
}

export const emailCodeAttemptSchema = new Schema<EmailCodeAttempt>(
  {_id: {type: String, required: true}, codeId: {type: Schema.Types.ObjectId, required: true}, at: {type: Date, required: true}},
  {collection: 'email_code_attempts', versionKey: false},
);
emailCodeAttemptSchema.index({codeId: 1});

export function emailCodeModels(conn: Connection): {Codes: Model<EmailCode>; Attempts: Model<EmailCodeAttempt>} {
  return {Codes: bind(conn, 'EmailCode', emailCodeSchema), Attempts: bind(conn, 'EmailCodeAttempt', emailCodeAttemptSchema)};
}
