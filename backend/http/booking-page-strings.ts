// Words of the pages behind the applicant's email links, in the widget's three languages.
import type {EmailLang} from '../mail/templates/strings.js';

export interface PageStrings {
  invalid: string;
  expired: string;
  alreadyCancelled: string;
  askInChat: string;
  cancelTitle: string;
  moveTitle: string;
  now: string;
  withWhom: (lawyer: string) => string;
  timesIn: (zone: string) => string;
  moveButton: string;
  noTimes: string;
  cancelled: string;
  lawyerTold: (lawyer: string) => string;
  moved: string;
  newInvite: string;
  pickOne: string;
  /** A refused time, in the applicant's language (the server's reason is English). */
  notFree: string;
  taken: string;
}

export const PAGE_STRINGS: Record<EmailLang, PageStrings> = {
  en: {
    invalid: 'This link is not valid',
    expired: 'This link has expired',
    alreadyCancelled: 'This consultation was cancelled',
    askInChat: 'Use the link in your latest email, or write to the firm in the chat.',
    cancelTitle: 'Cancel your consultation?',
    moveTitle: 'Pick another time',
    now: 'Currently booked:',
    withWhom: (l) => `With ${l}`,
    timesIn: (zone) => `Times are shown in ${zone}.`,
    moveButton: 'Move my consultation',
    noTimes: 'No other time is free in the next 14 days. Write to the firm in the chat.',
    cancelled: 'Your consultation is cancelled',
    lawyerTold: (l) => `${l} has been told in your conversation. A cancellation for your calendar is on its way by email.`,
    moved: 'Your consultation has moved',
    newInvite: 'An updated invitation is on its way by email.',
    pickOne: 'Choose one of the times.',
    notFree: 'That time cannot be booked (it is too soon, outside the lawyer’s hours or not on the grid). Choose one of the times listed.',
    taken: 'That time was just taken. Choose another one.',
  },
  fr: {
    invalid: 'Ce lien n’est pas valide',
    expired: 'Ce lien a expiré',
    alreadyCancelled: 'Cette consultation a été annulée',
    askInChat: 'Utilisez le lien de votre dernier e-mail, ou écrivez au cabinet dans la discussion.',
    cancelTitle: 'Annuler votre consultation ?',
    moveTitle: 'Choisir un autre horaire',
    now: 'Réservé actuellement :',
    withWhom: (l) => `Avec ${l}`,
    timesIn: (zone) => `Horaires affichés en ${zone}.`,
    moveButton: 'Déplacer ma consultation',
    noTimes: 'Aucun autre horaire libre dans les 14 prochains jours. Écrivez au cabinet dans la discussion.',
    cancelled: 'Votre consultation est annulée',
    lawyerTold: (l) => `${l} en a été informé(e) dans votre conversation. Une annulation pour votre calendrier arrive par e-mail.`,
    moved: 'Votre consultation a été déplacée',
    newInvite: 'Une invitation mise à jour arrive par e-mail.',
    pickOne: 'Choisissez un des horaires.',
    notFree: 'Cet horaire ne peut pas être réservé (trop proche, hors des horaires de l’avocat ou hors de la grille). Choisissez l’un des horaires proposés.',
    taken: 'Cet horaire vient d’être pris. Choisissez-en un autre.',
  },
  es: {
    invalid: 'Este enlace no es válido',
    expired: 'Este enlace ha caducado',
    alreadyCancelled: 'Esta consulta se canceló',
    askInChat: 'Use el enlace de su último correo o escriba al despacho en el chat.',
    cancelTitle: '¿Cancelar su consulta?',
    moveTitle: 'Elegir otra hora',
    now: 'Reservada ahora:',
    withWhom: (l) => `Con ${l}`,
    timesIn: (zone) => `Horas en ${zone}.`,
    moveButton: 'Mover mi consulta',
    noTimes: 'No hay otra hora libre en los próximos 14 días. Escriba al despacho en el chat.',
    cancelled: 'Su consulta está cancelada',
    lawyerTold: (l) => `Se ha avisado a ${l} en su conversación. Le llega por correo una cancelación para su calendario.`,
    moved: 'Su consulta ha cambiado de hora',
    newInvite: 'Le llega por correo una invitación actualizada.',
    pickOne: 'Elija una de las horas.',
    notFree: 'Esa hora no se puede reservar (es demasiado pronto, fuera del horario del abogado o fuera de la cuadrícula). Elija una de las horas de la lista.',
    taken: 'Esa hora se acaba de ocupar. Elija otra.',
  },
};
