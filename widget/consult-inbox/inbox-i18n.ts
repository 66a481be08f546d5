// Every string the lawyer console shows, per language. Message-list strings (receipts, days,
// system notices) come from the shared widget tables, as `list`.
import {TABLES, type Strings} from '../shared/i18n.js';
import type {ConsultationEvent, InviteStatus} from '../../protocol/consultation.js';
import {WORK_TABLES, type WorkStrings} from './workday-i18n.js';
import {SEARCH_TABLES, type SearchStrings} from './search-i18n.js';

/** The scheduling dialog and the console's part of the consultation card. */
export interface ConsultStrings {
  schedule: string;
  scheduleTitle: string;
  rescheduleTitle: string;
  cancelTitle: string;
  scheduleIntro: (name: string) => string;
  /** Schedule mode when no invitation can go out: the applicant gave no email, or has not confirmed it. */
  noEmailIntro: (name: string, unverified: boolean) => string;
  askEmail: string;
  emailAsked: string;
  rescheduleIntro: string;
  cancelIntro: string;
  date: string;
  time: string;
  zone: (city: string, offset: string) => string;
  duration: string;
  minutes: (m: number) => string;
  provider: string;
  personal: string;
  noProviders: string;
  submitSchedule: string;
  submitReschedule: string;
  submitCancel: string;
  working: string;
  close: string;
  keep: string;
  reschedule: string;
  cancel: string;
  invitations: string;
  you: string;
  invite: (event: ConsultationEvent, status: InviteStatus, reason: string | null) => string;
  invalidTime: string;
  failed: (why: string) => string;
}

export interface InboxStrings {
  /** The message list's strings, shared with the widget. */
  list: Strings;
  product: string;
  signInTitle: string;
  signInIntro: string;
  email: string;
  password: string;
  signIn: string;
  signingIn: string;
  badLogin: string;
  tooManyLogins: string;
  loginUnavailable: string;
  sessionExpired: string;
  signOut: string;
  signedInAs: (name: string) => string;
  conversations: string;
  filterAssigned: string;
  unassigned: string;
  mine: string;
  all: string;
  filterStatus: string;
  open: string;
  closed: string;
  empty: string;
  loadMore: string;
  listFailed: string;
  retry: string;
  visitor: (n: number) => string;
  unread: (n: number) => string;
  online: string;
  offlineDot: string;
  lastSeen: (when: string) => string;
  typing: (name: string | null) => string;
  youPrefix: string;
  assignedTo: (name: string) => string;
  assignedToYou: string;
  you: string;
  notAssigned: string;
  claim: string;
  assignTo: string;
  close: string;
  reopen: string;
  closedNote: string;
  back: string;
  pickConversation: string;
  keyboardHint: string;
  placeholder: string;
  attach: string;
  send: string;
  verified: string;
  topic: string;
  notifications: string;
  notificationsOn: string;
  notificationsBlocked: string;
  newMessageFrom: (name: string) => string;
  connecting: string;
  reconnecting: string;
  offline: string;
  actionFailed: (why: string) => string;
  settings: string;
  transcript: string;
  erase: string;
  confirmErase: (name: string) => string;
  consentAccepted: (version: number, when: string) => string;
  unverified: string;
  phone: string;
  consult: ConsultStrings;
  work: WorkStrings;
  search: SearchStrings;
}

const en: InboxStrings = {
  list: TABLES.en,
  product: 'Consult Chat',
  signInTitle: 'Lawyer console',
  signInIntro: 'Sign in to answer your firm’s visitors.',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  badLogin: 'That email and password do not match an account.',
  tooManyLogins: 'Too many attempts. Please wait a minute and try again.',
  loginUnavailable: 'The server cannot be reached. Check your connection and try again.',
  sessionExpired: 'Your session has expired. Please sign in again.',
  signOut: 'Sign out',
  signedInAs: (name) => `Signed in as ${name}`,
  conversations: 'Conversations',
  filterAssigned: 'Show',
  unassigned: 'Unassigned',
  mine: 'Mine',
  all: 'All',
  filterStatus: 'Status',
  open: 'Open',
  closed: 'Closed',
  empty: 'No conversations here yet.',
  loadMore: 'Load more',
  listFailed: 'The list could not be loaded.',
  retry: 'Retry',
  visitor: (n) => `Visitor #${n}`,
  unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  online: 'Online',
  offlineDot: 'Offline',
  lastSeen: (when) => `Last seen ${when}`,
  typing: (name) => `${name ?? 'Visitor'} is typing…`,
  youPrefix: 'You: ',
  assignedTo: (name) => `Assigned to ${name}`,
  assignedToYou: 'Assigned to you',
  you: 'you',
  notAssigned: 'Unassigned',
  claim: 'Claim',
  assignTo: 'Assign to',
  close: 'Close',
  reopen: 'Reopen',
  closedNote: 'This conversation is closed. A new message from either side reopens it.',
  back: 'Back to conversations',
  pickConversation: 'Select a conversation to start answering.',
  keyboardHint: 'Tip: ↑ ↓ or J K move through the list, Enter opens.',
  placeholder: 'Write a reply…',
  attach: 'Attach files',
  send: 'Send',
  verified: 'Verified',
  topic: 'Topic',
  notifications: 'Enable notifications',
  notificationsOn: 'Notifications on',
  notificationsBlocked: 'Notifications blocked',
  newMessageFrom: (name) => `New message from ${name}`,
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Replies will be sent when you are back.',
  actionFailed: (why) => `That did not work: ${why}`,
  work: WORK_TABLES.en,
  search: SEARCH_TABLES.en,
  settings: 'Settings',
  transcript: 'Transcript',
  erase: 'Erase applicant',
  confirmErase: (name) => `Erase ${name} and all their conversations, messages and consultations? This cannot be undone.`,
  consentAccepted: (v, when) => `Accepted notice v${v} on ${when}`,
  unverified: 'unverified',
  phone: 'Phone',
  consult: {
    schedule: 'Schedule consultation',
    scheduleTitle: 'Schedule a video consultation',
    rescheduleTitle: 'Reschedule the consultation',
    cancelTitle: 'Cancel this consultation?',
    scheduleIntro: (name) => `You and ${name} each receive an email invitation with a calendar file.`,
    noEmailIntro: (name, unverified) => `${name} ${unverified ? 'has not confirmed their email address' : 'has not given an email address'}: only you receive an invitation. They will see the consultation in the chat.`,
    askEmail: 'Ask for their email in the chat',
    emailAsked: 'We asked them for their email in the chat: once they confirm it, the next invitation reaches them too.',
    rescheduleIntro: 'You and the client each receive the new time by email.',
    cancelIntro: 'You and the client each receive a cancellation by email. This cannot be undone.',
    date: 'Date',
    time: 'Start time',
    zone: (city, offset) => `Your time zone: ${city} (${offset})`,
    duration: 'Duration',
    minutes: (m) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`),
    provider: 'Video meeting',
    personal: 'Your personal meeting link',
    noProviders: 'No video provider is set up for this firm.',
    submitSchedule: 'Schedule and send invitations',
    submitReschedule: 'Move and notify',
    submitCancel: 'Cancel consultation',
    working: 'Sending…',
    close: 'Close',
    keep: 'Keep it',
    reschedule: 'Reschedule',
    cancel: 'Cancel',
    invitations: 'Email invitations',
    you: 'You',
    invite: (event, status, reason) =>
      `${{scheduled: 'Invitation', rescheduled: 'Update', cancelled: 'Cancellation'}[event]} ${{
        pending: 'queued',
        sent: 'sent',
        failed: `failed: ${reason ?? 'unknown error'}`,
        captured: 'captured (dev mailbox)',
        skipped: 'not sent: no email address',
      }[status]}`,
    invalidTime: 'Enter a valid date and start time.',
    failed: (why) => `Not saved: ${why}`,
  },
};

const fr: InboxStrings = {
  list: TABLES.fr,
  product: 'Consult Chat',
  signInTitle: 'Console des avocats',
  signInIntro: 'Connectez-vous pour répondre aux visiteurs du cabinet.',
  email: 'E-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  signingIn: 'Connexion…',
  badLogin: 'Cet e-mail et ce mot de passe ne correspondent à aucun compte.',
  tooManyLogins: 'Trop de tentatives. Patientez une minute puis réessayez.',
  loginUnavailable: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
  signOut: 'Se déconnecter',
  signedInAs: (name) => `Connecté·e : ${name}`,
  conversations: 'Conversations',
  filterAssigned: 'Afficher',
  unassigned: 'Non attribuées',
  mine: 'Les miennes',
  all: 'Toutes',
  filterStatus: 'Statut',
  open: 'Ouvertes',
  closed: 'Closes',
  empty: 'Aucune conversation ici pour l’instant.',
  loadMore: 'Afficher plus',
  listFailed: 'La liste n’a pas pu être chargée.',
  retry: 'Réessayer',
  visitor: (n) => `Visiteur n° ${n}`,
  unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
  online: 'En ligne',
  offlineDot: 'Hors ligne',
  lastSeen: (when) => `Vu ${when}`,
  typing: (name) => `${name ?? 'Le visiteur'} écrit…`,
  youPrefix: 'Vous : ',
  assignedTo: (name) => `Attribuée à ${name}`,
  assignedToYou: 'Attribuée à vous',
  you: 'vous',
  notAssigned: 'Non attribuée',
  claim: 'Prendre en charge',
  assignTo: 'Attribuer à',
  close: 'Clore',
  reopen: 'Rouvrir',
  closedNote: 'Cette conversation est close. Un nouveau message la rouvrira.',
  back: 'Retour aux conversations',
  pickConversation: 'Choisissez une conversation pour répondre.',
  keyboardHint: 'Astuce : ↑ ↓ ou J K parcourent la liste, Entrée ouvre.',
  placeholder: 'Écrivez une réponse…',
  attach: 'Joindre des fichiers',
  send: 'Envoyer',
  verified: 'Vérifié',
  topic: 'Sujet',
  notifications: 'Activer les notifications',
  notificationsOn: 'Notifications activées',
  notificationsBlocked: 'Notifications bloquées',
  newMessageFrom: (name) => `Nouveau message de ${name}`,
  connecting: 'Connexion…',
  reconnecting: 'Reconnexion…',
  offline: 'Vous êtes hors ligne. Vos réponses partiront dès votre retour.',
  actionFailed: (why) => `L’action a échoué : ${why}`,
  work: WORK_TABLES.fr,
  search: SEARCH_TABLES.fr,
  settings: 'Réglages',
  transcript: 'Transcription',
  erase: 'Effacer le demandeur',
  confirmErase: (name) => `Effacer ${name} avec toutes ses conversations, messages et consultations ? C’est irréversible.`,
  consentAccepted: (v, when) => `A accepté l’avis v${v} le ${when}`,
  unverified: 'non vérifié',
  phone: 'Téléphone',
  consult: {
    schedule: 'Planifier une consultation',
    scheduleTitle: 'Planifier une consultation vidéo',
    rescheduleTitle: 'Déplacer la consultation',
    cancelTitle: 'Annuler cette consultation ?',
    scheduleIntro: (name) => `Vous et ${name} recevez chacun une invitation par e-mail avec un fichier d’agenda.`,
    noEmailIntro: (name, unverified) => `${name} ${unverified ? 'n’a pas confirmé son adresse e-mail' : 'n’a pas donné d’adresse e-mail'} : vous seul recevez une invitation. La consultation apparaîtra dans la discussion.`,
    askEmail: 'Demander son e-mail dans la discussion',
    emailAsked: 'Nous lui avons demandé son e-mail dans la discussion : dès qu’il l’aura confirmé, la prochaine invitation lui parviendra aussi.',
    rescheduleIntro: 'Vous et le client recevez chacun le nouvel horaire par e-mail.',
    cancelIntro: 'Vous et le client recevez chacun une annulation par e-mail. C’est définitif.',
    date: 'Date',
    time: 'Heure de début',
    zone: (city, offset) => `Votre fuseau horaire : ${city} (${offset})`,
    duration: 'Durée',
    minutes: (m) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60}` : ''}`),
    provider: 'Visioconférence',
    personal: 'Votre lien de réunion personnel',
    noProviders: 'Aucun service de visioconférence n’est configuré pour ce cabinet.',
    submitSchedule: 'Planifier et envoyer les invitations',
    submitReschedule: 'Déplacer et prévenir',
    submitCancel: 'Annuler la consultation',
    working: 'Envoi…',
    close: 'Fermer',
    keep: 'La conserver',
    reschedule: 'Déplacer',
    cancel: 'Annuler',
    invitations: 'Invitations par e-mail',
    you: 'Vous',
    invite: (event, status, reason) =>
      `${{scheduled: 'Invitation', rescheduled: 'Mise à jour', cancelled: 'Annulation'}[event]} ${{
        pending: 'en attente',
        sent: 'envoyée',
        failed: `en échec : ${reason ?? 'erreur inconnue'}`,
        captured: 'capturée (boîte de développement)',
        skipped: 'non envoyée : pas d’adresse e-mail',
      }[status]}`,
    invalidTime: 'Saisissez une date et une heure de début valides.',
    failed: (why) => `Non enregistré : ${why}`,
  },
};


const es: InboxStrings = {
  list: TABLES.es,
  work: WORK_TABLES.es,
  search: SEARCH_TABLES.es,
  product: 'Consult Chat',
  signInTitle: 'Consola del abogado',
  signInIntro: 'Inicie sesión para responder a los visitantes de su despacho.',
  email: 'Correo electrónico',
  password: 'Contraseña',
  signIn: 'Iniciar sesión',
  signingIn: 'Iniciando sesión…',
  badLogin: 'Ese correo y esa contraseña no corresponden a ninguna cuenta.',
  tooManyLogins: 'Demasiados intentos. Espere un minuto y vuelva a intentarlo.',
  loginUnavailable: 'No se puede contactar con el servidor. Compruebe su conexión y vuelva a intentarlo.',
  sessionExpired: 'Su sesión ha terminado. Vuelva a iniciar sesión.',
  signOut: 'Cerrar sesión',
  signedInAs: (name) => `Sesión de ${name}`,
  conversations: 'Conversaciones',
  filterAssigned: 'Mostrar',
  unassigned: 'Sin asignar',
  mine: 'Mías',
  all: 'Todas',
  filterStatus: 'Estado',
  open: 'Abiertas',
  closed: 'Cerradas',
  empty: 'Todavía no hay conversaciones aquí.',
  loadMore: 'Cargar más',
  listFailed: 'No se pudo cargar la lista.',
  retry: 'Reintentar',
  visitor: (n) => `Visitante n.º ${n}`,
  unread: (n) => (n === 1 ? '1 mensaje sin leer' : `${n} mensajes sin leer`),
  online: 'En línea',
  offlineDot: 'Desconectado',
  lastSeen: (when) => `Visto ${when}`,
  typing: (name) => `${name ?? 'El visitante'} está escribiendo…`,
  youPrefix: 'Usted: ',
  assignedTo: (name) => `Asignada a ${name}`,
  assignedToYou: 'Asignada a usted',
  you: 'usted',
  notAssigned: 'Sin asignar',
  claim: 'Tomar',
  assignTo: 'Asignar a',
  close: 'Cerrar',
  reopen: 'Reabrir',
  closedNote: 'Esta conversación está cerrada. Un nuevo mensaje de cualquiera de las partes la reabre.',
  back: 'Volver a las conversaciones',
  pickConversation: 'Seleccione una conversación para empezar a responder.',
  keyboardHint: 'Consejo: ↑ ↓ o J K recorren la lista, Intro la abre.',
  placeholder: 'Escriba una respuesta…',
  attach: 'Adjuntar archivos',
  send: 'Enviar',
  verified: 'Verificado',
  topic: 'Tema',
  notifications: 'Activar notificaciones',
  notificationsOn: 'Notificaciones activadas',
  notificationsBlocked: 'Notificaciones bloqueadas',
  newMessageFrom: (name) => `Nuevo mensaje de ${name}`,
  connecting: 'Conectando…',
  reconnecting: 'Reconectando…',
  offline: 'Está sin conexión. Las respuestas se enviarán cuando vuelva.',
  actionFailed: (why) => `No funcionó: ${why}`,
  settings: 'Ajustes',
  transcript: 'Transcripción',
  erase: 'Borrar solicitante',
  confirmErase: (name) => `¿Borrar a ${name} con todas sus conversaciones, mensajes y consultas? No se puede deshacer.`,
  consentAccepted: (v, when) => `Aceptó el aviso v${v} el ${when}`,
  unverified: 'sin verificar',
  phone: 'Teléfono',
  consult: {
    schedule: 'Programar consulta',
    scheduleTitle: 'Programar una videoconsulta',
    rescheduleTitle: 'Cambiar la consulta de fecha',
    cancelTitle: '¿Cancelar esta consulta?',
    scheduleIntro: (name) => `Usted y ${name} recibirán una invitación por correo con un archivo de calendario.`,
    noEmailIntro: (name, unverified) => `${name} ${unverified ? 'no ha confirmado su correo' : 'no ha dado un correo'}: solo usted recibe una invitación. La consulta aparecerá en el chat.`,
    askEmail: 'Pedir su correo en el chat',
    emailAsked: 'Le pedimos su correo en el chat: en cuanto lo confirme, la próxima invitación también le llegará.',
    rescheduleIntro: 'Usted y el cliente recibirán la nueva hora por correo.',
    cancelIntro: 'Usted y el cliente recibirán una cancelación por correo. No se puede deshacer.',
    date: 'Fecha',
    time: 'Hora de inicio',
    zone: (city, offset) => `Su zona horaria: ${city} (${offset})`,
    duration: 'Duración',
    minutes: (m) => (m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`),
    provider: 'Videollamada',
    personal: 'Su enlace personal de reunión',
    noProviders: 'Este despacho no tiene ningún proveedor de vídeo configurado.',
    submitSchedule: 'Programar y enviar invitaciones',
    submitReschedule: 'Cambiar y avisar',
    submitCancel: 'Cancelar la consulta',
    working: 'Enviando…',
    close: 'Cerrar',
    keep: 'Mantenerla',
    reschedule: 'Cambiar fecha',
    cancel: 'Cancelar',
    invitations: 'Invitaciones por correo',
    you: 'Usted',
    invite: (event, status, reason) =>
      `${{scheduled: 'Invitación', rescheduled: 'Actualización', cancelled: 'Cancelación'}[event]} ${{
        pending: 'en cola',
        sent: 'enviada',
        failed: `fallida: ${reason ?? 'error desconocido'}`,
        captured: 'capturada (buzón de desarrollo)',
        skipped: 'no enviada: sin dirección de correo',
      }[status]}`,
    invalidTime: 'Introduzca una fecha y una hora de inicio válidas.',
    failed: (why) => `No guardado: ${why}`,
  },
};

export const INBOX_TABLES = {en, fr, es} satisfies Record<string, InboxStrings>;
