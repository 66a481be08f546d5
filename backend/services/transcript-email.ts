// The applicant asks for their conversation's transcript by email: only to an email the firm
// knows to be theirs (verified by the firm's identity token or by a one-time code), through
// the email outbox, in the applicant's language (en/fr/es) with the firm's brand, like the
// booking emails. Asking again with nothing new said queues nothing new.
import {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import type {Mailer} from '../mail/index.js';
import {outboxModel} from '../models/outbox.js';
import type {Connection} from 'mongoose';
import type {Applicant, Conversation, Firm, Message, Models} from '../models/index.js';
import {renderEmail} from '../mail/templates/layout.js';
import {EMAIL_STRINGS, LOCALES, emailLang, type EmailLang, type EmailStrings} from '../mail/templates/strings.js';
import type {ApplicantDataEraser, PrivacyService} from './privacy.js';

/** Lines in the email's body; the attached file always has the whole conversation. */
const MAX_LINES = 2000;

/** One message as the applicant reads it: their own clock and language; "You" for their own. */
function lineFor(m: Message, t: EmailStrings, lang: EmailLang, timeZone: string | null | undefined): string {
  let when: string;
  try {
    when = new Date(m.createdAt).toLocaleString(LOCALES[lang], {timeZone: timeZone ?? 'UTC', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...(timeZone ? {} : {timeZoneName: 'short'})});
  } catch {
    when = new Date(m.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  }
  if (m.kind === 'system') return `${when} · ${m.system ? t.transcriptEvent[m.system.event] ?? m.system.event : ''}`;
  const who = m.sender.kind === 'applicant' ? t.transcriptYou : m.sender.name ?? t.yourLawyer;
  const what = m.deletedAt ? t.transcriptDeleted
    : m.kind === 'attachment' && m.attachment ? `${t.transcriptDocument(m.attachment.name)}${m.body ? ` ${m.body}` : ''}`
    : m.kind === 'email-request' ? t.transcriptEmail(m.emailRequest?.state ?? 'asked', m.emailRequest?.email ?? null)
    : m.body;
  return `${when} · ${who}: ${what}`;
}

export function createTranscriptEmail(deps: {db: Connection; models: Models; privacy: PrivacyService; mailer: () => Mailer}) {
  const {Applicant, Conversation, Firm, Message} = deps.models;
  return {
    async send(p: SocketPrincipal, conversationId: string): Promise<{to: string; queued: boolean}> {
      if (p.kind !== 'applicant') throw new AppError('forbidden', 'only the applicant asks for their transcript by email');
      const {text} = await deps.privacy.transcript(p, conversationId); // checks membership
      const applicant = await Applicant.findById(p.id).lean<Applicant>();
      if (!applicant?.email) throw new AppError('conflict', 'no email address is known for you: the transcript cannot be emailed');
      if (!applicant.verified && !applicant.emailVerified) throw new AppError('conflict', 'your email address is not verified: the transcript is only sent to a verified address');
      const conv = (await Conversation.findById(conversationId).lean<Conversation>())!;
      const firm = await Firm.findById(conv.firmId).select({name: 1, branding: 1}).lean<Pick<Firm, 'name' | 'branding'>>();
      const firmName = firm?.name ?? 'Consult Chat';
      // In the applicant's language (the widget's, else the browser's), like the booking emails.
      const lang = emailLang(applicant.lang ?? applicant.language);
      const t = EMAIL_STRINGS[lang];
      const messages = await Message.find({conversationId: conv._id}).sort({seq: 1}).limit(MAX_LINES).lean<Message[]>();
      const lines = messages.filter((m) => m.kind !== 'note').map((m) => lineFor(m, t, lang, applicant.timeZone)).join('\n');
      const {html, text: body} = renderEmail({
        brand: {name: firmName, logoUrl: firm?.branding?.logoUrl, accent: firm?.branding?.accent}, lang, title: t.transcriptSubject(firmName),
        blocks: [{kind: 'p', text: t.greeting(applicant.name)}, {kind: 'p', text: t.transcriptIntro(firmName)}, {kind: 'pre', text: lines.slice(0, 100_000)}],
        footer: t.transcriptFooter(firmName),
      });
      const id = new Types.ObjectId();
      const {job, created} = await deps.mailer().enqueue(
        {
          to: applicant.email,
          subject: t.transcriptSubject(firmName),
          text: body,
          html,
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
