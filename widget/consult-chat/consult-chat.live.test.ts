// <consult-chat> against the real backend (started by widget/test-support/backend-plugin.ts):
// real HTTP, real Socket.IO, a lawyer on a real socket driven from Node, real network cuts.
import '../parts/intake/index.js';
import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import './index.js';
import type {ConsultChat} from './consult-chat.js';
import {bubbles, cmd, controllerOf, forgetVisitor, joined, maxCopiesShown, shadow, shadowAll, typeAndSend} from '../test-support/browser.js';
import type {BackendInfo} from '../test-support/commands.js';

let info: BackendInfo;

before(async () => {
  info = await cmd('backend:info');
  await cmd('lawyer:connect');
});

const mounted: ConsultChat[] = [];
beforeEach(() => forgetVisitor());
afterEach(async () => {
  for (const el of mounted.splice(0)) el.remove();
  await cmd('net:restore');
  await cmd('lawyer:connect');
});

/** Straight into <body>, as the snippet puts it (a wrapper div would fall to `div {display: none}`). */
async function mount(attrs: Record<string, string>): Promise<ConsultChat> {
  const el = document.createElement('consult-chat');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
}

async function openChat(attrs: {site?: string; lang?: string} = {}): Promise<{el: ConsultChat; conversationId: string}> {
  const el = await mount({site: attrs.site ?? info.siteKey, server: info.url, lang: attrs.lang ?? 'en'});
  shadow(el, '[part="launcher"]')!.click();
  const conversationId = await joined(el);
  return {el, conversationId};
}

const statusOf = (el: ConsultChat, text: string) =>
  shadowAll(el, '.row.mine').find((r) => r.querySelector('.bubble')!.textContent!.trim() === text)?.querySelector('.status')?.textContent;

describe('<consult-chat> with the real backend', () => {
  it('sends to the lawyer and shows the reply, with clickable links and a consult-message event', async () => {
    const {el, conversationId} = await openChat();
    expect(shadow(el, 'h2')!.textContent).to.equal('Chat with Avery & Stone');
    expect(shadow(el, '.greeting')!.textContent).to.equal('Hello! How can we help with your case?');
    await cmd('lawyer:join', {conversationId});

    const copies = maxCopiesShown(el, 'I need advice on a lease');
    await typeAndSend(el, 'I need advice on a lease');
    await waitUntil(async () => (await cmd('lawyer:events', {conversationId})).messages.some((m) => m.body === 'I need advice on a lease'), 'the lawyer never got the message');
    await waitUntil(() => statusOf(el, 'I need advice on a lease') === 'Sent' || statusOf(el, 'I need advice on a lease') === 'Delivered', 'own message not marked sent');
    await new Promise((r) => setTimeout(r, 200)); // the echo of our own message:new, if any, lands
    expect(copies.max, 'own message shown twice at some point').to.equal(1);
    copies.stop();

    const incoming = oneEvent(el, 'consult-message');
    await cmd('lawyer:send', {conversationId, body: 'Happy to help: see https://avery.example/leases. <b>Bold?</b>'});
    const ev = await incoming;
    expect(ev.detail.message.body).to.contain('https://avery.example/leases');
    await waitUntil(() => bubbles(el).some((b) => b.startsWith('Happy to help')), 'reply not shown');
    const link = shadow<HTMLAnchorElement>(el, '.row.theirs a')!;
    expect(link.href).to.equal('https://avery.example/leases');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.target).to.equal('_blank');
    expect(shadow(el, '.row.theirs b') === null, '.row.theirs b').to.equal(true);
    expect(shadow(el, '.row.theirs .author')!.textContent).to.equal('Ana Avery');
    expect(shadow(el, '.day')!.textContent).to.equal('Today');
  });

  it('keeps the token out of every URL: it rides in the Socket.IO auth payload', async () => {
    const {el} = await openChat();
    const token = controllerOf(el).session!.token;
    const urls = await cmd('backend:request-urls');
    expect(urls.some((u) => u.startsWith('/socket.io/')), 'no socket handshake seen').to.equal(true);
    for (const u of urls) expect(u.includes(token) || /[?&](token|auth)=/.test(u), u).to.equal(false);
  });

  it('renders a deletion and a translated assignment notice from the lawyer', async () => {
    const {el, conversationId} = await openChat({lang: 'fr'});
    await cmd('lawyer:join', {conversationId});
    const m = await cmd('lawyer:send', {conversationId, body: 'oops, wrong client'});
    await waitUntil(() => bubbles(el).includes('oops, wrong client'), 'message not shown');
    await cmd('lawyer:delete', {conversationId, messageId: m.id});
    await waitUntil(() => bubbles(el).includes('Message supprimé') && !bubbles(el).includes('oops, wrong client'), `bubbles: ${bubbles(el)}`);
    await cmd('lawyer:claim', {conversationId});
    await waitUntil(() => shadowAll(el, '.system').some((s) => s.textContent === 'Ana Avery a rejoint la conversation'), 'no assignment notice');
  });

  it('marks own messages delivered then read from the lawyer cursors, and reports its own reads', async () => {
    const {el, conversationId} = await openChat();
    await cmd('lawyer:join', {conversationId});
    await typeAndSend(el, 'Are you there?');
    await waitUntil(() => controllerOf(el).store.messages.some((m) => m.body === 'Are you there?'), 'not acknowledged');
    const seq = controllerOf(el).store.messages.find((m) => m.body === 'Are you there?')!.seq;
    expect(statusOf(el, 'Are you there?')).to.equal('Sent');
    await cmd('lawyer:receipt', {conversationId, seq, kind: 'delivered'});
    await waitUntil(() => statusOf(el, 'Are you there?') === 'Delivered', `status stayed ${statusOf(el, 'Are you there?')}`);
    await cmd('lawyer:receipt', {conversationId, seq, kind: 'read'});
    await waitUntil(() => statusOf(el, 'Are you there?') === 'Read', `status stayed ${statusOf(el, 'Are you there?')}`);

    // The panel is open and the tab visible: the widget reads the lawyer's reply and says so.
    const reply = await cmd('lawyer:send', {conversationId, body: 'Yes, I am here.'});
    await waitUntil(async () => (await cmd('lawyer:events', {conversationId})).receipts.some((r) => r.key.startsWith('a:') && r.cursor.readSeq >= reply.seq), 'the widget never sent a read receipt');
  });

  it('shows the lawyer typing and tells the lawyer when the visitor types', async () => {
    const {el, conversationId} = await openChat();
    await cmd('lawyer:join', {conversationId});
    await cmd('lawyer:typing', {conversationId, typing: true});
    await waitUntil(() => shadow(el, '.typing')!.textContent === 'Ana Avery is typing…', 'no typing indicator');
    await cmd('lawyer:typing', {conversationId, typing: false});
    await waitUntil(() => shadow(el, '.typing')!.textContent === '', 'typing indicator stuck');

    const box = shadow<HTMLTextAreaElement>(el, 'textarea')!;
    box.value = 'I am wri';
    box.dispatchEvent(new Event('input'));
    await waitUntil(async () => (await cmd('lawyer:events', {conversationId})).typing.some((t) => t.participant.key.startsWith('a:') && t.typing), 'lawyer never saw typing');
    box.dispatchEvent(new Event('blur'));
    await waitUntil(async () => {
      const t = (await cmd('lawyer:events', {conversationId})).typing.filter((x) => x.participant.key.startsWith('a:'));
      return t.length > 0 && !t[t.length - 1].typing;
    }, 'lawyer never saw typing stop');
  });

  it('shows lawyer presence: online while connected, not once gone', async () => {
    const {el} = await openChat();
    await waitUntil(() => shadow(el, '.presence')?.textContent === 'Online', `presence was ${shadow(el, '.presence')?.textContent}`);
    await cmd('lawyer:disconnect');
    await waitUntil(() => shadow(el, '.presence')?.textContent !== 'Online', 'still online after the lawyer left', {timeout: 15_000});
    expect(shadow(el, '.presence')!.classList.contains('on')).to.equal(false);
    // Never "now" for someone who left: that reads as online.
    expect(shadow(el, '.presence')!.textContent).to.equal('Last seen 1 minute ago');
  });

  it('counts unread while closed, fires consult-unread, and clears it when opened', async () => {
    const {el, conversationId} = await openChat();
    el.close();
    await el.updateComplete;
    const counts: number[] = [];
    el.addEventListener('consult-unread', (e) => counts.push((e as CustomEvent).detail.count));
    await cmd('lawyer:send', {conversationId, body: 'One'});
    await cmd('lawyer:send', {conversationId, body: 'Two'});
    await waitUntil(() => shadow(el, '[part="badge"]')?.textContent === '2', 'badge did not show 2');
    expect(shadow(el, '[part="launcher"]')!.getAttribute('aria-label')).to.equal('Open chat, 2 unread messages');
    el.open();
    await waitUntil(() => !shadow(el, '[part="badge"]') && counts[counts.length - 1] === 0, `unread events: ${counts}`);
    expect(counts.slice(0, 2)).to.deep.equal([1, 2]);
  });

  it('resumes the same visitor and conversation after a reload', async () => {
    const first = await openChat();
    await typeAndSend(first.el, 'Before the reload');
    await waitUntil(() => controllerOf(first.el).outbox!.entries.length === 0 && bubbles(first.el).includes('Before the reload'), 'not sent');
    const applicantId = controllerOf(first.el).session!.applicant.id;
    first.el.remove(); // the page goes away; localStorage stays

    const second = await openChat();
    expect(second.conversationId).to.equal(first.conversationId);
    expect(controllerOf(second.el).session!.applicant.id).to.equal(applicantId);
    await waitUntil(() => bubbles(second.el).includes('Before the reload'), 'history not shown after reload');
    expect(bubbles(second.el).filter((b) => b === 'Before the reload')).to.have.length(1);
  });

  it('keeps messages written while the network is cut and sends each exactly once after it returns', async () => {
    const {el, conversationId} = await openChat();
    await cmd('lawyer:join', {conversationId});
    await cmd('net:cut');
    await waitUntil(() => ['reconnecting', 'offline'].includes(controllerOf(el).state), 'the cut went unnoticed');
    expect(shadow(el, '.banner')!.textContent).to.match(/Reconnecting|offline/);
    expect(shadow<HTMLTextAreaElement>(el, 'textarea')!.disabled).to.equal(false);
    await typeAndSend(el, 'offline one');
    await typeAndSend(el, 'offline two');
    await el.updateComplete;
    expect(statusOf(el, 'offline one')).to.equal('Sending');
    const stored = Object.keys(localStorage).find((k) => k.endsWith(':outbox'))!;
    expect(JSON.parse(localStorage.getItem(stored)!).map((e: {body: string}) => e.body)).to.deep.equal(['offline one', 'offline two']);
    // Meanwhile the lawyer writes; the widget must catch up through sync.
    await cmd('lawyer:send', {conversationId, body: 'sent while you were away'});

    const copies = [maxCopiesShown(el, 'offline one'), maxCopiesShown(el, 'offline two')];
    await cmd('net:restore');
    await waitUntil(() => controllerOf(el).state === 'online' && !controllerOf(el).outbox!.entries.length, 'outbox never flushed', {timeout: 20_000});
    await waitUntil(() => bubbles(el).includes('sent while you were away'), 'missed message not synced');
    const all = await cmd('backend:all-messages', {conversationId});
    const bodies = all.map((m) => m.body);
    expect(bodies.filter((b) => b === 'offline one')).to.have.length(1);
    expect(bodies.filter((b) => b === 'offline two')).to.have.length(1);
    expect(bodies.indexOf('offline one')).to.be.lessThan(bodies.indexOf('offline two'));
    expect(bubbles(el).filter((b) => b.startsWith('offline'))).to.deep.equal(['offline one', 'offline two']);
    expect(copies.map((c) => c.max), 'shown twice while flushing').to.deep.equal([1, 1]);
    expect(localStorage.getItem(stored)).to.equal(null);
  });

  it('comes back by itself when the server drops its socket, and sends what was written meanwhile', async () => {
    const {el, conversationId} = await openChat();
    const firstSession = controllerOf(el).session;
    await cmd('backend:disconnect-all');
    await typeAndSend(el, 'after the server hung up');
    await waitUntil(() => statusOf(el, 'after the server hung up') === 'Sent', `status ${statusOf(el, 'after the server hung up')}`, {timeout: 10_000});
    // Socket.IO does not retry a server-side disconnect by itself: the widget asked for a new
    // session (compared as objects: two tokens issued in the same second are identical).
    expect(controllerOf(el).session).to.not.equal(firstSession);
    await cmd('lawyer:connect');
    const all = await cmd('backend:all-messages', {conversationId});
    expect(all.filter((m) => m.body === 'after the server hung up')).to.have.length(1);
  });

  it('sends an outbox that survived a reload during the cut', async () => {
    const first = await openChat();
    await cmd('net:cut');
    await waitUntil(() => controllerOf(first.el).state !== 'online', 'the cut went unnoticed');
    await typeAndSend(first.el, 'written offline, then reloaded');
    await first.el.updateComplete;
    first.el.remove();
    await cmd('net:restore');

    const second = await openChat();
    expect(second.conversationId).to.equal(first.conversationId);
    await waitUntil(() => !controllerOf(second.el).outbox!.entries.length && bubbles(second.el).includes('written offline, then reloaded'), 'outbox not flushed after reload', {timeout: 15_000});
    const all = await cmd('backend:all-messages', {conversationId: second.conversationId});
    expect(all.filter((m) => m.body === 'written offline, then reloaded')).to.have.length(1);
  });

  it('keeps a message written before the first connection, across a reload', async () => {
    await cmd('net:cut');
    const first = await mount({site: info.siteKey, server: info.url, lang: 'en'});
    shadow(first, '[part="launcher"]')!.click();
    await waitUntil(() => shadow(first, '.banner')?.textContent === 'Connecting…', 'no connecting banner');
    await typeAndSend(first, 'written before any session');
    await first.updateComplete;
    expect(statusOf(first, 'written before any session')).to.equal('Sending');
    first.remove();
    await cmd('net:restore');

    const second = await openChat();
    await waitUntil(() => statusOf(second.el, 'written before any session') === 'Sent', `status ${statusOf(second.el, 'written before any session')}`);
    const all = await cmd('backend:all-messages', {conversationId: second.conversationId});
    expect(all.filter((m) => m.body === 'written before any session')).to.have.length(1);
    expect(Object.keys(localStorage).filter((k) => k.endsWith(':early') || k.endsWith(':outbox'))).to.deep.equal([]);
  });

  it('marks a refused message failed with retry and delete, and keeps sending the rest', async () => {
    const {el} = await openChat();
    await typeAndSend(el, 'x'.repeat(4001)); // over MESSAGE_MAX_LENGTH: the server says bad_request
    await typeAndSend(el, 'a normal message');
    await waitUntil(() => shadowAll(el, '.status.failed').length === 1, 'no failed message');
    await waitUntil(() => statusOf(el, 'a normal message') === 'Sent', 'the next message was held up');
    const actions = shadowAll<HTMLButtonElement>(el, '.actions button');
    expect(actions.map((b) => b.textContent)).to.deep.equal(['Retry', 'Delete']);
    actions[1].click();
    await el.updateComplete;
    expect(shadowAll(el, '.status.failed')).to.have.length(0);
    // 'Sent' may show from the live broadcast before the ack drops the entry from the queue.
    await waitUntil(() => controllerOf(el).outbox!.entries.length === 0, 'the outbox kept an entry');
  });

  it('loads older history on scroll up, each message once and in order', async function () {
    this.timeout(60_000); // 70 messages sent one by one first: slow on a busy machine
    const {el, conversationId} = await openChat();
    for (let i = 1; i <= 70; i++) await cmd('lawyer:send', {conversationId, body: `history ${i}`});
    el.remove();
    const again = await openChat();
    await waitUntil(() => bubbles(again.el).includes('history 70'), 'newest not shown');
    expect(bubbles(again.el)).to.not.include('history 1');
    expect(controllerOf(again.el).hasOlder).to.equal(true);
    const log = shadow(again.el, '.log')!;
    for (let i = 0; i < 5 && controllerOf(again.el).hasOlder; i++) {
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await waitUntil(() => !controllerOf(again.el).loadingOlder, 'history page never came');
      await again.el.updateComplete;
    }
    const shown = bubbles(again.el).filter((b) => b.startsWith('history '));
    expect(shown).to.deep.equal(Array.from({length: 70}, (_, i) => `history ${i + 1}`));
  });

  it('asks the pre-chat questions when the firm wants them, then starts the conversation', async () => {
    const el = await mount({site: info.prechatSiteKey, server: info.url});
    el.open();
    await waitUntil(() => shadow(el, '[part="prechat"]'), 'no pre-chat form');
    expect(shadow(el, 'textarea') === null, 'textarea').to.equal(true);
    expect(el.shadowRoot!.activeElement === shadow(el, 'input[name="name"]'), 'focus/hit target').to.equal(true);
    shadow<HTMLInputElement>(el, 'input[name="name"]')!.value = 'Jo Visitor';
    shadow<HTMLInputElement>(el, 'input[name="email"]')!.value = 'jo@visitor.example';
    shadow<HTMLSelectElement>(el, 'select[name="topic"]')!.value = 'Immigration';
    shadow<HTMLButtonElement>(el, '.prechat button')!.click();
    await joined(el);
    expect(controllerOf(el).conversation!.applicant.name).to.equal('Jo Visitor');
    expect(controllerOf(el).conversation!.topic).to.equal('Immigration');
    expect(shadow(el, '[part="prechat"]') === null, '[part="prechat"]').to.equal(true);
  });

  it('shows a refusal of the pre-chat answers in the visitor\'s language, naming the field', async () => {
    const el = await mount({site: info.prechatSiteKey, server: info.url, lang: 'fr'});
    el.open();
    await waitUntil(() => shadow(el, '[part="prechat"] input[name="email"]'), 'no pre-chat form');
    shadow<HTMLInputElement>(el, 'input[name="name"]')!.value = 'Jo Visitor';
    // The browser takes it (type=email), the server does not (no domain dot): refused there.
    shadow<HTMLInputElement>(el, 'input[name="email"]')!.value = 'jo@visitor';
    shadow<HTMLSelectElement>(el, 'select[name="topic"]')!.value = 'Immigration';
    shadow<HTMLButtonElement>(el, '.prechat button')!.click();
    await waitUntil(() => shadow(el, '.prechat .error'), 'no refusal shown');
    expect(shadow(el, '.prechat .error')!.textContent!.trim()).to.equal('E-mail : cette adresse ne semble pas valide. Vérifiez-la.');
    expect(shadow(el, '[part="prechat"]') !== null, 'the form stays').to.equal(true);
  });

  it('skips the pre-chat step for a visitor the host site vouches for with identity-token', async () => {
    const token = await cmd('backend:identity-token', {email: 'maria@client.example', name: 'María Client'});
    const el = await mount({site: info.prechatSiteKey, server: info.url, 'identity-token': token});
    el.open();
    await joined(el);
    expect(shadow(el, '[part="prechat"]') === null, 'pre-chat shown to a verified visitor').to.equal(true);
    expect(controllerOf(el).session!.applicant).to.include({verified: true, name: 'María Client', email: 'maria@client.example'});
  });

  it('refuses a forged identity-token instead of retrying forever', async () => {
    const el = await mount({site: info.prechatSiteKey, server: info.url, 'identity-token': 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6Im1AeC5leGFtcGxlIn0.forged'});
    el.open();
    await waitUntil(() => shadow(el, '.banner.refused'), 'no refusal');
  });

  it('says so when the site is not allowed on this origin', async () => {
    const el = await mount({site: info.refusedSiteKey, server: info.url});
    el.open();
    await waitUntil(() => shadow(el, '.banner.refused'), 'no refusal');
    expect(shadow(el, '.banner')!.textContent).to.equal('Chat is not available on this site.');
    expect(Object.keys(localStorage).filter((k) => k.startsWith('consult-chat:'))).to.deep.equal([]);
  });
});

describe('<consult-chat> accessibility and languages, live', () => {
  it('has no axe-core violations with the panel open and messages shown', async () => {
    if (!(window as {axe?: unknown}).axe) {
      await new Promise<void>((resolve, reject) => {
        const s = document.createElement('script');
        s.src = '/node_modules/axe-core/axe.min.js';
        s.onload = () => resolve();
        s.onerror = () => reject(new Error('axe-core did not load'));
        document.head.append(s);
      });
    }
    const {el, conversationId} = await openChat();
    await typeAndSend(el, 'A question with a link https://example.org');
    await cmd('lawyer:send', {conversationId, body: 'An answer'});
    await waitUntil(() => bubbles(el).includes('An answer') && statusOf(el, 'A question with a link https://example.org') !== 'Sending', 'messages not shown');
    const axe = (window as unknown as {axe: {run(ctx: unknown, opts: unknown): Promise<{violations: {id: string; help: string; nodes: {html: string; failureSummary?: string}[]}[]}>}}).axe;
    // Contrast is judged on the settled panel, not halfway through its opening fade.
    await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
    const result = await axe.run(el, {resultTypes: ['violations']});
    // The offending markup goes into the message, so a failure says where to look.
    expect(result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => `${n.html} (${n.failureSummary ?? ''})`).join(' | ')}`)).to.deep.equal([]);
  });

  it('works from the keyboard alone: open, type, Shift+Enter newline, Enter sends, Escape closes', async () => {
    const el = await mount({site: info.siteKey, server: info.url});
    shadow(el, '[part="launcher"]')!.focus();
    await sendKeys({press: 'Enter'});
    await joined(el);
    expect(el.shadowRoot!.activeElement === shadow(el, 'textarea'), 'focus/hit target').to.equal(true);
    await sendKeys({type: 'first line'});
    await sendKeys({down: 'Shift'});
    await sendKeys({press: 'Enter'});
    await sendKeys({up: 'Shift'});
    await sendKeys({type: 'second line'});
    await sendKeys({press: 'Enter'});
    await waitUntil(() => bubbles(el).includes('first line\nsecond line'), `bubbles: ${bubbles(el)}`);
    expect(shadow<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(el.opened).to.equal(false);
    const launcher = shadow(el, '[part="launcher"]')!;
    expect(el.shadowRoot!.activeElement === launcher, 'focus back on the launcher').to.equal(true);
    expect(getComputedStyle(launcher).outlineStyle, 'visible focus ring').to.equal('solid');
    // Escape also closes while focus sits on the launcher.
    await sendKeys({press: 'Enter'});
    await waitUntil(() => el.opened && shadow(el, 'textarea'), 'did not reopen');
    launcher.focus();
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(el.opened).to.equal(false);
  });

  for (const [lang, today, send, typing] of [
    ['en', 'Today', 'Send', 'Ana Avery is typing…'],
    ['fr', 'Aujourd’hui', 'Envoyer', 'Ana Avery écrit…'],
    ['es', 'Hoy', 'Enviar', 'Ana Avery está escribiendo…'],
  ] as const) {
    it(`speaks ${lang} in a live conversation`, async () => {
      const {el, conversationId} = await openChat({lang});
      await cmd('lawyer:join', {conversationId});
      await cmd('lawyer:send', {conversationId, body: `hello ${lang}`});
      await cmd('lawyer:typing', {conversationId, typing: true});
      await waitUntil(() => bubbles(el).includes(`hello ${lang}`), 'message not shown');
      expect(shadow(el, '.day')!.textContent).to.equal(today);
      expect(shadow(el, '.send')!.getAttribute('aria-label')).to.equal(send);
      await waitUntil(() => shadow(el, '.typing')!.textContent === typing, `typing was "${shadow(el, '.typing')!.textContent}"`);
      await cmd('lawyer:typing', {conversationId, typing: false});
    });
  }
});

describe('<consult-chat> on hostile and strict host pages', () => {
  it('survives `* { all: unset }` and `div { display: none !important }` on the host page', async () => {
    const style = document.createElement('style');
    style.textContent = '* { all: unset } div { display: none !important } button { visibility: hidden !important }';
    document.head.append(style);
    try {
      const {el, conversationId} = await openChat();
      const panel = shadow(el, '[part="panel"]')!.getBoundingClientRect();
      expect(panel.width).to.be.greaterThan(250);
      expect(panel.height).to.be.greaterThan(300);
      const launcher = shadow(el, '[part="launcher"]')!;
      const r = launcher.getBoundingClientRect();
      expect(launcher.contains(el.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)), 'launcher not on top').to.equal(true);
      expect(getComputedStyle(launcher).visibility).to.equal('visible');
      await typeAndSend(el, 'still works');
      await waitUntil(async () => (await cmd('backend:all-messages', {conversationId})).some((m) => m.body === 'still works'), 'message not sent');
    } finally {
      style.remove();
    }
  });

  it('runs the built script under a strict CSP (no inline, no eval) with no violations', async () => {
    const frame = document.createElement('iframe');
    frame.style.setProperty('width', '800px');
    frame.style.setProperty('height', '700px');
    frame.src = '/__csp/page.html';
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, {once: true}));
      const win = frame.contentWindow as Window & typeof globalThis & {__violations: string[]};
      await waitUntil(() => win.customElements.get('consult-chat'), 'the bundle did not define <consult-chat>');
      const el = win.document.querySelector('consult-chat') as ConsultChat;
      await el.updateComplete;
      expect(win.getComputedStyle(shadow(el, '[part="launcher"]')!).backgroundColor).to.equal('rgb(122, 31, 78)');
      shadow(el, '[part="launcher"]')!.click();
      await waitUntil(() => shadowAll(el, '[part="messages"]').length && controllerOf(el).state === 'online', 'did not connect under CSP', {timeout: 10_000});
      await typeAndSend(el, 'hello from a strict page');
      const conversationId = controllerOf(el).conversation!.id;
      await waitUntil(async () => (await cmd('backend:all-messages', {conversationId})).some((m) => m.body === 'hello from a strict page'), 'message not sent under CSP');
      expect(win.__violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
