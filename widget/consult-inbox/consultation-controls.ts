// The console's foot of a consultation card: how each invitation went out, then Reschedule and
// Cancel while the consultation is still ahead; and the dialog those buttons (and Schedule) open.
import {html, nothing, type TemplateResult} from 'lit';
import type {ConsultationCard} from '../../protocol/consultation.js';
import type {ConsultStrings} from './inbox-i18n.js';
import type {ConsultScheduleDialog, DialogMode} from '../schedule-dialog/schedule-dialog.js';
import type {ConversationController} from './conversation-controller.js';

export function renderCardControls(
  c: ConsultationCard,
  k: ConsultStrings,
  names: {lawyer: string; applicant: string},
  openDialog: (mode: DialogMode, card: ConsultationCard) => void,
): TemplateResult {
  const invites = [[names.lawyer, c.invites.lawyer], [names.applicant, c.invites.applicant]] as const;
  const ahead = c.status === 'scheduled' && Date.parse(c.end) > Date.now();
  return html`<div class="consult-controls" part="consultation-controls">
    <p class="invites-title">${k.invitations}</p>
    <ul class="invites">
      ${invites.map(([who, inv]) => (inv
        ? html`<li class="invite ${inv.status}" data-status=${inv.status}><span class="invitee">${who}</span> <span class="state">${k.invite(inv.event, inv.status, inv.reason)}</span></li>`
        : nothing))}
    </ul>
    ${ahead
      ? html`<div class="consult-actions">
          <button type="button" class="reschedule" @click=${() => openDialog('reschedule', c)}>${k.reschedule}</button>
          <button type="button" class="cancel" @click=${() => openDialog('cancel', c)}>${k.cancel}</button>
        </div>`
      : nothing}
  </div>`;
}

/** Opens the dialog for one action on the chat's consultations; `done` hears what changed. */
export function openConsultationDialog(
  dialog: ConsultScheduleDialog,
  chat: ConversationController,
  mode: DialogMode,
  applicantName: string,
  card: ConsultationCard | undefined,
  done: (action: DialogMode, consultation: ConsultationCard) => void,
  email?: {noEmail?: 'none' | 'unverified'; ask(): void; asked?: boolean},
): void {
  void dialog.show({
    mode,
    applicantName,
    card,
    noEmail: email?.noEmail,
    askEmail: email?.ask,
    emailAsked: email?.asked,
    providers: () => chat.providers(),
    submit: async (v) => {
      if (mode === 'schedule') done(mode, await chat.schedule(v.start, v.durationMinutes, v.provider));
      else if (mode === 'reschedule') done(mode, await chat.reschedule(card!.id, v.start, v.durationMinutes));
      else done(mode, await chat.cancelConsultation(card!.id));
    },
  });
}
