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
};

export const INTAKE_TABLES = {en, fr, es} satisfies Record<string, IntakeStrings>;
