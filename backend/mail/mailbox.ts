// What /dev/mail shows: every email in the outbox, newest first, and its attachments.
import type {Connection} from 'mongoose';
import {OBJECT_ID} from '../../protocol/schemas.js';
import {outboxModel, type Outbox} from '../models/outbox.js';

/** One stored email as the mailbox page shows it. */
export type MailRecord = Outbox;

export interface DevMailbox {
  list(limit: number): Promise<Outbox[]>;
  attachment(id: string, index: number): Promise<Outbox['payload']['attachments'][number] | undefined>;
}

export function devMailbox(db: Connection): DevMailbox {
  return {
    list: (limit) => outboxModel(db).find().sort({createdAt: -1, _id: -1}).limit(limit).lean<Outbox[]>(),
    async attachment(id, index) {
      const mail = OBJECT_ID.test(id) ? await outboxModel(db).findById(id).lean<Outbox>() : null;
      return mail?.payload.attachments[index];
    },
  };
}
