import {Schema, type Types} from 'mongoose';
import type {AttachmentType} from '../../protocol/attachments.js';
import type {ParticipantKind} from '../../protocol/chat.js';

/**
 * One stored document. Its bytes are a GridFS file (bucket `attachments`, same `_id`); this
 * record holds what queries need as top-level indexed fields (GridFS keeps them under
 * `metadata`, which indexes cannot serve as well). `messageId` is set once the message exists;
 * a record without one is an upload in flight or an orphan of a crash.
 */
export interface Attachment {
  _id: Types.ObjectId;
  conversationId: Types.ObjectId;
  firmId: Types.ObjectId;
  uploader: {kind: ParticipantKind; id: Types.ObjectId};
  name: string;
  size: number;
  sha256: string;
  type: AttachmentType;
  mime: string;
  messageId: Types.ObjectId | null;
  createdAt: Date;
}

export const attachmentSchema = new Schema<Attachment>(
  {
    conversationId: {type: Schema.Types.ObjectId, required: true},
    firmId: {type: Schema.Types.ObjectId, required: true},
    uploader: {kind: {type: String, enum: ['lawyer', 'applicant'], required: true}, id: {type: Schema.Types.ObjectId, required: true}},
    name: {type: String, required: true},
    size: {type: Number, required: true},
    sha256: {type: String, required: true},
    type: {type: String, required: true},
    mime: {type: String, required: true},
    messageId: {type: Schema.Types.ObjectId, default: null},
  },
  {timestamps: {createdAt: true, updatedAt: false}, collection: 'attachments'},
);
// Per-conversation totals, erasure and the zip export read a conversation's documents.
attachmentSchema.index({conversationId: 1});
