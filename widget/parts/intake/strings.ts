// The intake part's own strings (kept out of the main bundle), per widget language.
export interface IntakeStrings {
  intro: string;
  name: string;
  email: string;
  phone: string;
  topic: string;
  optional: string;
  notice: string;
  accept: string;
  start: string;
  closed: string;
  closedUntil: (when: string) => string;
  today: string;
  /** The server's refusals of the answers, by field (protocol error codes and issue paths). */
  invalid: Record<'name' | 'email' | 'phone' | 'topic', string>;
  required: (field: string) => string;
  consentChanged: string;
  tooMany: string;
  failed: string;
}

const en: IntakeStrings = {
  intro: 'Tell us a little about yourself before we start.',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  topic: 'Topic',
  optional: '(optional)',
  notice: 'Confidentiality notice',
  accept: 'I have read and accept this notice',
  start: 'Start chat',
  closed: 'We are closed right now. Leave your email and we will reply there.',
  closedUntil: (when) => `We are closed right now. We open again ${when} (your time). Leave your email and we will reply there.`,
  today: 'today',
  invalid: {
    name: 'Name: this name is not accepted. Check it.',
    email: 'Email: this address does not look valid. Check it.',
    phone: 'Phone: this number does not look valid. Check it.',
    topic: 'Topic: this topic is not accepted. Choose another.',
  },
  required: (field) => `${field}: this firm needs it before the chat starts.`,
  consentChanged: 'The notice has just changed: read it again and accept it.',
  tooMany: 'Too many attempts. Wait a moment, then try again.',
  failed: 'That did not work. Try again in a moment.',
};

const fr: IntakeStrings = {
  intro: 'Présentez-vous en quelques mots avant de commencer.',
  name: 'Nom',
  email: 'E-mail',
  phone: 'Téléphone',
  topic: 'Sujet',
  optional: '(facultatif)',
  notice: 'Avis de confidentialité',
  accept: 'J’ai lu et j’accepte cet avis',
  start: 'Commencer',
  closed: 'Nous sommes fermés pour le moment. Laissez votre e-mail : nous vous répondrons par ce biais.',
  closedUntil: (when) => `Nous sommes fermés pour le moment. Nous rouvrons ${when} (votre heure). Laissez votre e-mail : nous vous répondrons par ce biais.`,
  today: 'aujourd’hui',
  invalid: {
    name: 'Nom : ce nom n’est pas accepté. Vérifiez-le.',
    email: 'E-mail : cette adresse ne semble pas valide. Vérifiez-la.',
    phone: 'Téléphone : ce numéro ne semble pas valide. Vérifiez-le.',
    topic: 'Sujet : ce sujet n’est pas accepté. Choisissez-en un autre.',
  },
  required: (field) => `${field} : ce cabinet en a besoin avant de commencer la discussion.`,
  consentChanged: 'L’avis vient de changer : relisez-le et acceptez-le.',
  tooMany: 'Trop de tentatives. Patientez un instant, puis réessayez.',
  failed: 'Cela n’a pas fonctionné. Réessayez dans un instant.',
};

const es: IntakeStrings = {
  intro: 'Cuéntenos un poco sobre usted antes de empezar.',
  name: 'Nombre',
  email: 'Correo electrónico',
  phone: 'Teléfono',
  topic: 'Tema',
  optional: '(opcional)',
  notice: 'Aviso de confidencialidad',
  accept: 'He leído y acepto este aviso',
  start: 'Empezar',
  closed: 'Ahora estamos cerrados. Déjenos su correo y le responderemos allí.',
  closedUntil: (when) => `Ahora estamos cerrados. Volvemos a abrir ${when} (su hora). Déjenos su correo y le responderemos allí.`,
  today: 'hoy',
  invalid: {
    name: 'Nombre: este nombre no se acepta. Revíselo.',
    email: 'Correo electrónico: esta dirección no parece válida. Revísela.',
    phone: 'Teléfono: este número no parece válido. Revíselo.',
    topic: 'Tema: este tema no se acepta. Elija otro.',
  },
  required: (field) => `${field}: este despacho lo necesita antes de empezar el chat.`,
  consentChanged: 'El aviso acaba de cambiar: vuelva a leerlo y acéptelo.',
  tooMany: 'Demasiados intentos. Espere un momento e inténtelo de nuevo.',
  failed: 'No ha funcionado. Inténtelo de nuevo en un momento.',
};

/**
 * A refusal of the pre-chat answers in the visitor's words: the field the server named (its
 * issue path), else the error code. Never the server's English text.
 */
export function refusalText(t: IntakeStrings, err: unknown): string {
  const body = (err as {body?: {code?: string; message?: string; issues?: {path: string; message: string}[]}} | undefined)?.body;
  if (!body) return t.failed;
  if (body.code === 'rate_limited') return t.tooMany;
  const issue = body.issues?.[0];
  const field = issue?.path.split('.')[0];
  if (field === 'consent' || field === 'consentVersion') return t.consentChanged;
  if (field === 'name' || field === 'email' || field === 'phone' || field === 'topic') {
    // "is required by this firm" (services/contact.ts) against a value the schema refused.
    return /required/.test(issue!.message) ? t.required(t[field]) : t.invalid[field];
  }
  return t.failed;
}

export const INTAKE_TABLES = {en, fr, es} satisfies Record<string, IntakeStrings>;
