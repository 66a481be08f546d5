import type {Connection} from 'mongoose';
import {bind} from './shared.js';
import {firmSchema} from './firm.js';
import {lawyerSchema} from './lawyer.js';
import {applicantSchema} from './applicant.js';
import {conversationSchema} from './conversation.js';
import {messageSchema} from './message.js';
import {attachmentSchema} from './attachment.js';
import {cannedReplySchema} from './canned-reply.js';
import {auditSchema, imageSchema, leaseSchema} from './settings.js';
import {apiKeySchema} from './api-key.js';

export function createModels(conn: Connection) {
  return {
    Firm: bind(conn, 'Firm', firmSchema),
    Lawyer: bind(conn, 'Lawyer', lawyerSchema),
    Applicant: bind(conn, 'Applicant', applicantSchema),
    Conversation: bind(conn, 'Conversation', conversationSchema),
    Message: bind(conn, 'Message', messageSchema),
    Attachment: bind(conn, 'Attachment', attachmentSchema),
    CannedReply: bind(conn, 'CannedReply', cannedReplySchema),
    AuditEntry: bind(conn, 'AuditEntry', auditSchema),
    Image: bind(conn, 'Image', imageSchema),
    Lease: bind(conn, 'Lease', leaseSchema),
    ApiKey: bind(conn, 'ApiKey', apiKeySchema),
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
export type {CannedReply} from './canned-reply.js';
export type {AuditEntry, StoredImage, Lease} from './settings.js';
export type {ApiKey} from './api-key.js';
