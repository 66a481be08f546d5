import {LitElement, html} from 'lit';
import {property} from 'lit/decorators.js';
import {styles} from './consult-chat.styles.js';

/**
 * The applicant-facing chat. Placeholder until the widget issue lands: renders the launcher only.
 *
 * @csspart launcher - the round button that opens the chat
 * @cssproperty --consult-accent - the firm's accent colour
 */
export class ConsultChat extends LitElement {
  static override styles = styles;

  /** The firm's public site key. */
  @property({attribute: 'site'}) site = '';

  override render() {
    return html`<button part="launcher" class="launcher" aria-label="Open chat">💬</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-chat': ConsultChat;
  }
}
