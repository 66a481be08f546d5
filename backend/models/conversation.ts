import {Schema, type Types} from 'mongoose';
import type {ConversationSummary, CursorDto, ParticipantKey} from '../../protocol/chat.js';
import {wireShape} from './shared.js';

/**
 * The stored conversation: the wire's summary fields as they are (lastSeq is the highest seq
 * stored, kept with $max after each message; the messages are the truth), with ids and dates
 * as the database holds them, the applicant by id, and the cursors under field-safe keys.
 */
export interface Conversation extends ConversationSummary {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  applicantId: Types.ObjectId;
  assignedLawyerIds: Types.ObjectId[];
  /** Keyed by participant key with ':' replaced by '_' (dots and colons make poor field names). */
  cursors: Record<string, CursorDto>;
  lastMessageAt: Date | null;
  /** The page the chat started on (the applicant's email links back to it) and its referrer. */
  startUrl?: string | null;
  startReferrer?: string | null;
  /** The applicant's rating once closed; `ratedAt` is top-level so the owners' report is indexed. */
  rating?: {score: number; comment: string | null; lawyerId: Types.ObjectId | null} | null;
  ratedAt?: Date | null;
  /** Transcript emails queued for the applicant (erased with them). */
  transcriptEmailIds?: Types.ObjectId[];
  /** The email-request card still waiting for the applicant (services/email-request.ts). */
  emailRequestId?: Types.ObjectId | null;
  /** When the firm's rule asks for an email if no lawyer has answered; null once handled. */
  emailAskDueAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function cursorField(key: ParticipantKey): string {
  return key.replace(':', '_');
}

export const conversationSchema = new Schema<Conversation>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    applicantId: {type: Schema.Types.ObjectId, required: true},
    assignedLawyerIds: {type: [Schema.Types.ObjectId], default: []},
    status: {type: String, enum: ['open', 'closed'], default: 'open'},
    topic: {type: String, default: null, maxlength: 200},
    lastSeq: {type: Number, default: 0},
    counts: {applicant: {type: Number, default: 0}, lawyer: {type: Number, default: 0}},
    cursors: {type: Schema.Types.Mixed, default: () => ({})},
    lastMessageAt: {type: Date, default: null},
    lastMessagePreview: {type: String, default: null},
    startUrl: {type: String, default: null},
    startReferrer: {type: String, default: null},
    rating: {type: Schema.Types.Mixed, default: null},
    ratedAt: {type: Date, default: null},
    transcriptEmailIds: {type: [Schema.Types.ObjectId], default: undefined},
    emailRequestId: {type: Schema.Types.ObjectId, default: undefined},
    emailAskDueAt: {type: Date, default: undefined},
  },
  {timestamps: true, minimize: false},
);
conversationSchema.index({firmId: 1, lastMessageAt: -1});
conversationSchema.index({applicantId: 1, createdAt: -1});
conversationSchema.index({firmId: 1, ratedAt: -1});
// The automatic email request's sweep: conversations whose ask is due.
conversationSchema.index({emailAskDueAt: 1});
wireShape(conversationSchema);
