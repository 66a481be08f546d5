import type {Connection} from 'mongoose';
import {bind} from './shared.js';
import {firmSchema} from './firm.js';
import {lawyerSchema} from './lawyer.js';
import {applicantSchema} from './applicant.js';
import {conversationSchema} from './conversation.js';
import {messageSchema} from './message.js';
import {attachmentSchema} from './attachment.js';

export function createModels(conn: Connection) {
  return {
    Firm: bind(conn, 'Firm', firmSchema),
    Lawyer: bind(conn, 'Lawyer', lawyerSchema),
    Applicant: bind(conn, 'Applicant', applicantSchema),
    Conversation: bind(conn, 'Conversation', conversationSchema),
    Message: bind(conn, 'Message', messageSchema),
    Attachment: bind(conn, 'Attachment', attachmentSchema),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Creates the indexes the queries need; run once at start (autoIndex is off). */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) await model.createIndexes();
}

export type {Firm} from './firm.js';
export type {Lawyer} from './lawyer.js';
export type {Applicant} from './applicant.js';
export type {Conversation} from './conversation.js';
export type {Message} from './message.js';
export type {Attachment} from './attachment.js';
