// The booking part's own strings (kept out of the main bundle), per widget language.
export interface BookingStrings {
  open: string;
  title: string;
  close: string;
  intro: string;
  name: string;
  email: string;
  sendCode: string;
  codeSent: (email: string) => string;
  code: string;
  confirmCode: string;
  otherEmail: string;
  duration: string;
  minutes: (n: number) => string;
  days: string;
  times: (day: string) => string;
  zone: (city: string) => string;
  city: (city: string) => string;
  none: string;
  loading: string;
  book: string;
  request: string;
  back: string;
  booked: (email: string) => string;
  requested: string;
  taken: string;
  wrongCode: string;
  tooMany: string;
  done: string;
  moveTitle: string;
  now: (when: string) => string;
  moveHere: string;
  moved: string;
  linkBad: string;
}

const en: BookingStrings = {
  open: 'Book a consultation',
  title: 'Book a consultation',
  close: 'Close',
  intro: 'We send the invitation by email. Confirm your address first: we email you a 6-digit code.',
  name: 'Your name',
  email: 'Email',
  sendCode: 'Email me a code',
  codeSent: (email) => `We sent a code to ${email}. It is valid for 10 minutes.`,
  code: '6-digit code',
  confirmCode: 'Confirm',
  otherEmail: 'Use another address',
  duration: 'Length',
  minutes: (n) => `${n} min`,
  days: 'Day',
  times: (day) => `Free times on ${day}`,
  zone: (city) => `Times are in your time zone (${city} time).`,
  city: (city) => `${city} time`,
  none: 'No free times in the next 14 days. Ask in the chat and we will find one.',
  loading: 'Looking for free times…',
  book: 'Book',
  request: 'Send request',
  back: 'Choose another time',
  booked: (email) => `Booked. The invitation is on its way to ${email}.`,
  requested: 'Request sent. The lawyer will confirm in the chat.',
  taken: 'That time was just taken. Here are the free times now.',
  wrongCode: 'That code is not right or has expired. Check the email, or ask for a new code.',
  tooMany: 'Too many attempts. Please wait a few minutes and try again.',
  done: 'Back to the chat',
  moveTitle: 'Move your consultation',
  now: (when) => `Now: ${when}`,
  moveHere: 'Move to this time',
  moved: 'Moved. The new invitation is on its way, and the lawyer is told in the chat.',
  linkBad: 'This link no longer works: it has expired, the consultation was cancelled, or the link was changed. Use the link in your latest email, or ask in the chat.',
};

const fr: BookingStrings = {
  open: 'Réserver une consultation',
  title: 'Réserver une consultation',
  close: 'Fermer',
  intro: 'L’invitation part par e-mail. Confirmez d’abord votre adresse : nous vous envoyons un code à 6 chiffres.',
  name: 'Votre nom',
  email: 'E-mail',
  sendCode: 'Recevoir un code',
  codeSent: (email) => `Code envoyé à ${email}. Il est valable 10 minutes.`,
  code: 'Code à 6 chiffres',
  confirmCode: 'Confirmer',
  otherEmail: 'Utiliser une autre adresse',
  duration: 'Durée',
  minutes: (n) => `${n} min`,
  days: 'Jour',
  times: (day) => `Créneaux libres le ${day}`,
  zone: (city) => `Heures affichées dans votre fuseau (heure de ${city}).`,
  city: (city) => `heure de ${city}`,
  none: 'Aucun créneau libre dans les 14 prochains jours. Demandez dans la discussion, nous en trouverons un.',
  loading: 'Recherche des créneaux libres…',
  book: 'Réserver',
  request: 'Envoyer la demande',
  back: 'Choisir un autre créneau',
  booked: (email) => `C’est réservé. L’invitation part vers ${email}.`,
  requested: 'Demande envoyée. L’avocat confirmera dans la discussion.',
  taken: 'Ce créneau vient d’être pris. Voici les créneaux libres.',
  wrongCode: 'Ce code n’est pas bon ou a expiré. Vérifiez l’e-mail, ou demandez un nouveau code.',
  tooMany: 'Trop de tentatives. Patientez quelques minutes et réessayez.',
  done: 'Retour à la discussion',
  moveTitle: 'Déplacer votre consultation',
  now: (when) => `Actuellement : ${when}`,
  moveHere: 'Déplacer à cet horaire',
  moved: 'C’est déplacé. La nouvelle invitation est en route, et l’avocat est prévenu dans la discussion.',
  linkBad: 'Ce lien ne fonctionne plus : il a expiré, la consultation a été annulée, ou le lien a été modifié. Utilisez le lien de votre dernier e-mail, ou demandez dans la discussion.',
};

const es: BookingStrings = {
  open: 'Reservar una consulta',
  title: 'Reservar una consulta',
  close: 'Cerrar',
  intro: 'Enviamos la invitación por correo. Confirme antes su dirección: le enviamos un código de 6 cifras.',
  name: 'Su nombre',
  email: 'Correo electrónico',
  sendCode: 'Enviarme un código',
  codeSent: (email) => `Enviamos un código a ${email}. Vale 10 minutos.`,
  code: 'Código de 6 cifras',
  confirmCode: 'Confirmar',
  otherEmail: 'Usar otra dirección',
  duration: 'Duración',
  minutes: (n) => `${n} min`,
  days: 'Día',
  times: (day) => `Horas libres el ${day}`,
  zone: (city) => `Horas en su zona horaria (hora de ${city}).`,
  city: (city) => `hora de ${city}`,
  none: 'No hay horas libres en los próximos 14 días. Pregunte en el chat y buscaremos una.',
  loading: 'Buscando horas libres…',
  book: 'Reservar',
  request: 'Enviar solicitud',
  back: 'Elegir otra hora',
  booked: (email) => `Reservado. La invitación va de camino a ${email}.`,
  requested: 'Solicitud enviada. El abogado confirmará en el chat.',
  taken: 'Esa hora se acaba de ocupar. Estas son las horas libres ahora.',
  wrongCode: 'Ese código no es correcto o ha caducado. Revise el correo o pida un código nuevo.',
  tooMany: 'Demasiados intentos. Espere unos minutos y vuelva a intentarlo.',
  done: 'Volver al chat',
  moveTitle: 'Cambiar su consulta',
  now: (when) => `Ahora: ${when}`,
  moveHere: 'Cambiar a esta hora',
  moved: 'Cambiada. La nueva invitación va de camino y el abogado recibe el aviso en el chat.',
  linkBad: 'Este enlace ya no funciona: caducó, la consulta fue cancelada o el enlace se modificó. Use el enlace de su último correo o pregunte en el chat.',
};

export const BOOKING_TABLES = {en, fr, es};
