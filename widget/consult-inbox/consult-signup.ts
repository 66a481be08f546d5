// <consult-signup>: the page an invited lawyer reaches from their email. The one-time token
// comes in the URL fragment (never sent to a server by the browser); choosing a password
// accepts the invitation, and the console opens signed in.
import {LitElement, html, nothing} from 'lit';
import {RequestError, requestJson} from '../shared/http.js';
import {localize} from '../shared/i18n.js';
import {writeJson} from '../shared/storage.js';
import type {LoginResponse} from '../../protocol/rest.js';
import {styles} from './consult-inbox.styles.js';
import {baseStyles} from '../shared/element-base.js';

const TABLES = {
  en: {title: 'Join your firm', intro: 'Choose the password you will sign in with.', password: 'Password (10 characters or more)', again: 'Password again', mismatch: 'The two passwords differ.', submit: 'Create my account', noToken: 'This page needs the link from your invitation email.'},
  fr: {title: 'Rejoindre votre cabinet', intro: 'Choisissez le mot de passe de connexion.', password: 'Mot de passe (10 caractères ou plus)', again: 'Mot de passe, à nouveau', mismatch: 'Les deux mots de passe diffèrent.', submit: 'Créer mon compte', noToken: 'Cette page demande le lien de votre e-mail d’invitation.'},
  es: {title: 'Únase a su despacho', intro: 'Elija la contraseña con la que iniciará sesión.', password: 'Contraseña (10 caracteres o más)', again: 'Repita la contraseña', mismatch: 'Las contraseñas no coinciden.', submit: 'Crear mi cuenta', noToken: 'Esta página necesita el enlace de su correo de invitación.'},
};

export class ConsultSignup extends LitElement {
  static override styles = [baseStyles, styles];
  static override properties = {server: {}, error: {state: true}, busy: {state: true}};
  server = '';
  error = '';
  busy = false;
  private token = /[#&]invite=([\w-]{20,200})/.exec(location.hash)?.[1];
  private l10n = localize(TABLES, this.getAttribute('lang'), document.documentElement.lang, navigator.languages);

  override render() {
    const t = this.l10n.t;
    return html`<main class="login-page">
      <form class="login" @submit=${this.submit} aria-labelledby="signup-title">
        <p class="product">Consult Chat</p>
        <h1 id="signup-title">${t.title}</h1>
        ${this.token ? html`<p class="intro">${t.intro}</p>
          <label>${t.password}<input name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="200"></label>
          <label>${t.again}<input name="again" type="password" autocomplete="new-password" required minlength="10" maxlength="200"></label>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.submit}</button>` : html`<p class="error" role="alert">${t.noToken}</p>`}
      </form>
    </main>`;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const password = String(f.get('password') ?? '');
    if (password !== String(f.get('again') ?? '')) {
      this.error = this.l10n.t.mismatch;
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const session = await requestJson<LoginResponse>(`${this.server || location.origin}/api/v1/auth/invite`, {method: 'POST', body: {token: this.token, password}});
      // The console restores this session on load.
      writeJson('consult-inbox:session', session);
      location.replace('/console/');
    } catch (err) {
      this.error = err instanceof RequestError ? err.body.issues?.[0]?.message ?? err.body.message : String(err);
    } finally {
      this.busy = false;
    }
  }
}

if (!customElements.get('consult-signup')) customElements.define('consult-signup', ConsultSignup);
