import {Schema, type Types} from 'mongoose';

export type SearchField = 'text' | 'note' | 'name' | 'email' | 'topic';

/**
 * One word of a conversation's messages (or of its applicant's name, email or topic), folded.
 * The `_id` is made of the conversation, the field and the term: a word written a hundred times
 * in a conversation is one row, pointing at the newest message that has it, so indexing twice
 * (a live write racing the backfill, a retry) stores nothing twice and the index does not grow
 * with every message sent.
 */
export interface SearchTerm {
  _id: string;
  firmId: Types.ObjectId;
  conversationId: Types.ObjectId;
  /** The newest message with this word; null for the conversation's own fields (name, email, topic). */
  messageId: Types.ObjectId | null;
  field: SearchField;
  term: string;
  k2: string;
  k4: string;
  k7: string;
  /** That message's time (the conversation's creation for its fields): newest first. */
  at: Date;
}

export const searchTermSchema = new Schema<SearchTerm>({
  _id: {type: String, required: true},
  firmId: {type: Schema.Types.ObjectId, required: true},
  conversationId: {type: Schema.Types.ObjectId, required: true},
  messageId: {type: Schema.Types.ObjectId, default: null},
  field: {type: String, required: true},
  term: {type: String, required: true},
  k2: {type: String, required: true},
  k4: {type: String, required: true},
  k7: {type: String, required: true},
  at: {type: Date, required: true},
}, {versionKey: false, collection: 'searchterms'});
// A prefix search is equality on the firm and a prefix key, newest first: each read is a
// contiguous index range in `at` order, on MongoDB and on the embedded engine alike.
searchTermSchema.index({firmId: 1, k2: 1, at: -1});
searchTermSchema.index({firmId: 1, k4: 1, at: -1});
searchTermSchema.index({firmId: 1, k7: 1, at: -1});
// Removal of a conversation's fields, its message words, or whole conversations.
searchTermSchema.index({conversationId: 1, messageId: 1});
