// The part's own strings (the main bundle carries none of them): the transcript by email.
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
