// The console's sign-in page: email and password, a busy state while it runs, and a failure
// told in words the lawyer can act on (wrong details, too many attempts, server unreachable).
import {html, nothing, type TemplateResult} from 'lit';
import {RequestError} from '../shared/http.js';
import type {InboxStrings} from './inbox-i18n.js';

/** What the form reads and sets on the console element. */
export interface LoginHost {
  loginError: string;
  loginBusy: boolean;
  /** Signs in; rejects with the server's RequestError. */
  signIn(email: string, password: string): Promise<void>;
}

export function renderLogin(host: LoginHost, t: InboxStrings): TemplateResult {
  return html`<main class="login-page">
    <form part="login" class="login" @submit=${(e: SubmitEvent) => submitLogin(host, t, e)} aria-labelledby="login-title">
      <p class="product">${t.product}</p>
      <h1 id="login-title">${t.signInTitle}</h1>
      <p class="intro">${t.signInIntro}</p>
      <label>${t.email}<input name="email" type="email" autocomplete="username" required maxlength="200"></label>
      <label>${t.password}<input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
      ${host.loginError ? html`<p class="error" role="alert">${host.loginError}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${host.loginBusy}>${host.loginBusy ? t.signingIn : t.signIn}</button>
    </form>
  </main>`;
}

async function submitLogin(host: LoginHost, t: InboxStrings, e: SubmitEvent): Promise<void> {
  e.preventDefault();
  const data = new FormData(e.target as HTMLFormElement);
  host.loginBusy = true;
  host.loginError = '';
  try {
    await host.signIn(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
  } catch (err) {
    const code = err instanceof RequestError ? err.body.code : 'unavailable';
    host.loginError = code === 'unauthorized' || code === 'bad_request' ? t.badLogin : code === 'rate_limited' ? t.tooManyLogins : t.loginUnavailable;
  } finally {
    host.loginBusy = false;
  }
}
