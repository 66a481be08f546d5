// New-message toasts while the console is on screen (the title badge and system notifications
// cover a hidden tab), with an optional short sound: off by default, remembered per browser.
import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {readJson, writeJson} from '../shared/storage.js';
import type {WorkStrings} from './workday-i18n.js';

export interface Toast {
  id: number;
  title: string;
  body: string;
  conversationId: string;
}

const SOUND_KEY = 'consult-inbox:sound';
const SHOWN_MS = 8_000;
const MAX = 3;

export class Toasts {
  items: Toast[] = [];
  sound = readJson(SOUND_KEY) === true;
  private next = 1;

  constructor(private host: ReactiveControllerHost) {}

  push(title: string, body: string, conversationId: string): void {
    const toast = {id: this.next++, title, body: body.slice(0, 140), conversationId};
    this.items = [...this.items.filter((x) => x.conversationId !== conversationId), toast].slice(-MAX);
    setTimeout(() => this.dismiss(toast.id), SHOWN_MS);
    if (this.sound) chime();
    this.host.requestUpdate();
  }

  dismiss(id: number): void {
    this.items = this.items.filter((x) => x.id !== id);
    this.host.requestUpdate();
  }

  toggleSound(): void {
    this.sound = !this.sound;
    writeJson(SOUND_KEY, this.sound);
    if (this.sound) chime();
    this.host.requestUpdate();
  }

  render(t: WorkStrings, open: (conversationId: string) => void): TemplateResult {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${this.items.map((x) => html`<div class="toast" part="toast">
        <button class="toast-main" type="button" @click=${() => (this.dismiss(x.id), open(x.conversationId))}><strong>${x.title}</strong><span>${x.body}</span></button>
        <button class="icon" type="button" aria-label=${t.dismiss} @click=${() => this.dismiss(x.id)}>×</button>
      </div>`)}
    </div>${nothing}`;
  }
}

/** Two soft notes, made on the spot: no audio file to fetch, nothing for the CSP to allow. */
function chime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.06, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.35);
    gain.connect(ctx.destination);
    [880, 1175].forEach((f, i) => {
      const o = ctx.createOscillator();
      o.frequency.value = f;
      o.connect(gain);
      o.start(ctx.currentTime + i * 0.12);
      o.stop(ctx.currentTime + 0.35);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // No audio (autoplay policy, no device): the toast is enough.
  }
}
