// Every word an email says, in the three languages the widget speaks. Typed: a language that
// misses a string does not compile.
export const EMAIL_LANGS = ['en', 'fr', 'es'] as const;
export type EmailLang = (typeof EMAIL_LANGS)[number];

export function emailLang(v: unknown): EmailLang {
  const s = typeof v === 'string' ? v.slice(0, 2).toLowerCase() : '';
  return (EMAIL_LANGS as readonly string[]).includes(s) ? (s as EmailLang) : 'en';
}

export const LOCALES: Record<EmailLang, string> = {en: 'en-GB', fr: 'fr-FR', es: 'es-ES'};

export interface EmailStrings {
  greeting: (name: string | null) => string;
  zone: (city: string) => string;
  booked: (who: string) => string;
  rescheduled: (who: string) => string;
  moved: (from: string, to: string, zone: string) => string;
  cancelled: (who: string) => string;
  reminder: (who: string, inWhat: '24h' | '1h') => string;
  subjectBooked: (who: string, when: string) => string;
  subjectRescheduled: (who: string, when: string) => string;
  subjectCancelled: (who: string) => string;
  subjectReminder: (who: string, inWhat: '24h' | '1h', when: string) => string;
  when: string;
  with: string;
  via: string;
  join: string;
  joinText: string;
  addToCalendar: string;
  google: string;
  outlook: string;
  icsFile: string;
  attached: string;
  removedByInvite: string;
  prepare: string;
  manage: string;
  reschedule: string;
  cancel: string;
  yourClient: string;
  yourLawyer: string;
  footer: (firm: string) => string;
  codeSubject: (code: string) => string;
  codeIntro: string;
  codeExpiry: (minutes: number) => string;
  codeIgnore: string;
  /** To the lawyer, for meetings on the public meet.jit.si. */
  jitsiHost: string;
  requestSubject: (who: string) => string;
  requestIntro: (who: string) => string;
  requestAction: string;
  transcriptSubject: (firm: string) => string;
  transcriptIntro: (firm: string) => string;
  transcriptYou: string;
  transcriptDeleted: string;
  transcriptDocument: (name: string) => string;
  transcriptEmail: (state: 'asked' | 'confirmed', email: string | null) => string;
  transcriptEvent: Record<'assigned' | 'closed' | 'reopened' | 'consultation-rescheduled' | 'consultation-cancelled', string>;
  transcriptFooter: (firm: string) => string;
}

export const EMAIL_STRINGS: Record<EmailLang, EmailStrings> = {
  en: {
    greeting: (n) => (n ? `Hello ${n},` : 'Hello,'),
    zone: (city) => `${city} time`,
    booked: (who) => `Your video consultation with ${who} is booked.`,
    rescheduled: (who) => `Your video consultation with ${who} has moved to a new time.`,
    moved: (from, to, zone) => `Moved from ${from} to ${to} (${zone}).`,
    cancelled: (who) => `Your video consultation with ${who} has been cancelled.`,
    reminder: (who, w) => `A reminder: your video consultation with ${who} starts ${w === '1h' ? 'in one hour' : 'tomorrow'}.`,
    subjectBooked: (who, when) => `Video consultation with ${who}, ${when}`,
    subjectRescheduled: (who, when) => `New time: video consultation with ${who}, ${when}`,
    subjectCancelled: (who) => `Cancelled: video consultation with ${who}`,
    subjectReminder: (who, w, when) => `${w === '1h' ? 'In one hour' : 'Tomorrow'}: video consultation with ${who}, ${when}`,
    when: 'When',
    with: 'With',
    via: 'Video',
    join: 'Join the video call',
    joinText: 'Join',
    addToCalendar: 'Add to calendar',
    google: 'Google',
    outlook: 'Outlook',
    icsFile: 'Apple / other (.ics)',
    attached: 'The attached invite (invite.ics) adds the consultation to your calendar.',
    removedByInvite: 'The calendar invite attached removes the event from your calendar.',
    prepare: 'To prepare',
    manage: 'Need to change it?',
    reschedule: 'Pick another time',
    cancel: 'Cancel the consultation',
    yourClient: 'your client',
    yourLawyer: 'your lawyer',
    footer: (firm) => `Sent by ${firm}. Reply to this email to reach the other person directly.`,
    codeSubject: (code) => `${code} is your confirmation code`,
    codeIntro: 'Enter this code in the chat to confirm your email address:',
    codeExpiry: (m) => `It works for ${m} minutes.`,
    codeIgnore: 'If you did not ask for it, you can ignore this email.',
    jitsiHost: 'meet.jit.si asks the first participant to sign in (with a Google, GitHub or Facebook account) and become moderator before the meeting starts. Join a few minutes early and sign in, so your client is not left waiting in the lobby.',
    requestSubject: (who) => `Consultation request from ${who}`,
    requestIntro: (who) => `${who} asked for a video consultation at this time. Accept it, propose another time or decline from the conversation.`,
    requestAction: 'Open the conversation',
    transcriptSubject: (firm) => `Your conversation with ${firm}`,
    transcriptIntro: (firm) => `As you asked, here is the transcript of your conversation with ${firm}. It is also attached as a text file.`,
    transcriptYou: 'You',
    transcriptDeleted: '(message deleted)',
    transcriptDocument: (name) => `[document] ${name}`,
    transcriptEmail: (state, email) => (state === 'confirmed' ? `[email confirmed: ${email}]` : '[email requested]'),
    transcriptEvent: {assigned: 'A lawyer took the conversation', closed: 'The conversation was closed', reopened: 'The conversation was reopened', 'consultation-rescheduled': 'The consultation was moved', 'consultation-cancelled': 'The consultation was cancelled'},
    transcriptFooter: (firm) => `Sent by ${firm} because you asked for this transcript in the chat.`,
  },
  fr: {
    greeting: (n) => (n ? `Bonjour ${n},` : 'Bonjour,'),
    zone: (city) => `heure de ${city}`,
    booked: (who) => `Votre consultation vidéo avec ${who} est réservée.`,
    rescheduled: (who) => `Votre consultation vidéo avec ${who} a changé d’horaire.`,
    moved: (from, to, zone) => `Déplacée de ${from} à ${to} (${zone}).`,
    cancelled: (who) => `Votre consultation vidéo avec ${who} a été annulée.`,
    reminder: (who, w) => `Rappel : votre consultation vidéo avec ${who} commence ${w === '1h' ? 'dans une heure' : 'demain'}.`,
    subjectBooked: (who, when) => `Consultation vidéo avec ${who}, ${when}`,
    subjectRescheduled: (who, when) => `Nouvel horaire : consultation vidéo avec ${who}, ${when}`,
    subjectCancelled: (who) => `Annulée : consultation vidéo avec ${who}`,
    subjectReminder: (who, w, when) => `${w === '1h' ? 'Dans une heure' : 'Demain'} : consultation vidéo avec ${who}, ${when}`,
    when: 'Quand',
    with: 'Avec',
    via: 'Vidéo',
    join: 'Rejoindre l’appel vidéo',
    joinText: 'Rejoindre',
    addToCalendar: 'Ajouter au calendrier',
    google: 'Google',
    outlook: 'Outlook',
    icsFile: 'Apple / autre (.ics)',
    attached: 'L’invitation jointe (invite.ics) ajoute la consultation à votre calendrier.',
    removedByInvite: 'L’invitation jointe retire l’événement de votre calendrier.',
    prepare: 'Pour préparer',
    manage: 'Un empêchement ?',
    reschedule: 'Choisir un autre horaire',
    cancel: 'Annuler la consultation',
    yourClient: 'votre client',
    yourLawyer: 'votre avocat',
    footer: (firm) => `Envoyé par ${firm}. Répondez à cet e-mail pour joindre directement l’autre personne.`,
    codeSubject: (code) => `${code} est votre code de confirmation`,
    codeIntro: 'Saisissez ce code dans la discussion pour confirmer votre adresse e-mail :',
    codeExpiry: (m) => `Il est valable ${m} minutes.`,
    codeIgnore: 'Si vous ne l’avez pas demandé, ignorez cet e-mail.',
    jitsiHost: 'meet.jit.si demande au premier participant de se connecter (avec un compte Google, GitHub ou Facebook) pour devenir modérateur avant le début de la réunion. Rejoignez-la quelques minutes en avance et connectez-vous, pour que votre client n’attende pas dans la salle d’attente.',
    requestSubject: (who) => `Demande de consultation de ${who}`,
    requestIntro: (who) => `${who} demande une consultation vidéo à cet horaire. Acceptez-la, proposez un autre horaire ou refusez depuis la conversation.`,
    requestAction: 'Ouvrir la conversation',
    transcriptSubject: (firm) => `Votre conversation avec ${firm}`,
    transcriptIntro: (firm) => `Comme vous l’avez demandé, voici la transcription de votre conversation avec ${firm}. Elle est aussi jointe en fichier texte.`,
    transcriptYou: 'Vous',
    transcriptDeleted: '(message supprimé)',
    transcriptDocument: (name) => `[document] ${name}`,
    transcriptEmail: (state, email) => (state === 'confirmed' ? `[e-mail confirmé : ${email}]` : '[e-mail demandé]'),
    transcriptEvent: {assigned: 'Un avocat a pris la conversation', closed: 'La conversation a été close', reopened: 'La conversation a été rouverte', 'consultation-rescheduled': 'La consultation a été déplacée', 'consultation-cancelled': 'La consultation a été annulée'},
    transcriptFooter: (firm) => `Envoyé par ${firm} car vous avez demandé cette transcription dans la discussion.`,
  },
  es: {
    greeting: (n) => (n ? `Hola, ${n}:` : 'Hola:'),
    zone: (city) => `hora de ${city}`,
    booked: (who) => `Su consulta por vídeo con ${who} está reservada.`,
    rescheduled: (who) => `Su consulta por vídeo con ${who} ha cambiado de hora.`,
    moved: (from, to, zone) => `Se movió del ${from} al ${to} (${zone}).`,
    cancelled: (who) => `Su consulta por vídeo con ${who} se ha cancelado.`,
    reminder: (who, w) => `Recordatorio: su consulta por vídeo con ${who} empieza ${w === '1h' ? 'dentro de una hora' : 'mañana'}.`,
    subjectBooked: (who, when) => `Consulta por vídeo con ${who}, ${when}`,
    subjectRescheduled: (who, when) => `Nueva hora: consulta por vídeo con ${who}, ${when}`,
    subjectCancelled: (who) => `Cancelada: consulta por vídeo con ${who}`,
    subjectReminder: (who, w, when) => `${w === '1h' ? 'Dentro de una hora' : 'Mañana'}: consulta por vídeo con ${who}, ${when}`,
    when: 'Cuándo',
    with: 'Con',
    via: 'Vídeo',
    join: 'Unirse a la videollamada',
    joinText: 'Unirse',
    addToCalendar: 'Añadir al calendario',
    google: 'Google',
    outlook: 'Outlook',
    icsFile: 'Apple / otro (.ics)',
    attached: 'La invitación adjunta (invite.ics) añade la consulta a su calendario.',
    removedByInvite: 'La invitación adjunta elimina el evento de su calendario.',
    prepare: 'Para preparar',
    manage: '¿Necesita cambiarla?',
    reschedule: 'Elegir otra hora',
    cancel: 'Cancelar la consulta',
    yourClient: 'su cliente',
    yourLawyer: 'su abogado',
    footer: (firm) => `Enviado por ${firm}. Responda a este correo para contactar directamente con la otra persona.`,
    codeSubject: (code) => `${code} es su código de confirmación`,
    codeIntro: 'Introduzca este código en el chat para confirmar su dirección de correo:',
    codeExpiry: (m) => `Es válido durante ${m} minutos.`,
    codeIgnore: 'Si no lo ha pedido, puede ignorar este correo.',
    jitsiHost: 'meet.jit.si pide al primer participante que inicie sesión (con una cuenta de Google, GitHub o Facebook) y sea moderador antes de que empiece la reunión. Entre unos minutos antes e inicie sesión, para que su cliente no espere en la sala de espera.',
    requestSubject: (who) => `Solicitud de consulta de ${who}`,
    requestIntro: (who) => `${who} solicita una consulta por vídeo a esta hora. Acéptela, proponga otra hora o rechácela desde la conversación.`,
    requestAction: 'Abrir la conversación',
    transcriptSubject: (firm) => `Su conversación con ${firm}`,
    transcriptIntro: (firm) => `Como pidió, aquí tiene la transcripción de su conversación con ${firm}. También va adjunta como archivo de texto.`,
    transcriptYou: 'Usted',
    transcriptDeleted: '(mensaje eliminado)',
    transcriptDocument: (name) => `[documento] ${name}`,
    transcriptEmail: (state, email) => (state === 'confirmed' ? `[correo confirmado: ${email}]` : '[correo solicitado]'),
    transcriptEvent: {assigned: 'Un abogado tomó la conversación', closed: 'La conversación se cerró', reopened: 'La conversación se reabrió', 'consultation-rescheduled': 'La consulta cambió de hora', 'consultation-cancelled': 'La consulta se canceló'},
    transcriptFooter: (firm) => `Enviado por ${firm} porque pidió esta transcripción en el chat.`,
  },
};
