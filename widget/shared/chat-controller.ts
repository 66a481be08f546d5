// The applicant's side of their conversation: the widget session (created or resumed from the
// visitor's stored secret), the pre-chat answers, and messages written before any session.
// Everything that travels over the socket is the shared ConversationCore's.
import type {ReactiveControllerHost} from 'lit';
import type {JoinResult, MessageDto, ParticipantKey} from '../../protocol/chat.js';
import type {WidgetSessionRequest, WidgetSessionResponse} from '../../protocol/rest.js';
import {ConversationCore, type ChatSide} from './conversation-core.js';
import {RequestError, requestJson, sleep} from './http.js';
import {Outbox} from './outbox.js';
import {readJson, storage, writeJson} from './storage.js';

export interface ChatControllerOptions {
  /** Backend origin, e.g. https://chat.example-firm.com */
  server(): string;
  site(): string;
  identityToken(): string | undefined;
  /** Called for each lawyer's message that arrives while the widget runs. */
  onIncoming?(message: MessageDto): void;
}

export interface PrechatAnswers {
  name?: string;
  email?: string;
  phone?: string;
  topic?: string;
  consentVersion?: number;
  consentLang?: 'en' | 'fr' | 'es';
}

/** Refusals that retrying cannot fix: wrong site key or origin, a bad identity token. */
const REFUSALS = ['origin_not_allowed', 'bad_request', 'not_found', 'unauthorized', 'forbidden'];

export class ChatController implements ChatSide {
  readonly kind = 'applicant';
  readonly core: ConversationCore;
  readonly server: () => string;
  readonly onIncoming?: (message: MessageDto) => void;
  session?: WidgetSessionResponse;
  needsPrechat = false;

  private topic?: string;
  /** Written before any session existed (first open while offline); moved to the visitor's outbox. */
  private early?: Outbox;
  /** The visitor whose outbox `core.outbox` is. */
  private outboxOf?: string;

  constructor(host: ReactiveControllerHost, private opts: ChatControllerOptions) {
    this.server = opts.server;
    this.onIncoming = opts.onIncoming;
    this.core = new ConversationCore(host, this);
  }

  me(): ParticipantKey | undefined {
    return this.session ? `a:${this.session.applicant.id}` : undefined;
  }

  token(): string | undefined {
    return this.session?.token;
  }

  /** Lawyers' presence, summarised: online if any is, else the latest time one was seen. */
  get lawyersPresence(): {online: boolean; lastSeenAt: string | null} {
    let lastSeenAt: string | null = null;
    for (const p of this.core.presence.values()) {
      if (!p.key.startsWith('l:')) continue;
      if (p.online) return {online: true, lastSeenAt: null};
      if (p.lastSeenAt && (!lastSeenAt || p.lastSeenAt > lastSeenAt)) lastSeenAt = p.lastSeenAt;
    }
    return {online: false, lastSeenAt};
  }

  async open(): Promise<boolean> {
    if (this.session && this.needsPrechat) return false;
    this.early ??= new Outbox(storage(), this.key('early'));
    this.core.outbox ??= this.early;
    this.core.setState('connecting');
    if (!(await this.authenticate()) || !this.core.attached) return false;
    const {applicant, firm} = this.session!;
    const c = firm.contact;
    // The notice to accept, the form to fill, or an email to leave outside business hours.
    this.needsPrechat = !!c && (!!(c.consent && applicant.consent?.version !== c.consent.version)
      || (firm.prechat.enabled && !applicant.verified && !applicant.intakeDone) || !!(c.hours && !c.hours.open && !applicant.email));
    if (this.needsPrechat) this.core.host.requestUpdate();
    return !this.needsPrechat;
  }

  /** Throws the server's refusal (a required field, a changed notice) for the form to show. */
  async submitPrechat(answers: PrechatAnswers): Promise<void> {
    const {topic, ...rest} = answers;
    this.topic = topic || undefined;
    if ((await this.authenticate({...rest, intake: true})) && this.core.attached) {
      this.needsPrechat = false;
      this.core.connect();
    }
  }

  join(): Promise<JoinResult> {
    return this.core.request('conversation:open', this.topic ? {topic: this.topic} : {});
  }

  /** Creates or resumes the session; retries transient failures; false when refused for good. */
  async authenticate(extra: Omit<WidgetSessionRequest, 'siteKey'> = {}): Promise<boolean> {
    const core = this.core;
    for (let attempt = 0; ; attempt++) {
      // A wrong or stale secret makes the server start a new visitor, whose secret replaces it.
      const body: WidgetSessionRequest = {siteKey: this.opts.site(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, pageUrl: location.href, referrer: document.referrer, language: navigator.language, ...this.visitor(), ...extra};
      const identityToken = this.opts.identityToken();
      if (identityToken) body.identityToken = identityToken;
      try {
        const res = await requestJson<WidgetSessionResponse>(`${this.server()}/api/v1/widget/session`, {method: 'POST', body});
        // Without storage the visitor simply cannot resume after a reload.
        if (res.visitorSecret) writeJson(this.key('visitor'), {visitorId: res.visitorId, visitorSecret: res.visitorSecret});
        if (this.outboxOf !== res.visitorId) {
          core.outbox = new Outbox(storage(), this.key(`${res.visitorId}:outbox`));
          this.outboxOf = res.visitorId;
        }
        for (const e of this.early?.entries ?? []) {
          core.outbox!.add(e.body, e.clientId);
          this.early!.remove(e.clientId);
        }
        this.session = res;
        core.host.requestUpdate();
        return true;
      } catch (err) {
        // Anything but an error answer means no usable answer: as if the server were away.
        const e = err instanceof RequestError ? err : new RequestError({code: 'unavailable', message: String(err)});
        if (extra.intake && e.body.code === 'bad_request') throw e;
        if (REFUSALS.includes(e.body.code)) {
          core.setState('refused');
          return false;
        }
        core.setState(!navigator.onLine ? 'offline' : e.status === 0 ? 'connecting' : 'unavailable');
        await sleep(e.body.retryAfter ? e.body.retryAfter * 1000 : Math.min(30_000, 1000 * 2 ** attempt));
        if (!core.attached) return false; // the element left the page; hostConnected resumes
      }
    }
  }

  private key(what: string): string {
    return `consult-chat:${this.opts.site()}:${what}`;
  }

  private visitor(): {visitorId: string; visitorSecret: string} | undefined {
    const v = readJson(this.key('visitor')) as {visitorId?: unknown; visitorSecret?: unknown} | undefined;
    return typeof v?.visitorId === 'string' && typeof v?.visitorSecret === 'string' ? (v as {visitorId: string; visitorSecret: string}) : undefined;
  }
}
