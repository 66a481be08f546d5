// <consult-chat> without a backend: rendering, the engagement rule, languages, keyboard basics.
import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {emulateMedia, setViewport} from '@web/test-runner-commands';
import './index.js';
import {textOn, type ConsultChat} from './consult-chat.js';

const q = <T extends Element = HTMLElement>(el: ConsultChat, sel: string) => el.shadowRoot!.querySelector<T>(sel);

/** Records every way the element could reach the network or storage. */
function spyOnEverything() {
  const calls: string[] = [];
  const orig = {fetch: window.fetch, WebSocket: window.WebSocket, xhrOpen: XMLHttpRequest.prototype.open, get: Storage.prototype.getItem, set: Storage.prototype.setItem, remove: Storage.prototype.removeItem, sendBeacon: navigator.sendBeacon};
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`fetch ${String(input)} ${init?.body ?? ''}`);
    return new Response(JSON.stringify({error: {code: 'origin_not_allowed', message: 'no'}}), {status: 403, headers: {'content-type': 'application/json'}});
  }) as typeof fetch;
  window.WebSocket = class extends orig.WebSocket {
    constructor(url: string | URL, p?: string | string[]) {
      calls.push(`ws ${String(url)}`);
      super(url, p);
    }
  };
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...a: unknown[]) {
    calls.push(`xhr ${String(a[1])}`);
    return (orig.xhrOpen as (...x: unknown[]) => void).apply(this, a);
  } as typeof XMLHttpRequest.prototype.open;
  Storage.prototype.getItem = function (this: Storage, k: string) {
    calls.push(`storage.get ${k}`);
    return orig.get.call(this, k);
  };
  Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
    calls.push(`storage.set ${k}`);
    return orig.set.call(this, k, v);
  };
  Storage.prototype.removeItem = function (this: Storage, k: string) {
    calls.push(`storage.remove ${k}`);
    return orig.remove.call(this, k);
  };
  navigator.sendBeacon = (url: string | URL) => {
    calls.push(`beacon ${String(url)}`);
    return true;
  };
  const restore = () => {
    Object.assign(window, {fetch: orig.fetch, WebSocket: orig.WebSocket});
    XMLHttpRequest.prototype.open = orig.xhrOpen;
    Object.assign(Storage.prototype, {getItem: orig.get, setItem: orig.set, removeItem: orig.remove});
    navigator.sendBeacon = orig.sendBeacon;
  };
  return {calls, restore};
}

describe('<consult-chat> before engagement', () => {
  it('requests nothing, connects nothing and touches no storage until the launcher is clicked', async () => {
    const spy = spyOnEverything();
    try {
      const el = await fixture<ConsultChat>(html`<consult-chat site="site_pk_quiet" server="http://127.0.0.1:9"></consult-chat>`);
      // Hover and focus are not engagement either.
      q(el, '[part="launcher"]')!.dispatchEvent(new MouseEvent('mouseover', {bubbles: true, composed: true}));
      q(el, '[part="launcher"]')!.focus();
      await new Promise((r) => setTimeout(r, 300));
      expect(spy.calls).to.deep.equal([]);
      expect(q(el, '[part="panel"]') === null, '[part="panel"]').to.equal(true);

      q(el, '[part="launcher"]')!.click();
      await waitUntil(() => spy.calls.some((c) => c.startsWith('fetch')), 'no session request after the click');
      const req = spy.calls.find((c) => c.startsWith('fetch'))!;
      expect(req).to.match(/^fetch http:\/\/127\.0\.0\.1:9\/api\/v1\/widget\/session /);
      expect(JSON.parse(req.slice(req.indexOf('{')))).to.include({siteKey: 'site_pk_quiet'});
      // The server refused this origin: the panel says so and nothing is stored.
      await waitUntil(() => q(el, '.banner.refused'), 'no refusal banner');
      expect(spy.calls.filter((c) => c.startsWith('storage.set'))).to.deep.equal([]);
      expect(spy.calls.filter((c) => c.startsWith('ws') || c.startsWith('xhr'))).to.deep.equal([]);
    } finally {
      spy.restore();
    }
  });
});

describe('<consult-chat> rendering', () => {
  const stubFetch = () => {
    const orig = window.fetch;
    // Never answers: the element stays in "connecting" without a backend.
    window.fetch = (() => new Promise(() => {})) as typeof fetch;
    return () => (window.fetch = orig);
  };

  it('puts launcher and panel in a shadow root with parts, and opens with `open`', async () => {
    const restore = stubFetch();
    try {
      const el = await fixture<ConsultChat>(html`<consult-chat site="s" server="http://127.0.0.1:9" open></consult-chat>`);
      expect(el.opened).to.equal(true);
      for (const part of ['root', 'launcher', 'panel', 'header', 'banner', 'messages', 'composer']) {
        expect(q(el, `[part~="${part}"]`) !== null, part).to.equal(true);
      }
      expect(el.children.length).to.equal(0);
      const log = q(el, '[part="messages"]')!;
      expect(log.getAttribute('role')).to.equal('log');
      expect(log.getAttribute('aria-live')).to.equal('polite');
      expect(q(el, '.banner')!.textContent).to.equal('Connecting…');
      expect(getComputedStyle(q<HTMLTextAreaElement>(el, 'textarea')!).fontSize).to.equal('16px');
      expect(q<HTMLTextAreaElement>(el, 'textarea')!.disabled).to.equal(false); // the banner never blocks typing
    } finally {
      restore();
    }
  });

  it('opens and closes from the keyboard, fires events, and gives focus back to the launcher', async () => {
    const restore = stubFetch();
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div><consult-chat site="s" server="http://127.0.0.1:9"></consult-chat></div>`);
      const el = wrapper.querySelector('consult-chat')!;
      const opened = oneEvent(wrapper, 'consult-open');
      q(el, '[part="launcher"]')!.click();
      const ev = await opened;
      expect(ev.composed && ev.bubbles).to.equal(true);
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === q(el, 'textarea'), 'focus/hit target').to.equal(true);
      const closed = oneEvent(wrapper, 'consult-close');
      q(el, 'textarea')!.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}));
      await closed;
      await el.updateComplete;
      expect(q(el, '[part="panel"]') === null, '[part="panel"]').to.equal(true);
      expect(el.shadowRoot!.activeElement === q(el, '[part="launcher"]'), 'focus/hit target').to.equal(true);
      expect(el.hasAttribute('open')).to.equal(false);
      el.open();
      await el.updateComplete;
      expect(el.hasAttribute('open')).to.equal(true);
      el.close();
      await el.updateComplete;
      expect(q(el, '[part="panel"]') === null, '[part="panel"]').to.equal(true);
    } finally {
      restore();
    }
  });

  it('speaks the language from `lang`, else <html lang>', async () => {
    const restore = stubFetch();
    const before = document.documentElement.lang;
    try {
      const fr = await fixture<ConsultChat>(html`<consult-chat site="s" server="http://127.0.0.1:9" lang="fr"></consult-chat>`);
      expect(q(fr, '[part="launcher"]')!.getAttribute('aria-label')).to.equal('Ouvrir la discussion');
      document.documentElement.lang = 'es-ES';
      const es = await fixture<ConsultChat>(html`<consult-chat site="s" server="http://127.0.0.1:9" open></consult-chat>`);
      expect(q(es, '[part="launcher"]')!.getAttribute('aria-label')).to.equal('Cerrar el chat');
      expect(q<HTMLTextAreaElement>(es, 'textarea')!.placeholder).to.equal('Escribe un mensaje…');
    } finally {
      document.documentElement.lang = before;
      restore();
    }
  });

  it('positions bottom-left on request and applies the accent with readable text', async () => {
    const restore = stubFetch();
    try {
      const el = await fixture<ConsultChat>(html`<consult-chat site="s" server="http://127.0.0.1:9" position="bottom-left" accent="#ffd400"></consult-chat>`);
      const launcher = q(el, '[part="launcher"]')!;
      const box = launcher.getBoundingClientRect();
      expect(box.left).to.be.lessThan(innerWidth / 2);
      expect(getComputedStyle(launcher).backgroundColor).to.equal('rgb(255, 212, 0)');
      expect(getComputedStyle(launcher).color).to.equal('rgb(0, 0, 0)');
      expect(textOn('#1f4e79')).to.equal('#fff');
      expect(textOn('#fff')).to.equal('#000');
    } finally {
      restore();
    }
  });

  it('fills the screen on a phone and keeps inputs at 16px', async () => {
    const restore = stubFetch();
    await setViewport({width: 375, height: 667});
    try {
      const el = await fixture<ConsultChat>(html`<consult-chat site="s" server="http://127.0.0.1:9" open></consult-chat>`);
      const panel = q(el, '[part="panel"]')!;
      await Promise.all(panel.getAnimations().map((a) => a.finished)); // the opening slide moves it
      const r = panel.getBoundingClientRect();
      expect([r.left, r.top, r.width, r.height]).to.deep.equal([0, 0, 375, 667]);
      expect(getComputedStyle(q(el, 'textarea')!).fontSize).to.equal('16px');
    } finally {
      await setViewport({width: 800, height: 600});
      restore();
    }
  });

  it('drops its animations when the visitor prefers reduced motion', async () => {
    const restore = stubFetch();
    try {
      const el = await fixture<ConsultChat>(html`<consult-chat site="s" server="http://127.0.0.1:9" open></consult-chat>`);
      expect(getComputedStyle(q(el, '[part="panel"]')!).animationName).to.equal('rise');
      await emulateMedia({reducedMotion: 'reduce'});
      expect(getComputedStyle(q(el, '[part="panel"]')!).animationName).to.equal('none');
      expect(getComputedStyle(q(el, '[part="launcher"]')!).transitionDuration).to.equal('0s');
    } finally {
      await emulateMedia({reducedMotion: 'no-preference'});
      restore();
    }
  });
});
