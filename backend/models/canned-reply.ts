import {Schema, type Types} from 'mongoose';
import {wireShape} from './shared.js';

/** A snippet a lawyer inserts with `/shortcut`: the firm's (ownerId null) or one lawyer's own. */
export interface CannedReply {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  ownerId: Types.ObjectId | null;
  shortcut: string;
  body: string;
  createdAt: Date;
}

export const cannedReplySchema = new Schema<CannedReply>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    ownerId: {type: Schema.Types.ObjectId, default: null},
    shortcut: {type: String, required: true, maxlength: 32},
    body: {type: String, required: true, maxlength: 4000},
  },
  {timestamps: {createdAt: true, updatedAt: false}},
);
// The console reads the firm's and then the lawyer's own: two equality queries on this index.
cannedReplySchema.index({firmId: 1, ownerId: 1, shortcut: 1});
wireShape(cannedReplySchema);
