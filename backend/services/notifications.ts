// Offline notifications: a message the other side has not read a few minutes later triggers
// one email to them, with a link back and never the message itself (legal confidentiality).
// Messages in quick succession share one check; the outbox's idempotency key allows one email
// per recipient, conversation and window, across processes too.
import {participantKey, unreadFor, type ConversationDto} from '../../protocol/chat.js';
import type {Config} from '../config.js';
import type {Logger} from '../logger.js';
import type {Applicant, Conversation, Firm, Lawyer, Models} from '../models/index.js';
import type {Mailer} from '../mail/index.js';
import type {EventBus} from '../infra/bus.js';
import {conversationDto} from './dto.js';

export interface OfflineNotifierOptions {
  delayMs: number;
  windowMs: number;
  now?: () => number;
}

/** The page the chat started on, while its origin is still allowed; else the firm's first site. */
function backToChat(conv: Conversation, firm: Firm, config: Config): string {
  try {
    if (conv.startUrl && firm.allowedOrigins.includes(new URL(conv.startUrl).origin)) return conv.startUrl;
  } catch {
    // a malformed stored URL: fall back
  }
  return `${firm.allowedOrigins[0] ?? config.PUBLIC_URL}/`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createOfflineNotifier(deps: {models: Models; mailer: Mailer; bus: EventBus; config: Config; logger: Logger} & OfflineNotifierOptions) {
  const {models, mailer, config, logger} = deps;
  const now = deps.now ?? Date.now;
  const timers = new Map<string, NodeJS.Timeout>();
  /** Pending checks that include a shared document: the email says so, never naming it. */
  const documents = new Set<string>();

  async function notify(conversationId: string, side: 'applicant' | 'lawyer', document = false): Promise<void> {
    const conv = await models.Conversation.findById(conversationId).lean<Conversation>();
    if (!conv) return;
    const applicant = await models.Applicant.findById(conv.applicantId).lean<Applicant>();
    const firm = await models.Firm.findById(conv.firmId).lean<Firm>();
    if (!applicant || !firm) return;
    const dto: ConversationDto = conversationDto(conv, applicant);
    const window = Math.floor(now() / deps.windowMs);
    const recipients: {id: string; email: string; link: string; greeting: string}[] = [];
    if (side === 'applicant') {
      if (!applicant.email || unreadFor(dto, 'applicant', String(applicant._id)) === 0) return;
      recipients.push({id: String(applicant._id), email: applicant.email, link: backToChat(conv, firm, config), greeting: applicant.name ? `Hello ${applicant.name},` : 'Hello,'});
    } else {
      // "No lawyer has seen it": every lawyer cursor is behind the applicant's messages.
      const seenByAnyLawyer = Object.entries(dto.cursors).some(([key, c]) => key.startsWith('l:') && c.readCount >= dto.counts.applicant);
      if (seenByAnyLawyer || dto.counts.applicant === 0) return;
      const filter = conv.assignedLawyerIds.length ? {_id: {$in: conv.assignedLawyerIds}} : {firmId: conv.firmId};
      const lawyers = await models.Lawyer.find(filter).limit(20).lean<Lawyer[]>();
      for (const l of lawyers) {
        if (unreadFor(dto, 'lawyer', String(l._id)) === 0) continue;
        recipients.push({id: String(l._id), email: l.email, link: `${config.PUBLIC_URL}/console/#conversation=${conversationId}`, greeting: `Hello ${l.name},`});
      }
    }
    for (const r of recipients) {
      const subject = document ? (side === 'applicant' ? `${firm.name}: a document was shared with you` : `A document was shared (${applicant.name ?? `Visitor #${applicant.number}`})`)
        : side === 'applicant' ? `${firm.name} replied to your message` : `A message is waiting for an answer (${applicant.name ?? `Visitor #${applicant.number}`})`;
      const line = document
        ? (side === 'applicant'
          ? `${firm.name} shared a document in your conversation. For confidentiality neither the document nor its name is included in this email; please open it on the firm's website.`
          : 'A document was shared in a conversation that no lawyer has read yet. Neither the document nor its name is included in this email; open the console to see it.')
        : side === 'applicant'
        ? `${firm.name} has replied in your conversation. For confidentiality the reply is not included in this email; please read it on the firm's website.`
        : 'An applicant wrote in a conversation that no lawyer has read yet. The message is not included in this email; open the console to read and answer it.';
      await mailer.enqueue(
        {to: r.email, subject, text: `${r.greeting}\n\n${line}\n\n${r.link}\n`, html: `<p>${esc(r.greeting)}</p><p>${esc(line)}</p><p><a href="${esc(r.link)}">${esc(r.link)}</a></p>`},
        {kind: `notify.${side}`, recipientRole: side, idempotencyKey: `notify-${conversationId}-${participantKey(side, r.id)}-${window}`},
      );
    }
  }

  const unsubscribe = deps.bus.subscribe('message:new', ({conversation, message}) => {
    // Notes stay inside the firm: they never make anyone an email.
    if (message.sender.kind === 'system' || message.kind === 'note') return;
    const side = message.sender.kind === 'lawyer' ? 'applicant' : 'lawyer';
    const key = `${conversation.id}:${side}`;
    if (message.kind === 'attachment') documents.add(key);
    if (timers.has(key)) return; // one check covers a burst of messages
    const timer = setTimeout(() => {
      timers.delete(key);
      const document = documents.delete(key);
      notify(conversation.id, side, document).catch((err) => logger.warn({err, conversationId: conversation.id}, 'offline notification failed'));
    }, deps.delayMs);
    timer.unref();
    timers.set(key, timer);
  });

  return {
    stop(): void {
      unsubscribe();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      documents.clear();
    },
    /** For tests: run the check now. */
    notify,
  };
}

export type OfflineNotifier = ReturnType<typeof createOfflineNotifier>;
