import {expect} from '@open-wc/testing';
import {html, render} from 'lit';
import {linkify} from './linkify.js';
import {dayKey, dayLabel, groupByDay, relativeTime, timeLabel} from './format.js';
import {TABLES, pickLang} from './i18n.js';
import {Outbox, uuid} from './outbox.js';
import {ConversationStore} from './conversation-store.js';
import {renderList, type MessageView} from './message-list.js';
import type {MessageDto} from '../../protocol/chat.js';
import {LIT_GLOBAL, loadPart} from './parts.js';

function msg(seq: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m${seq}`, conversationId: 'c1', seq, sender: {kind: 'lawyer', id: 'l1', name: 'Ana'}, kind: 'text',
    body: `message ${seq}`, clientId: `c-${seq}`, createdAt: new Date(2026, 0, 1, 10, seq).toISOString(), deletedAt: null, ...over,
  };
}

describe('linkify', () => {
  it('links http and https URLs and leaves the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1 and http://x.org.')).to.deep.equal([
      {text: 'see '},
      {text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1'},
      {text: ' and '},
      {text: 'http://x.org', href: 'http://x.org/'},
      {text: '.'},
    ]);
  });

  it('never links other schemes', () => {
    for (const s of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.org/file', 'mailto:a@b.c']) {
      expect(linkify(s).every((seg) => !seg.href), s).to.equal(true);
      expect(linkify(s).map((seg) => seg.text).join('')).to.equal(s);
    }
  });

  it('keeps a balanced closing parenthesis and drops a sentence one', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Tort_(law))')[1]).to.deep.equal({text: 'https://en.wikipedia.org/wiki/Tort_(law)', href: 'https://en.wikipedia.org/wiki/Tort_(law)'});
    expect(linkify('(see https://a.example)')[1].text).to.equal('https://a.example');
  });

  it('renders bodies as text nodes: markup in a message stays text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"> https://ok.example/';
    const views: MessageView[] = [{key: '1', mine: false, body: evil, createdAt: new Date(), author: 'Ana'}];
    const host = document.createElement('div');
    render(renderList(views, {lang: 'en', t: TABLES.en}), host);
    expect(host.querySelector('img')).to.equal(null);
    expect(host.querySelector('.bubble')!.textContent).to.equal(evil);
    const a = host.querySelector('a')!;
    expect(a.href).to.equal('https://ok.example/');
    expect(a.target).to.equal('_blank');
    expect(a.rel).to.equal('noopener noreferrer');
  });
});

describe('message rows', () => {
  const at = new Date(2026, 3, 2, 9, 30);
  const row = (m: Partial<MessageDto>): MessageView => {
    const message = msg(7, {createdAt: at.toISOString(), ...m});
    return {key: message.id, mine: false, message, body: message.body, createdAt: at, author: 'Ana'};
  };
  const card = {
    id: 'k1', conversationId: 'c1', firmId: 'f', lawyerId: 'l1', applicantId: 'a1', title: 'First consultation',
    start: new Date(2026, 3, 3, 14, 0).toISOString(), end: new Date(2026, 3, 3, 14, 45).toISOString(),
    lawyerTimeZone: 'UTC', applicantTimeZone: 'UTC', provider: 'jitsi' as const, joinUrl: 'https://meet.example/room', status: 'scheduled' as const,
    sequence: 0, invites: {lawyer: null, applicant: null}, createdAt: '', updatedAt: '',
    links: {google: 'https://calendar.google.com/x', outlook: 'javascript:alert(1)', ics: 'https://chat.example/ics/k1'},
  };

  it('renders system messages through the translation table', () => {
    const host = document.createElement('div');
    render(renderList([row({kind: 'system', sender: {kind: 'system', id: null, name: null}, body: '', system: {event: 'consultation-cancelled'}})], {lang: 'fr', t: TABLES.fr}), host);
    expect(host.querySelector('.system')!.textContent).to.equal('La consultation a été annulée');
  });

  it('renders a consultation card: status, local time with the viewer’s zone, provider, only http(s) links', () => {
    const host = document.createElement('div');
    render(renderList([row({kind: 'consultation', body: '', consultation: card})], {lang: 'en', t: TABLES.en}), host);
    const el = host.querySelector('[part="consultation-card"]')!;
    expect(el.querySelector('strong')!.textContent).to.equal('First consultation');
    expect(el.querySelector('.pill')!.textContent).to.equal('Confirmed');
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone.split('/').pop()!.replace(/_/g, ' ');
    expect(el.querySelector('.when')!.textContent!.replace(/\s+/g, ' ')).to.match(new RegExp(`2:00\\sPM – 2:45\\sPM \\S+ ${zone}$`));
    expect(el.querySelector('.via')!.textContent).to.equal('Jitsi Meet');
    expect([...el.querySelectorAll('a')].map((a) => a.textContent)).to.deep.equal(['Join the video call', 'Google', '.ics']);
    expect(el.querySelector<HTMLAnchorElement>('a.join')!.rel).to.equal('noopener noreferrer');
    render(renderList([row({kind: 'consultation', body: '', consultation: {...card, sequence: 1, joinUrl: 'javascript:alert(1)'}})], {lang: 'fr', t: TABLES.fr}), host);
    expect(host.querySelector('.card .pill')!.textContent).to.equal('Déplacée');
    expect(host.querySelector('.card a.join')).to.equal(null);
    render(renderList([row({kind: 'consultation', body: '', consultation: {...card, status: 'cancelled', sequence: 2}})], {lang: 'es', t: TABLES.es}), host);
    expect(host.querySelector('.card .pill')!.textContent).to.equal('Cancelada');
    expect(host.querySelectorAll('.card a').length).to.equal(0);
  });

  it('lets the host add to the foot of a consultation card', () => {
    const host = document.createElement('div');
    render(renderList([row({kind: 'consultation', body: '', consultation: card})], {lang: 'en', t: TABLES.en, card: (c) => html`<i class="extra">${c.id}</i>`}), host);
    expect(host.querySelector('.card .extra')!.textContent).to.equal('k1');
  });

  it('shows a deleted message as deleted, not its old body', () => {
    const host = document.createElement('div');
    render(renderList([row({body: '', deletedAt: at.toISOString()})], {lang: 'en', t: TABLES.en}), host);
    expect(host.querySelector('.bubble')!.textContent).to.equal('Message deleted');
  });
});

describe('day grouping and times', () => {
  it('groups by the local calendar day, in order', () => {
    const d = (day: number, h: number) => new Date(2026, 2, day, h, 5);
    const groups = groupByDay([d(1, 9), d(1, 23), d(2, 0), d(4, 12)], (x) => x);
    expect(groups.map((g) => [g.key, g.items.length])).to.deep.equal([['2026-03-01', 2], ['2026-03-02', 1], ['2026-03-04', 1]]);
  });

  it('uses local midnight, not UTC, for the day boundary', () => {
    const lateEvening = new Date(2026, 5, 10, 23, 59);
    expect(dayKey(lateEvening)).to.equal('2026-06-10');
  });

  it('labels today, yesterday and older days in the chosen language', () => {
    const now = new Date(2026, 4, 20, 12);
    expect(dayLabel(new Date(2026, 4, 20, 1), 'en', TABLES.en, now)).to.equal('Today');
    expect(dayLabel(new Date(2026, 4, 19, 23), 'fr', TABLES.fr, now)).to.equal('Hier');
    expect(dayLabel(new Date(2026, 4, 12, 9), 'es', TABLES.es, now)).to.match(/12 de mayo/);
    expect(dayLabel(new Date(2025, 4, 12, 9), 'en', TABLES.en, now)).to.match(/2025/);
  });

  it('formats times in the visitor time zone', () => {
    const d = new Date(2026, 0, 1, 15, 7);
    expect(timeLabel(d, 'fr')).to.equal('15:07');
    expect(timeLabel(d, 'en')).to.match(/3:07\sPM/);
  });
});

describe('relative times', () => {
  it('says minutes, hours and days in each language, and never "now" for someone who left', () => {
    const now = Date.parse('2026-05-20T12:00:00Z');
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    // "Last seen now" reads as online: a departure seconds ago is a minute ago, as is a clock ahead of ours.
    expect(relativeTime(ago(20), 'en', now)).to.equal('1 minute ago');
    expect(relativeTime(ago(0), 'fr', now)).to.equal('il y a 1 minute');
    expect(relativeTime(ago(-30), 'en', now)).to.equal('1 minute ago');
    expect(relativeTime(ago(5 * 60), 'en', now)).to.equal('5 minutes ago');
    expect(relativeTime(ago(3 * 3600), 'fr', now)).to.equal('il y a 3 heures');
    expect(relativeTime(ago(86400), 'es', now)).to.equal('ayer');
  });
});

describe('i18n', () => {
  it('says where a consultation moved, on the reader\'s own clock, and who moved or cancelled it', () => {
    const city = (Intl.DateTimeFormat().resolvedOptions().timeZone.split('/').pop() ?? '').replace(/_/g, ' ');
    // English on a 12-hour clock ("Thu 9:00 AM"), French on a 24-hour one.
    const f = new Intl.DateTimeFormat('en-US', {weekday: 'short', hour: 'numeric', minute: '2-digit'});
    expect(TABLES.fr.system({event: 'consultation-rescheduled', from: '2030-03-28T13:00:00.000Z', to: '2030-03-28T15:00:00.000Z'})).to.not.match(/AM|PM/);
    const from = '2030-03-28T13:00:00.000Z';
    const to = '2030-03-28T15:00:00.000Z';
    expect(TABLES.en.system({event: 'consultation-rescheduled', from, to})).to.equal(`The consultation was moved from ${f.format(new Date(from))} to ${f.format(new Date(to))} (${city} time)`);
    expect(TABLES.en.system({event: 'consultation-rescheduled', from, to, by: 'applicant', byName: 'Sam'})).to.match(/^The consultation was moved by Sam from /);
    expect(TABLES.fr.system({event: 'consultation-cancelled', by: 'applicant', byName: 'Sam'})).to.equal('La consultation a été annulée par Sam');
    expect(TABLES.es.system({event: 'consultation-rescheduled'})).to.equal('La consulta fue cambiada');
  });

  it('prefers the attribute, then <html lang>, then the browser, then English', () => {
    expect(pickLang('fr', 'es', ['en-US'])).to.equal('fr');
    expect(pickLang('', 'es-MX', ['fr-FR'])).to.equal('es');
    expect(pickLang(undefined, '', ['de-DE', 'fr-CA'])).to.equal('fr');
    expect(pickLang('de', 'it', ['pt'])).to.equal('en');
  });

  it('every table translates every key, and differently from English', () => {
    const keys = Object.keys(TABLES.en).sort();
    for (const lang of ['fr', 'es'] as const) {
      expect(Object.keys(TABLES[lang]).sort()).to.deep.equal(keys);
      expect(TABLES[lang].send).to.not.equal(TABLES.en.send);
      expect(TABLES[lang].system({event: 'assigned', lawyerName: 'Ana'})).to.contain('Ana');
    }
  });
});

describe('Outbox', () => {
  const key = 'consult-chat:test:outbox';
  afterEach(() => localStorage.removeItem(key));

  it('survives a reload in order, keeping each clientId', () => {
    const a = new Outbox(localStorage, key);
    const first = a.add('one');
    const second = a.add('two');
    const reloaded = new Outbox(localStorage, key);
    expect(reloaded.entries.map((e) => [e.clientId, e.body])).to.deep.equal([[first.clientId, 'one'], [second.clientId, 'two']]);
    expect(reloaded.next()!.clientId).to.equal(first.clientId);
  });

  it('skips failed entries until retried, and forgets acknowledged ones', () => {
    const box = new Outbox(localStorage, key);
    const a = box.add('bad');
    const b = box.add('good');
    box.fail(a.clientId, {code: 'bad_request', message: 'too long'});
    expect(box.next()!.clientId).to.equal(b.clientId);
    expect(new Outbox(localStorage, key).entries[0].failed?.code).to.equal('bad_request');
    box.remove(b.clientId);
    box.retry(a.clientId);
    expect(box.next()!.clientId).to.equal(a.clientId);
    box.remove(a.clientId);
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('ignores corrupt storage', () => {
    localStorage.setItem(key, '{not json');
    expect(new Outbox(localStorage, key).entries).to.deep.equal([]);
    localStorage.setItem(key, JSON.stringify([{clientId: 1}, {clientId: 'x', body: 'ok', createdAt: ''}]));
    expect(new Outbox(localStorage, key).entries.map((e) => e.clientId)).to.deep.equal(['x']);
  });

  it('makes v4 UUIDs', () => {
    const ids = new Set(Array.from({length: 50}, () => uuid()));
    expect(ids.size).to.equal(50);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('ConversationStore cursor', () => {
  it('takes throughSeq from sync pages even across gaps', () => {
    const s = new ConversationStore();
    s.applySyncPage({messages: [msg(1), msg(2), msg(5)], throughSeq: 5, hasMore: false});
    expect(s.cursor).to.equal(5);
    expect(s.messages.map((m) => m.seq)).to.deep.equal([1, 2, 5]);
  });

  it('advances on live messages only contiguously', () => {
    const s = new ConversationStore();
    s.applySyncPage({messages: [msg(1)], throughSeq: 1, hasMore: false});
    expect(s.applyLive(msg(3))).to.deep.equal({isNew: true, gap: true});
    expect(s.cursor).to.equal(1);
    expect(s.applyLive(msg(2))).to.deep.equal({isNew: true, gap: false});
    expect(s.cursor).to.equal(3); // 2 arrived late: 3 was already known
    expect(s.messages.map((m) => m.seq)).to.deep.equal([1, 2, 3]);
  });

  it('a gap stays until a sync page covers it', () => {
    const s = new ConversationStore();
    s.applyLive(msg(1));
    s.applyLive(msg(4));
    expect(s.cursor).to.equal(1);
    s.applySyncPage({messages: [msg(4)], throughSeq: 4, hasMore: false});
    expect(s.cursor).to.equal(4);
  });

  it('deduplicates by id and applies soft deletes in place', () => {
    const s = new ConversationStore();
    s.applyLive(msg(1));
    expect(s.applyLive(msg(1)).isNew).to.equal(false);
    s.applySyncPage({messages: [msg(1), msg(2)], throughSeq: 2, hasMore: false});
    s.put(msg(2, {body: '', deletedAt: new Date().toISOString()}));
    expect(s.messages.length).to.equal(2);
    expect(s.messages[1].deletedAt).to.not.equal(null);
    expect(s.hasClientId('lawyer', 'c-2')).to.equal(true);
    expect(s.hasClientId('applicant', 'c-2')).to.equal(false);
  });

  it('history pages show older messages without moving the cursor', () => {
    const s = new ConversationStore();
    s.cursor = 40;
    s.applySyncPage({messages: [msg(41)], throughSeq: 41, hasMore: false});
    s.applyHistory({messages: [msg(38), msg(39)], throughSeq: 0, hasMore: true});
    expect(s.cursor).to.equal(41);
    expect(s.oldestSeq).to.equal(38);
  });
});


describe('loadPart', () => {
  it('fetches nothing when the part is already defined', async () => {
    customElements.define('consult-test-defined-part', class extends HTMLElement {});
    const before = document.querySelectorAll('script').length;
    await loadPart('defined', 'consult-test-defined-part', location.origin);
    expect(document.querySelectorAll('script').length).to.equal(before);
  });

  it('refuses a part that cannot be loaded, shares Lit, and tries again on the next call', async () => {
    let error: unknown;
    await loadPart('missing', 'consult-test-missing-part', location.origin).catch((e) => (error = e));
    expect(String(error)).to.contain('consult-chat-missing.js');
    expect(document.querySelector('script[src$="consult-chat-missing.js"]')).to.equal(null, 'the failed script is removed');
    expect((globalThis as unknown as Record<string, {LitElement?: unknown}>)[LIT_GLOBAL]?.LitElement).to.not.equal(undefined);
    const again = loadPart('missing', 'consult-test-missing-part', location.origin).catch(() => 'retried');
    expect(document.querySelector('script[src$="consult-chat-missing.js"]')).to.not.equal(null, 'a new attempt');
    expect(await again).to.equal('retried');
  });
});
