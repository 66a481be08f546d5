// Every string the widgets show, per language. `Strings` is the contract each table must meet.
import type {SystemEvent} from '../../protocol/chat.js';

export interface Strings {
  openChat: string;
  closeChat: string;
  unread: (n: number) => string;
  chatWith: (firm: string) => string;
  online: string;
  away: string;
  lastSeen: (when: string) => string;
  messages: string;
  placeholder: string;
  send: string;
  today: string;
  yesterday: string;
  sending: string;
  sent: string;
  delivered: string;
  read: string;
  failed: string;
  retry: string;
  remove: string;
  typing: (name: string | null) => string;
  connecting: string;
  offline: string;
  reconnecting: string;
  unavailable: string;
  refused: string;
  loadOlder: string;
  deleted: string;
  you: string;
  lawyer: string;
  system: (e: SystemEvent) => string;
  consultation: string;
  join: string;
  scheduled: string;
  rescheduled: string;
  cancelled: string;
  addToCalendar: string;
}

type SystemTexts = Record<SystemEvent['event'], string>;

/** " from Thu 9:00 AM to Thu 11:00 AM (New York time)" on the reader's own clock (English on 12 hours); empty without times. */
const moved = (e: SystemEvent, locale: string, say: (from: string, to: string, city: string) => string) => {
  if (!e.from || !e.to) return '';
  const f = new Intl.DateTimeFormat(locale, {weekday: 'short', hour: 'numeric', minute: '2-digit'});
  return ' ' + say(f.format(new Date(e.from)), f.format(new Date(e.to)), Intl.DateTimeFormat().resolvedOptions().timeZone.split('/').pop()!.replace(/_/g, ' '));
};
/** " by Maria" when the applicant made the change (the lawyer's own changes name nobody). */
const by = (e: SystemEvent, word: string) => (e.by === 'applicant' && e.byName ? ` ${word} ${e.byName}` : '');

const en: Strings = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  chatWith: (firm) => `Chat with ${firm}`,
  online: 'Online',
  away: 'We will reply as soon as we can',
  lastSeen: (when) => `Last seen ${when}`,
  messages: 'Messages',
  placeholder: 'Write a message…',
  send: 'Send',
  today: 'Today',
  yesterday: 'Yesterday',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
  retry: 'Retry',
  remove: 'Delete',
  typing: (name) => `${name ?? 'A lawyer'} is typing…`,
  connecting: 'Connecting…',
  offline: 'You are offline. Messages will be sent when you are back.',
  reconnecting: 'Reconnecting…',
  unavailable: 'Chat is temporarily unavailable. Retrying…',
  refused: 'Chat is not available on this site.',
  loadOlder: 'Load earlier messages',
  deleted: 'Message deleted',
  you: 'You',
  lawyer: 'Lawyer',
  system: (e) =>
    (({
      assigned: `${e.lawyerName ?? 'A lawyer'} joined the conversation`,
      closed: 'The conversation was closed',
      reopened: 'The conversation was reopened',
      'consultation-rescheduled': 'The consultation was moved' + by(e, 'by') + moved(e, 'en-US', (a, b, c) => `from ${a} to ${b} (${c} time)`),
      'consultation-cancelled': 'The consultation was cancelled' + by(e, 'by'),
    }) satisfies SystemTexts)[e.event],
  consultation: 'Video consultation',
  join: 'Join the video call',
  scheduled: 'Confirmed',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  addToCalendar: 'Add to calendar:',
};

const fr: Strings = {
  openChat: 'Ouvrir la discussion',
  closeChat: 'Fermer la discussion',
  unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
  chatWith: (firm) => `Discuter avec ${firm}`,
  online: 'En ligne',
  away: 'Nous vous répondrons dès que possible',
  lastSeen: (when) => `Vu ${when}`,
  messages: 'Messages',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  today: 'Aujourd’hui',
  yesterday: 'Hier',
  sending: 'Envoi',
  sent: 'Envoyé',
  delivered: 'Distribué',
  read: 'Lu',
  failed: 'Non envoyé',
  retry: 'Réessayer',
  remove: 'Supprimer',
  typing: (name) => `${name ?? 'Un avocat'} écrit…`,
  connecting: 'Connexion…',
  offline: 'Vous êtes hors ligne. Vos messages partiront dès votre retour.',
  reconnecting: 'Reconnexion…',
  unavailable: 'Discussion momentanément indisponible. Nouvel essai…',
  refused: 'La discussion n’est pas disponible sur ce site.',
  loadOlder: 'Afficher les messages précédents',
  deleted: 'Message supprimé',
  you: 'Vous',
  lawyer: 'Avocat',
  system: (e) =>
    (({
      assigned: `${e.lawyerName ?? 'Un avocat'} a rejoint la conversation`,
      closed: 'La conversation a été close',
      reopened: 'La conversation a été rouverte',
      'consultation-rescheduled': 'La consultation a été déplacée' + by(e, 'par') + moved(e, 'fr-FR', (a, b, c) => `de ${a} à ${b} (heure de ${c})`),
      'consultation-cancelled': 'La consultation a été annulée' + by(e, 'par'),
    }) satisfies SystemTexts)[e.event],
  consultation: 'Consultation vidéo',
  join: 'Rejoindre la visio',
  scheduled: 'Confirmée',
  rescheduled: 'Déplacée',
  cancelled: 'Annulée',
  addToCalendar: 'Ajouter au calendrier :',
};

const es: Strings = {
  openChat: 'Abrir el chat',
  closeChat: 'Cerrar el chat',
  unread: (n) => (n === 1 ? '1 mensaje sin leer' : `${n} mensajes sin leer`),
  chatWith: (firm) => `Chatea con ${firm}`,
  online: 'En línea',
  away: 'Le responderemos lo antes posible',
  lastSeen: (when) => `Última conexión ${when}`,
  messages: 'Mensajes',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  today: 'Hoy',
  yesterday: 'Ayer',
  sending: 'Enviando',
  sent: 'Enviado',
  delivered: 'Entregado',
  read: 'Leído',
  failed: 'No enviado',
  retry: 'Reintentar',
  remove: 'Eliminar',
  typing: (name) => `${name ?? 'Un abogado'} está escribiendo…`,
  connecting: 'Conectando…',
  offline: 'Sin conexión. Los mensajes se enviarán al volver.',
  reconnecting: 'Reconectando…',
  unavailable: 'El chat no está disponible por ahora. Reintentando…',
  refused: 'El chat no está disponible en este sitio.',
  loadOlder: 'Ver mensajes anteriores',
  deleted: 'Mensaje eliminado',
  you: 'Tú',
  lawyer: 'Abogado',
  system: (e) =>
    (({
      assigned: `${e.lawyerName ?? 'Un abogado'} se unió a la conversación`,
      closed: 'La conversación se cerró',
      reopened: 'La conversación se reabrió',
      'consultation-rescheduled': 'La consulta fue cambiada' + by(e, 'por') + moved(e, 'es-ES', (a, b, c) => `del ${a} al ${b} (hora de ${c})`),
      'consultation-cancelled': 'La consulta fue cancelada' + by(e, 'por'),
    }) satisfies SystemTexts)[e.event],
  consultation: 'Consulta por vídeo',
  join: 'Unirse a la videollamada',
  scheduled: 'Confirmada',
  rescheduled: 'Reprogramada',
  cancelled: 'Cancelada',
  addToCalendar: 'Añadir al calendario:',
};

export const TABLES = {en, fr, es} satisfies Record<string, Strings>;
export type Lang = keyof typeof TABLES;

/** The first supported language among the candidates (BCP 47 tags, best first); English otherwise. */
export function pickLang(...candidates: (string | null | undefined | readonly string[])[]): Lang {
  for (const c of candidates.flat()) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    if (base && base in TABLES) return base as Lang;
  }
  return 'en';
}

/**
 * The one localizer of both elements: the first widget language among the candidates, or
 * English when this element's own tables lack it.
 */
export function localize<T>(tables: Record<string, T>, ...candidates: (string | null | undefined | readonly string[])[]): {lang: string; t: T} {
  const lang = pickLang(...candidates);
  return lang in tables ? {lang, t: tables[lang]} : {lang: 'en', t: tables.en};
}
