// The email card's own strings (kept out of the main bundle), per language: the applicant's
// widget language, or the console's for the lawyer's read-only view.
export interface EmailCardStrings {
  title: string;
  intro: string;
  introAuto: string;
  email: string;
  sendCode: string;
  codeSent: (email: string) => string;
  code: string;
  confirm: string;
  resend: string;
  resent: string;
  otherEmail: string;
  confirmed: (email: string) => string;
  waiting: string;
  badEmail: string;
  wrong: string;
  expired: string;
  attempts: string;
  tooMany: string;
  offline: string;
  failed: string;
}

const en: EmailCardStrings = {
  title: 'Your email address',
  intro: 'Your lawyer asks for your email so they can reach you. We send a 6-digit code to confirm it.',
  introAuto: 'Nobody has answered yet. Leave your email and we reply there; we send a 6-digit code to confirm it.',
  email: 'Email',
  sendCode: 'Email me a code',
  codeSent: (email) => `We sent a code to ${email}. It is valid for 10 minutes.`,
  code: '6-digit code',
  confirm: 'Confirm',
  resend: 'Send a new code',
  resent: 'A new code is on its way.',
  otherEmail: 'Use another address',
  confirmed: (email) => `Email confirmed: ${email}`,
  waiting: 'Email requested: waiting for the visitor to confirm it',
  badEmail: 'That does not look like an email address. Check it and try again.',
  wrong: 'That code is not right. Check the email and try again.',
  expired: 'This code has expired. Ask for a new one.',
  attempts: 'Too many wrong codes. Ask for a new one.',
  tooMany: 'Too many codes asked for. Wait a few minutes, then try again.',
  offline: 'No connection. Try again in a moment.',
  failed: 'That did not work. Try again.',
};

const fr: EmailCardStrings = {
  title: 'Votre adresse e-mail',
  intro: 'Votre avocat vous demande votre e-mail pour pouvoir vous joindre. Nous envoyons un code à 6 chiffres pour la confirmer.',
  introAuto: 'Personne n’a encore répondu. Laissez votre e-mail et nous vous répondrons ; nous envoyons un code à 6 chiffres pour le confirmer.',
  email: 'E-mail',
  sendCode: 'Recevoir un code',
  codeSent: (email) => `Code envoyé à ${email}. Il est valable 10 minutes.`,
  code: 'Code à 6 chiffres',
  confirm: 'Confirmer',
  resend: 'Envoyer un nouveau code',
  resent: 'Un nouveau code est en route.',
  otherEmail: 'Utiliser une autre adresse',
  confirmed: (email) => `E-mail confirmé : ${email}`,
  waiting: 'E-mail demandé : en attente de confirmation par le visiteur',
  badEmail: 'Cette adresse e-mail ne semble pas valide. Vérifiez-la et réessayez.',
  wrong: 'Ce code n’est pas bon. Vérifiez l’e-mail et réessayez.',
  expired: 'Ce code a expiré. Demandez-en un nouveau.',
  attempts: 'Trop de codes erronés. Demandez-en un nouveau.',
  tooMany: 'Trop de codes demandés. Patientez quelques minutes, puis réessayez.',
  offline: 'Pas de connexion. Réessayez dans un instant.',
  failed: 'Cela n’a pas fonctionné. Réessayez.',
};

const es: EmailCardStrings = {
  title: 'Su correo electrónico',
  intro: 'Su abogado le pide su correo para poder contactarle. Enviamos un código de 6 cifras para confirmarlo.',
  introAuto: 'Nadie ha respondido todavía. Deje su correo y le responderemos allí; enviamos un código de 6 cifras para confirmarlo.',
  email: 'Correo electrónico',
  sendCode: 'Enviarme un código',
  codeSent: (email) => `Enviamos un código a ${email}. Vale 10 minutos.`,
  code: 'Código de 6 cifras',
  confirm: 'Confirmar',
  resend: 'Enviar un código nuevo',
  resent: 'Un código nuevo va en camino.',
  otherEmail: 'Usar otra dirección',
  confirmed: (email) => `Correo confirmado: ${email}`,
  waiting: 'Correo solicitado: esperando a que el visitante lo confirme',
  badEmail: 'Esa dirección de correo no parece válida. Revísela e inténtelo de nuevo.',
  wrong: 'Ese código no es correcto. Revise el correo e inténtelo de nuevo.',
  expired: 'Este código ha caducado. Pida uno nuevo.',
  attempts: 'Demasiados códigos erróneos. Pida uno nuevo.',
  tooMany: 'Demasiados códigos solicitados. Espere unos minutos e inténtelo de nuevo.',
  offline: 'Sin conexión. Inténtelo de nuevo en un momento.',
  failed: 'No ha funcionado. Inténtelo de nuevo.',
};

export const EMAIL_CARD_TABLES = {en, fr, es};

/** A refusal of the code request or check, in the reader's words (the server's reason or code). */
export function refusal(t: EmailCardStrings, err: unknown, event: 'contact:request-code' | 'contact:verify'): string {
  const body = (err as {body?: {code?: string; reason?: string}}).body;
  const reason = body?.reason;
  if (reason === 'wrong' || reason === 'expired' || reason === 'attempts') return t[reason];
  if (reason === 'no_code') return t.expired;
  if (body?.code === 'rate_limited') return t.tooMany;
  if (body?.code === 'unavailable') return t.offline;
  if (body?.code === 'bad_request') return event === 'contact:request-code' ? t.badEmail : t.wrong;
  return t.failed;
}
