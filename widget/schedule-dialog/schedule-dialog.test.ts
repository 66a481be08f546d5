// <consult-schedule-dialog> on its own: wall-clock input to UTC across a DST change, what is
// submitted, inline errors, the no-provider state, French, and axe on the open dialog.
// The live flow (console → backend → widget) is covered in e2e/consultation.test.ts.
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import '../consult-inbox/index.js';
import {ConsultScheduleDialog, type DialogRequest, type ScheduleValue} from './schedule-dialog.js';
import {INBOX_TABLES} from '../consult-inbox/inbox-i18n.js';
import type {ConsultationCard} from '../../protocol/consultation.js';

const q = <T extends Element = HTMLElement>(el: ConsultScheduleDialog, sel: string) => el.shadowRoot!.querySelector<T>(sel);

async function openDialog(req: Partial<DialogRequest> & Pick<DialogRequest, 'submit'>, lang: 'en' | 'fr' = 'en', timeZone = 'Europe/Paris') {
  const el = await fixture<ConsultScheduleDialog>(html`<consult-schedule-dialog .t=${INBOX_TABLES[lang].consult} lang=${lang} time-zone=${timeZone}></consult-schedule-dialog>`);
  await el.show({mode: 'schedule', applicantName: 'Amal Haddad', providers: async () => ['zoom', 'jitsi'], ...req});
  await el.updateComplete;
  return el;
}

function set(el: ConsultScheduleDialog, name: string, value: string): void {
  const input = q<HTMLInputElement | HTMLSelectElement>(el, `[name=${name}]`)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
}

const submit = (el: ConsultScheduleDialog) => q<HTMLFormElement>(el, 'form')!.requestSubmit();

const card: ConsultationCard = {
  id: 'k1', conversationId: 'c1', firmId: 'f', lawyerId: 'l1', applicantId: 'a1', title: 'Consultation',
  start: '2030-10-27T08:00:00.000Z', end: '2030-10-27T08:50:00.000Z', lawyerTimeZone: 'Europe/Paris', applicantTimeZone: 'America/New_York',
  provider: 'zoom', joinUrl: 'https://zoom.example/j/1', status: 'scheduled', sequence: 0, invites: {lawyer: null, applicant: null},
  createdAt: '', updatedAt: '', links: {google: '', outlook: '', ics: ''},
};

describe('<consult-schedule-dialog>', () => {
  it('says before scheduling that no invitation can reach an applicant without a confirmed email, and offers to ask', async () => {
    let asked = 0;
    const el = await openDialog({submit: async () => {}, noEmail: 'unverified', askEmail: () => void asked++});
    expect(q(el, '#dlg-intro')!.textContent).to.equal('Amal Haddad has not confirmed their email address: only you receive an invitation. They will see the consultation in the chat.');
    expect(q(el, '#dlg-intro')!.textContent).not.to.match(/each receive/);
    q(el, 'button.ask-email')!.click();
    expect(asked).to.equal(1);
    expect(q<HTMLDialogElement>(el, 'dialog')!.open, 'asking closes the dialog').to.equal(false);
    const none = await openDialog({submit: async () => {}, noEmail: 'none', askEmail: () => {}}, 'fr');
    expect(q(none, '#dlg-intro')!.textContent).to.match(/^Amal Haddad n’a pas donné d’adresse e-mail/);
    const fine = await openDialog({submit: async () => {}});
    expect(q(fine, 'button.ask-email')).to.equal(null);
  });

  it('sends the lawyer’s wall-clock time as UTC, using the offset in force that day', async () => {
    const sent: ScheduleValue[] = [];
    const el = await openDialog({submit: async (v) => void sent.push(v)});
    await waitUntil(() => q(el, 'input[type=radio]'), 'the providers');
    expect(q<HTMLInputElement>(el, 'input[value=jitsi]')!.checked, 'Jitsi first when offered').to.equal(true);
    // Paris moves to summer time on 31 March 2030: 09:00 that morning is 07:00 UTC, the day before 08:00 UTC.
    set(el, 'date', '2030-03-31');
    set(el, 'time', '09:00');
    set(el, 'duration', '90');
    await el.updateComplete;
    expect(q(el, '#dlg-zone')!.textContent).to.equal('Your time zone: Paris (GMT+2)');
    submit(el);
    await waitUntil(() => sent.length, 'a submission');
    expect(sent[0]).to.deep.equal({start: '2030-03-31T07:00:00.000Z', durationMinutes: 90, provider: 'jitsi'});
    await waitUntil(() => !el.isOpen, 'closed after success');

    const again = await openDialog({submit: async (v) => void sent.push(v)});
    await waitUntil(() => q(again, 'input[type=radio]'), 'the providers');
    set(again, 'date', '2030-03-30');
    set(again, 'time', '09:00');
    q<HTMLInputElement>(again, 'input[value=zoom]')!.click();
    submit(again);
    await waitUntil(() => sent.length === 2, 'a second submission');
    expect(sent[1]).to.deep.equal({start: '2030-03-30T08:00:00.000Z', durationMinutes: 30, provider: 'zoom'});
  });

  it('keeps the dialog open with the server’s message, on the lawyer’s clock, and a field marked invalid', async () => {
    const el = await openDialog({submit: async () => {
      throw new Error('the lawyer already has a consultation from 2030-03-30T08:00:00.000Z to 2030-03-30T08:45:00.000Z; choose another time');
    }}, 'en', 'America/New_York');
    await waitUntil(() => q(el, 'input[type=radio]'), 'the providers');
    submit(el);
    await waitUntil(() => q(el, '.error'), 'an error');
    expect(el.isOpen).to.equal(true);
    expect(q(el, '.error')!.getAttribute('role')).to.equal('alert');
    expect(q(el, '.error')!.textContent).to.equal('Not saved: the lawyer already has a consultation from Saturday, March 30, 2030, 4:00 AM to 4:45 AM; choose another time');
    expect(q(el, 'input[name=time]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(q(el, 'input[name=time]')!.getAttribute('aria-describedby')).to.equal('dlg-zone dlg-error');
  });

  it('says when no provider is set up and offers no submit', async () => {
    const el = await openDialog({providers: async () => [], submit: async () => {}});
    await waitUntil(() => q(el, '.hint:not(#dlg-zone)')?.textContent?.includes('No video provider'), 'the notice');
    expect(q<HTMLButtonElement>(el, 'button[type=submit]')!.disabled).to.equal(true);
  });

  it('reschedules with the card’s time, duration and provider prefilled; an invalid time is caught before sending', async () => {
    const sent: ScheduleValue[] = [];
    const el = await openDialog({mode: 'reschedule', card, submit: async (v) => void sent.push(v)});
    expect(q<HTMLInputElement>(el, 'input[name=date]')!.value).to.equal('2030-10-27');
    expect(q<HTMLInputElement>(el, 'input[name=time]')!.value).to.equal('09:00'); // winter time again: UTC+1
    expect(q<HTMLSelectElement>(el, 'select[name=duration]')!.value).to.equal('50');
    expect(q(el, 'form')!.textContent).to.contain('Video meeting: Zoom');
    set(el, 'time', '');
    submit(el);
    await el.updateComplete;
    expect(q(el, '.error')!.textContent).to.equal('Enter a valid date and start time.');
    expect(sent).to.deep.equal([]);
  });

  it('confirms a cancellation in French, focusing the safe choice first', async () => {
    let cancelled = 0;
    const el = await openDialog({mode: 'cancel', card, submit: async () => void cancelled++}, 'fr');
    expect(q(el, '#dlg-title')!.textContent).to.equal('Annuler cette consultation ?');
    expect(el.shadowRoot!.activeElement!.textContent!.trim()).to.equal('La conserver');
    expect(q(el, '.summary')!.textContent!.replace(/\s+/g, ' ')).to.contain('dimanche 27 octobre 2030');
    q<HTMLButtonElement>(el, 'button.danger')!.click();
    await waitUntil(() => cancelled === 1 && !el.isOpen, 'cancelled and closed');
  });

  it('passes axe while open', async () => {
    const el = await openDialog({submit: async () => {}});
    await waitUntil(() => q(el, 'input[type=radio]'), 'the providers');
    await expect(el).to.be.accessible();
  });
});
