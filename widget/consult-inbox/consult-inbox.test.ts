// <consult-inbox> without a backend: the sign-in form, the stored session's expiry, the
// notification permission rule, languages. The live behaviour is covered end to end (e2e/).
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import './index.js';
import type {ConsultInbox} from './consult-inbox.js';

const DEAD_SERVER = 'http://127.0.0.1:9';
const KEY = 'consult-inbox:session';
const q = <T extends Element = HTMLElement>(el: ConsultInbox, sel: string) => el.shadowRoot!.querySelector<T>(sel);

function storeSession(expiresInMs: number): void {
  localStorage.setItem(KEY, JSON.stringify({
    token: 'header.payload.signature',
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    lawyer: {id: '65f000000000000000000001', firmId: '65f000000000000000000002', name: 'Anna Moreau', email: 'anna@example.com', role: 'owner', lastSeenAt: null},
  }));
}

/** Records requests and permission prompts; restored after each test. */
function spy() {
  const calls: string[] = [];
  const origFetch = window.fetch;
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`fetch ${String(input)}`);
    return origFetch(input, init);
  }) as typeof fetch;
  const origAsk = Notification.requestPermission;
  Notification.requestPermission = (async () => {
    calls.push('permission');
    return 'default';
  }) as typeof Notification.requestPermission;
  return {calls, restore: () => {
    window.fetch = origFetch;
    Notification.requestPermission = origAsk;
  }};
}

describe('<consult-inbox>', () => {
  let s: ReturnType<typeof spy>;
  beforeEach(() => {
    localStorage.removeItem(KEY);
    s = spy();
  });
  afterEach(() => {
    s.restore();
    localStorage.removeItem(KEY);
  });

  it('shows a labelled sign-in form, requests nothing and asks no permission on load', async () => {
    const el = await fixture<ConsultInbox>(html`<consult-inbox server=${DEAD_SERVER}></consult-inbox>`);
    const email = q<HTMLInputElement>(el, 'input[name=email]')!;
    const password = q<HTMLInputElement>(el, 'input[name=password]')!;
    expect(email.closest('label')!.textContent).to.contain('Email');
    expect(password.type).to.equal('password');
    expect(password.autocomplete).to.equal('current-password');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('says plainly when the server cannot be reached', async () => {
    const el = await fixture<ConsultInbox>(html`<consult-inbox server=${DEAD_SERVER}></consult-inbox>`);
    q<HTMLInputElement>(el, 'input[name=email]')!.value = 'anna@example.com';
    q<HTMLInputElement>(el, 'input[name=password]')!.value = 'secret';
    q<HTMLFormElement>(el, 'form')!.requestSubmit();
    await waitUntil(() => q(el, '.error'), 'an error message', {timeout: 5000});
    expect(q(el, '.error')!.textContent).to.match(/cannot be reached/);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('discards an expired stored session and asks to sign in', async () => {
    storeSession(-60_000);
    const el = await fixture<ConsultInbox>(html`<consult-inbox server=${DEAD_SERVER}></consult-inbox>`);
    expect(q(el, '.login')).to.exist;
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(s.calls).to.deep.equal([]);
  });

  it('restores a stored session that has not expired, and signing out forgets it', async () => {
    storeSession(60 * 60_000);
    const el = await fixture<ConsultInbox>(html`<consult-inbox server=${DEAD_SERVER}></consult-inbox>`);
    expect(q(el, '.login')).to.equal(null);
    expect(q(el, '.me strong')!.textContent).to.equal('Anna Moreau');
    await waitUntil(() => s.calls.some((c) => c.startsWith(`fetch ${DEAD_SERVER}/api/v1/conversations?`)), 'the list request', {timeout: 5000});
    expect(q(el, '.conn')!.textContent).to.match(/Connecting|Reconnecting/);
    const signOut = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Sign out')!;
    signOut.click();
    await el.updateComplete;
    expect(q(el, '.login')).to.exist;
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it('asks for the notification permission only when the bell is clicked', async () => {
    storeSession(60 * 60_000);
    const el = await fixture<ConsultInbox>(html`<consult-inbox server=${DEAD_SERVER}></consult-inbox>`);
    const bell = q<HTMLButtonElement>(el, '.me .icon');
    if (Notification.permission !== 'default') {
      // The browser already decided: no button that would prompt.
      expect(bell === null || bell.disabled).to.equal(true);
      return;
    }
    expect(s.calls.filter((c) => c === 'permission')).to.deep.equal([]);
    bell!.click();
    await waitUntil(() => s.calls.includes('permission'), 'a permission request');
    expect(s.calls.filter((c) => c === 'permission')).to.have.length(1);
  });

  it('speaks French when the page does', async () => {
    const el = await fixture<ConsultInbox>(html`<consult-inbox server=${DEAD_SERVER} lang="fr"></consult-inbox>`);
    expect(q(el, 'h1')!.textContent).to.equal('Console des avocats');
    expect(q(el, 'button[type=submit]')!.textContent!.trim()).to.equal('Se connecter');
  });
});
