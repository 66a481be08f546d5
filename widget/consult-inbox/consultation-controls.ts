// The console's foot of a consultation card: how each invitation went out, then Reschedule and
// Cancel while the consultation is still ahead.
import {html, nothing, type TemplateResult} from 'lit';
import type {ConsultationCard} from '../../protocol/consultation.js';
import type {ConsultStrings} from './inbox-i18n.js';
import type {DialogMode} from '../schedule-dialog/schedule-dialog.js';

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
