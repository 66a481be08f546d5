// The applicant asks for their conversation's transcript by email: only to an email the firm
// knows to be theirs (verified by the firm's identity token or by a one-time code), through
// the email outbox. Asking again with nothing new said queues nothing new.
import {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import type {Mailer} from '../mail/index.js';
import {outboxModel} from '../models/outbox.js';
import type {Connection} from 'mongoose';
import type {Applicant, Conversation, Firm, Models} from '../models/index.js';
import type {ApplicantDataEraser, PrivacyService} from './privacy.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createTranscriptEmail(deps: {db: Connection; models: Models; privacy: PrivacyService; mailer: () => Mailer}) {
  const {Applicant, Conversation, Firm} = deps.models;
  return {
    async send(p: SocketPrincipal, conversationId: string): Promise<{to: string; queued: boolean}> {
      if (p.kind !== 'applicant') throw new AppError('forbidden', 'only the applicant asks for their transcript by email');
      const {text} = await deps.privacy.transcript(p, conversationId); // checks membership
      const applicant = await Applicant.findById(p.id).lean<Applicant>();
      if (!applicant?.email) throw new AppError('conflict', 'no email address is known for you: the transcript cannot be emailed');
      if (!applicant.verified && !applicant.emailVerified) throw new AppError('conflict', 'your email address is not verified: the transcript is only sent to a verified address');
      const conv = (await Conversation.findById(conversationId).lean<Conversation>())!;
      const firm = await Firm.findById(conv.firmId).select({name: 1}).lean<Pick<Firm, 'name'>>();
      const firmName = firm?.name ?? 'the firm';
      const id = new Types.ObjectId();
      const {job, created} = await deps.mailer().enqueue(
        {
          to: applicant.email,
          subject: `Your conversation with ${firmName}`,
          text: `Hello${applicant.name ? ` ${applicant.name}` : ''},\n\nAs you asked, here is the transcript of your conversation with ${firmName} (also attached).\n\n${text.slice(0, 150_000)}`,
          html: `<p>Hello${applicant.name ? ` ${esc(applicant.name)}` : ''},</p><p>As you asked, here is the transcript of your conversation with ${esc(firmName)}.</p><pre style="white-space:pre-wrap;font-family:inherit">${esc(text.slice(0, 100_000))}</pre>`,
          attachments: [{filename: `conversation-${conversationId}.txt`, contentType: 'text/plain; charset=utf-8', content: text}],
        },
        {kind: 'transcript', recipientRole: 'applicant', id, idempotencyKey: `transcript-${conversationId}-${conv.lastSeq}-${applicant.email}`},
      );
      // Remembered on the conversation, so erasing the applicant erases the stored email too.
      if (created) await Conversation.updateOne({_id: conv._id}, {$addToSet: {transcriptEmailIds: job._id}});
      return {to: applicant.email, queued: created};
    },

    eraser: (async (_applicantId, conversationIds) => {
      const convs = await Conversation.find({_id: {$in: conversationIds}}).select({transcriptEmailIds: 1}).lean<{transcriptEmailIds?: Types.ObjectId[]}[]>();
      const ids = convs.flatMap((c) => c.transcriptEmailIds ?? []);
      const res = ids.length ? await outboxModel(deps.db).deleteMany({_id: {$in: ids}}) : {deletedCount: 0};
      return {name: 'transcriptEmails', deleted: res.deletedCount};
    }) satisfies ApplicantDataEraser,
  };
}

export type TranscriptEmail = ReturnType<typeof createTranscriptEmail>;
