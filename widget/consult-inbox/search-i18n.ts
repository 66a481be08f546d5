// Strings of the console's search and of the consent line in the visitor panel.
export interface SearchStrings {
  label: string;
  placeholder: string;
  clear: string;
  searching: string;
  none: (q: string) => string;
  results: (n: number, more: boolean) => string;
  more: string;
  failed: (why: string) => string;
  tooShort: string;
  field: {name: string; email: string; topic: string; note: string; text: string};
  consent: string;
  consentAccepted: (version: number, when: string) => string;
  consentNone: string;
  emailVerified: string;
  emailUnverified: string;
}

const en: SearchStrings = {
  label: 'Search conversations',
  placeholder: 'Search names, emails, messages…',
  clear: 'Clear search',
  searching: 'Searching…',
  none: (q) => `Nothing matches “${q}”.`,
  results: (n, more) => `${n}${more ? '+' : ''} result${n === 1 && !more ? '' : 's'}`,
  more: 'More results',
  failed: (why) => `The search did not work: ${why}`,
  tooShort: 'Type at least 2 letters of a word.',
  field: {name: 'Name', email: 'Email', topic: 'Topic', note: 'Internal note', text: 'Message'},
  consent: 'Consent',
  consentAccepted: (v, when) => `Notice v${v} accepted ${when}`,
  consentNone: 'Not accepted',
  emailVerified: 'verified',
  emailUnverified: 'not verified',
};

const fr: SearchStrings = {
  label: 'Rechercher dans les conversations',
  placeholder: 'Noms, e-mails, messages…',
  clear: 'Effacer la recherche',
  searching: 'Recherche…',
  none: (q) => `Aucun résultat pour « ${q} ».`,
  results: (n, more) => `${n}${more ? '+' : ''} résultat${n > 1 || more ? 's' : ''}`,
  more: 'Plus de résultats',
  failed: (why) => `La recherche a échoué : ${why}`,
  tooShort: 'Saisissez au moins 2 lettres d’un mot.',
  field: {name: 'Nom', email: 'E-mail', topic: 'Sujet', note: 'Note interne', text: 'Message'},
  consent: 'Consentement',
  consentAccepted: (v, when) => `Avis v${v} accepté le ${when}`,
  consentNone: 'Non accepté',
  emailVerified: 'vérifié',
  emailUnverified: 'non vérifié',
};

const es: SearchStrings = {
  label: 'Buscar en las conversaciones',
  placeholder: 'Nombres, correos, mensajes…',
  clear: 'Borrar la búsqueda',
  searching: 'Buscando…',
  none: (q) => `Nada coincide con «${q}».`,
  results: (n, more) => `${n}${more ? '+' : ''} resultado${n === 1 && !more ? '' : 's'}`,
  more: 'Más resultados',
  failed: (why) => `La búsqueda falló: ${why}`,
  tooShort: 'Escriba al menos 2 letras de una palabra.',
  field: {name: 'Nombre', email: 'Correo', topic: 'Tema', note: 'Nota interna', text: 'Mensaje'},
  consent: 'Consentimiento',
  consentAccepted: (v, when) => `Aviso v${v} aceptado el ${when}`,
  consentNone: 'No aceptado',
  emailVerified: 'verificado',
  emailUnverified: 'no verificado',
};

export const SEARCH_TABLES = {en, fr, es};
