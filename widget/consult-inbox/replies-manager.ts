// Managing saved replies: a modal dialog listing the firm's and the lawyer's own, with a form to
// add one (firm-wide ones are the owner's to add and remove).
import {html, type TemplateResult} from 'lit';
import type {InboxController} from './inbox-controller.js';
import type {InboxStrings} from './inbox-i18n.js';

export interface RepliesHost {
  readonly inbox: InboxController;
  managingReplies: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(): void;
}

let error = '';

export function renderRepliesManager(host: RepliesHost, t: InboxStrings): TemplateResult {
  const w = t.work;
  const inbox = host.inbox;
  const owner = inbox.session?.lawyer.role === 'owner';
  const close = () => {
    host.managingReplies = false;
    error = '';
  };
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    try {
      await inbox.addReply(String(data.get('shortcut') ?? '').trim().replace(/^\//, ''), String(data.get('body') ?? ''), data.get('shared') === 'on');
      error = '';
      form.reset();
    } catch (err) {
      error = t.actionFailed((err as Error).message);
    }
    host.requestUpdate();
  };
  const remove = async (id: string) => {
    try {
      await inbox.removeReply(id);
    } catch (err) {
      error = t.actionFailed((err as Error).message);
    }
    host.requestUpdate();
  };
  // Opened as a modal once rendered: focus is kept inside, Escape closes.
  queueMicrotask(() => {
    const dialog = host.renderRoot.querySelector<HTMLDialogElement>('dialog.replies');
    if (dialog && !dialog.open) dialog.showModal();
  });
  return html`<dialog class="replies" part="replies-dialog" aria-labelledby="replies-title" @close=${close}>
    <h2 id="replies-title">${w.manageReplies}</h2>
    <p class="hint">${w.replyHint}</p>
    <ul class="reply-list">${inbox.replies.map((r) => html`<li>
      <span class="reply-text"><b>/${r.shortcut}</b> <small>${r.shared ? w.shared : w.personal}</small><span>${r.body}</span></span>
      ${!r.shared || owner ? html`<button type="button" class="ghost small" @click=${() => remove(r.id)}>${w.remove}</button>` : ''}
    </li>`)}</ul>
    <form class="reply-form" @submit=${onSubmit}>
      <label>${w.shortcut}<input name="shortcut" required maxlength="33" pattern="/?[\\p{L}\\p{N}][\\p{L}\\p{N}_\\-]{0,31}" autocomplete="off"></label>
      <label>${w.replyBody}<textarea name="body" required maxlength="4000" rows="3"></textarea></label>
      ${owner ? html`<label class="check"><input type="checkbox" name="shared"> ${w.shared}</label>` : ''}
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <div class="dialog-actions">
        <button type="submit" class="primary">${w.add}</button>
        <button type="button" class="ghost" @click=${(e: Event) => (e.target as HTMLElement).closest('dialog')!.close()}>${w.done}</button>
      </div>
    </form>
  </dialog>`;
}
