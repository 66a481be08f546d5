import {Schema, type Types} from 'mongoose';
import type {EmailRequestCard, MessageKind, SenderKind, SystemEvent} from '../../protocol/chat.js';
import type {ConsultationCard} from '../../protocol/consultation.js';
import type {AttachmentDto} from '../../protocol/attachments.js';
import type {BookingRequestCard} from '../../protocol/booking.js';
import {wireShape} from './shared.js';

export interface Message {
  _id: Types.ObjectId;
  conversationId: Types.ObjectId;
  firmId: Types.ObjectId;
  seq: number;
  sender: {kind: SenderKind; id: Types.ObjectId | null; name: string | null};
  kind: MessageKind;
  body: string;
  clientId: string;
  /** Messages each side had sent up to and including this one (unread counts from cursors). */
  counts: {applicant: number; lawyer: number};
  system: SystemEvent | null;
  consultationId: Types.ObjectId | null;
  /** Notes: the lawyers it @mentions. */
  mentions?: Types.ObjectId[];
  /** Snapshot of the consultation for its card, updated in place on reschedule and cancel. */
  consultation?: ConsultationCard | null;
  /** On `attachment` messages: the stored document (its GridFS file has the same id). */
  attachment?: AttachmentDto | null;
  /** On `email-request` messages: asked or confirmed (with the address). */
  emailRequest?: EmailRequestCard | null;
  /** On `request` messages: the booking request's card, updated in place. */
  request?: BookingRequestCard | null;
  createdAt: Date;
  deletedAt: Date | null;
  deletedBy: Types.ObjectId | null;
}

export const messageSchema = new Schema<Message>(
  {
    conversationId: {type: Schema.Types.ObjectId, required: true},
    firmId: {type: Schema.Types.ObjectId, required: true},
    seq: {type: Number, required: true},
    sender: {
      kind: {type: String, enum: ['lawyer', 'applicant', 'system'], required: true},
      id: {type: Schema.Types.ObjectId, default: null},
      name: {type: String, default: null},
    },
    kind: {type: String, enum: ['text', 'system', 'consultation', 'note', 'attachment', 'email-request', 'request'], default: 'text'},
    body: {type: String, default: ''},
    clientId: {type: String, required: true},
    counts: {applicant: {type: Number, default: 0}, lawyer: {type: Number, default: 0}},
    system: {type: Schema.Types.Mixed, default: null},
    consultationId: {type: Schema.Types.ObjectId, default: null},
    consultation: {type: Schema.Types.Mixed, default: null},
    mentions: {type: [Schema.Types.ObjectId], default: undefined},
    attachment: {type: Schema.Types.Mixed, default: null},
    emailRequest: {type: Schema.Types.Mixed, default: undefined},
    request: {type: Schema.Types.Mixed, default: null},
    deletedAt: {type: Date, default: null},
    deletedBy: {type: Schema.Types.ObjectId, default: null},
  },
  {timestamps: {createdAt: true, updatedAt: false}},
);
// The sequencer: a message takes seq = previous + 1 and this index refuses a second taker,
// so seqs have no gaps and become visible in order (a sync can never skip one).
messageSchema.index({conversationId: 1, seq: 1}, {unique: true});
// Every message has a clientId (the server makes one for its own), so no partial index is needed.
messageSchema.index({conversationId: 1, 'sender.id': 1, clientId: 1}, {unique: true});
messageSchema.index({consultationId: 1});
wireShape(messageSchema);
