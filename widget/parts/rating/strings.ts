// The part's own strings (the main bundle carries none of them): the rating form and the transcript by email.
type T = [ask: string, sent: (to: string) => string, already: (to: string) => string, unverified: string, failed: string];

const TABLES: Record<string, T> = {
  en: ['Email me the transcript', (to) => `The transcript is on its way to ${to}.`, (to) => `The transcript was already sent to ${to}.`,
    'The transcript can only be emailed to a verified address.', 'The transcript could not be sent. Please try again.'],
  fr: ['Recevoir la transcription par e-mail', (to) => `La transcription part vers ${to}.`, (to) => `La transcription a déjà été envoyée à ${to}.`,
    'La transcription n’est envoyée qu’à une adresse vérifiée.', 'La transcription n’a pas pu être envoyée. Réessayez.'],
  es: ['Enviarme la transcripción por correo', (to) => `La transcripción va en camino a ${to}.`, (to) => `La transcripción ya se envió a ${to}.`,
    'La transcripción solo se envía a una dirección verificada.', 'No se pudo enviar la transcripción. Inténtelo de nuevo.'],
};

export const transcriptStrings = (lang: string | undefined): T => TABLES[lang ?? 'en'] ?? TABLES.en;

/** The question, each star's name, the comment box, the button, the thanks. */
type R = [title: string, star: (n: number) => string, comment: string, send: string, thanks: string];

const RATE: Record<string, R> = {
  en: ['How was this conversation?', (n) => `${n} of 5`, 'A comment (optional)', 'Send', 'Thank you for your rating.'],
  fr: ['Comment s’est passée cette conversation ?', (n) => `${n} sur 5`, 'Un commentaire (facultatif)', 'Envoyer', 'Merci pour votre note.'],
  es: ['¿Qué tal fue esta conversación?', (n) => `${n} de 5`, 'Un comentario (opcional)', 'Enviar', 'Gracias por su valoración.'],
};

export const rateStrings = (lang: string | undefined): R => RATE[lang ?? 'en'] ?? RATE.en;
