// The console's settings screens, per language (en, fr, es).
export interface SettingsStrings {
  settings: string;
  backToInbox: string;
  tabs: Record<'firm' | 'website' | 'contact' | 'hours' | 'booking' | 'retention' | 'team' | 'integrations' | 'ratings' | 'audit' | 'profile', string>;
  save: string;
  saving: string;
  saved: string;
  failed: string;
  firmName: string;
  logo: string;
  logoHint: string;
  removeLogo: string;
  accent: string;
  greeting: (lang: string) => string;
  timeZone: string;
  senderName: string;
  senderAddress: string;
  origins: string;
  originsHint: string;
  snippet: string;
  cspLines: string;
  copy: string;
  copied: string;
  secret: string;
  secretHint: string;
  graceHours: string;
  rotate: string;
  newSecret: string;
  previousValid: (until: string) => string;
  prechat: string;
  prechatOn: string;
  field: Record<'name' | 'email' | 'phone' | 'topic', string>;
  mode: Record<'off' | 'optional' | 'required', string>;
  topics: string;
  topicsHint: string;
  consent: string;
  consentOn: string;
  consentText: (lang: string) => string;
  consentVersion: (v: number) => string;
  hoursOn: string;
  hoursZone: (zone: string) => string;
  day: string;
  opens: string;
  closes: string;
  addSpan: string;
  remove: string;
  closedDates: string;
  closedDatesHint: string;
  days: string[];
  retentionDays: string;
  askEmail: string;
  askEmailAfter: string;
  askEmailHint: string;
  askEmailBeforeScheduling: string;
  retentionHint: string;
  documentTypes: string;
  documentTypesHint: string;
  lastRun: (when: string, counts: string) => string;
  neverRun: string;
  name: string;
  email: string;
  role: string;
  roles: Record<'owner' | 'lawyer', string>;
  status: string;
  active: string;
  invited: string;
  deactivated: string;
  deactivate: string;
  reactivate: string;
  confirmDeactivate: (name: string) => string;
  invite: string;
  inviteSent: (email: string) => string;
  when: string;
  who: string;
  what: string;
  meetingLink: string;
  emailLang: string;
  langNames: Record<'en' | 'fr' | 'es', string>;
  avatar: string;
  loadFailed: string;
}

const en: SettingsStrings = {
  settings: 'Settings',
  backToInbox: 'Back to conversations',
  tabs: {firm: 'Firm', website: 'Website', contact: 'Visitor contact', hours: 'Business hours', booking: 'Booking', retention: 'Retention', team: 'Lawyers', integrations: 'Integrations', ratings: 'Ratings', audit: 'Audit log', profile: 'My profile'},
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  failed: 'Not saved: fix the fields marked below.',
  firmName: 'Firm name',
  logo: 'Logo',
  logoHint: 'PNG, JPEG, GIF or WebP, 20 KB at most.',
  removeLogo: 'Remove logo',
  accent: 'Accent colour',
  greeting: (l) => `Greeting (${l})`,
  timeZone: 'Time zone',
  senderName: 'Email sender name',
  senderAddress: 'Email sender address',
  origins: 'Allowed origins',
  originsHint: 'One per line, like https://www.example.com. The chat opens only on these sites.',
  snippet: 'Snippet to paste before </body>',
  cspLines: 'Content-Security-Policy lines, if your site sends one',
  copy: 'Copy',
  copied: 'Copied',
  secret: 'Identity-verification secret',
  secretHint: 'Your site signs visitor identity tokens with it. A new secret is shown once; the old one keeps working during the grace period.',
  graceHours: 'Grace period (hours)',
  rotate: 'Create a new secret',
  newSecret: 'Copy this secret now: it will not be shown again.',
  previousValid: (until) => `The previous secret works until ${until}.`,
  prechat: 'Pre-chat form',
  prechatOn: 'Ask these questions before the first message',
  field: {name: 'Name', email: 'Email', phone: 'Phone', topic: 'Topic'},
  mode: {off: 'Not asked', optional: 'Optional', required: 'Required'},
  topics: 'Topics',
  topicsHint: 'One per line; leave empty for a free-text topic.',
  consent: 'Confidentiality notice',
  consentOn: 'Visitors must accept the notice before their first message',
  consentText: (l) => `Notice (${l})`,
  consentVersion: (v) => (v ? `Current version: ${v}. Changing the text creates a new version that visitors accept again.` : 'Not published yet.'),
  hoursOn: 'Keep business hours (outside them, visitors are told when you open and asked for an email)',
  hoursZone: (z) => `Times are in the firm’s time zone, ${z}.`,
  day: 'Day',
  opens: 'Opens',
  closes: 'Closes',
  addSpan: 'Add opening time',
  remove: 'Remove',
  closedDates: 'Closed dates',
  closedDatesHint: 'One per line, like 2030-12-25.',
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  retentionDays: 'Delete closed conversations after (days)',
  askEmail: 'Ask for an email in the chat',
  askEmailAfter: 'When no lawyer has answered within (minutes)',
  askEmailBeforeScheduling: 'Also when a lawyer opens “Schedule consultation” for a visitor without a confirmed email',
  askEmailHint: 'A card in the conversation asks the visitor for an email and confirms it with a 6-digit code, so the reply and invitations can reach them. Leave empty to ask only when a lawyer presses “Ask for their email in the chat”.',
  retentionHint: 'Messages, documents, consultations and stored emails go with them. Leave empty to keep everything.',
  documentTypes: 'Documents visitors and lawyers may send',
  documentTypesHint: 'The type is read from each file’s content, never from its name. Programs, archives, web pages and SVG are always refused.',
  lastRun: (when, counts) => `Last run ${when}: ${counts}.`,
  neverRun: 'The daily clean-up has not run yet.',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  roles: {owner: 'Owner', lawyer: 'Lawyer'},
  status: 'Status',
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  confirmDeactivate: (n) => `Deactivate ${n}? Their open consoles are signed out at once.`,
  invite: 'Send invitation',
  inviteSent: (e) => `Invitation sent to ${e}. The link works once, for 72 hours.`,
  when: 'When',
  who: 'Who',
  what: 'What',
  meetingLink: 'Personal meeting link',
  emailLang: 'Language of my emails (invitations, reminders)',
  langNames: {en: 'English', fr: 'Français', es: 'Español'},
  avatar: 'Photo',
  loadFailed: 'The settings could not be loaded.',
};

const fr: SettingsStrings = {
  ...en,
  settings: 'Réglages',
  backToInbox: 'Retour aux conversations',
  tabs: {firm: 'Cabinet', website: 'Site web', contact: 'Contact visiteur', hours: 'Horaires', booking: 'Réservations', retention: 'Conservation', team: 'Avocats', integrations: 'Intégrations', ratings: 'Notes', audit: 'Journal', profile: 'Mon profil'},
  save: 'Enregistrer', saving: 'Enregistrement…', saved: 'Enregistré.', failed: 'Non enregistré : corrigez les champs signalés.',
  firmName: 'Nom du cabinet', logo: 'Logo', logoHint: 'PNG, JPEG, GIF ou WebP, 20 Ko au plus.', removeLogo: 'Retirer le logo', accent: 'Couleur d’accent',
  greeting: (l) => `Message d’accueil (${l})`, timeZone: 'Fuseau horaire', senderName: 'Nom de l’expéditeur', senderAddress: 'Adresse de l’expéditeur',
  origins: 'Origines autorisées', originsHint: 'Une par ligne, comme https://www.exemple.fr. La discussion ne s’ouvre que sur ces sites.',
  snippet: 'Code à coller avant </body>', cspLines: 'Lignes Content-Security-Policy, si votre site en envoie', copy: 'Copier', copied: 'Copié',
  secret: 'Secret de vérification d’identité', graceHours: 'Délai de grâce (heures)', rotate: 'Créer un nouveau secret', newSecret: 'Copiez ce secret maintenant : il ne sera plus affiché.',
  previousValid: (u) => `L’ancien secret reste valable jusqu’au ${u}.`,
  prechat: 'Formulaire avant discussion', prechatOn: 'Poser ces questions avant le premier message',
  field: {name: 'Nom', email: 'E-mail', phone: 'Téléphone', topic: 'Sujet'}, mode: {off: 'Non demandé', optional: 'Facultatif', required: 'Obligatoire'},
  topics: 'Sujets', consent: 'Avis de confidentialité', consentOn: 'Le visiteur doit accepter l’avis avant son premier message', consentText: (l) => `Avis (${l})`,
  day: 'Jour', opens: 'Ouvre', closes: 'Ferme', addSpan: 'Ajouter un créneau', remove: 'Retirer', closedDates: 'Jours de fermeture',
  days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  retentionDays: 'Supprimer les conversations closes après (jours)',
  askEmail: 'Demander un e-mail dans la discussion',
  askEmailAfter: 'Si aucun avocat n’a répondu dans les (minutes)',
  askEmailBeforeScheduling: 'Aussi quand un avocat ouvre « Planifier une consultation » pour un visiteur sans e-mail confirmé',
  askEmailHint: 'Une carte dans la conversation demande au visiteur son e-mail et le confirme par un code à 6 chiffres, pour que la réponse et les invitations lui parviennent. Laissez vide pour ne demander que lorsqu’un avocat appuie sur « Demander son e-mail dans la discussion ».',
  retentionHint: 'Leurs messages, documents, consultations et e-mails enregistrés sont supprimés avec elles. Laissez vide pour tout conserver.',
  documentTypes: 'Documents que visiteurs et avocats peuvent envoyer',
  documentTypesHint: 'Le type est lu dans le contenu de chaque fichier, jamais dans son nom. Programmes, archives, pages web et SVG sont toujours refusés.',
  name: 'Nom', email: 'E-mail', role: 'Rôle', roles: {owner: 'Propriétaire', lawyer: 'Avocat'},
  status: 'État', active: 'Actif', invited: 'Invité', deactivated: 'Désactivé', deactivate: 'Désactiver', reactivate: 'Réactiver', invite: 'Envoyer l’invitation',
  when: 'Quand', who: 'Qui', what: 'Quoi', meetingLink: 'Lien de réunion personnel', emailLang: 'Langue de mes e-mails (invitations, rappels)', langNames: {en: 'English', fr: 'Français', es: 'Español'}, avatar: 'Photo', loadFailed: 'Les réglages n’ont pas pu être chargés.',
};

const es: SettingsStrings = {
  settings: 'Ajustes',
  backToInbox: 'Volver a las conversaciones',
  tabs: {firm: 'Despacho', website: 'Sitio web', contact: 'Contacto', hours: 'Horario', booking: 'Reservas', retention: 'Conservación', team: 'Abogados', integrations: 'Integraciones', ratings: 'Valoraciones', audit: 'Registro', profile: 'Mi perfil'},
  save: 'Guardar',
  saving: 'Guardando…',
  saved: 'Guardado.',
  failed: 'No guardado: corrija los campos marcados.',
  firmName: 'Nombre del despacho',
  logo: 'Logotipo',
  logoHint: 'PNG, JPEG, GIF o WebP, 20 KB como máximo.',
  removeLogo: 'Quitar el logotipo',
  accent: 'Color de acento',
  greeting: (l) => `Saludo (${l})`,
  timeZone: 'Zona horaria',
  senderName: 'Nombre del remitente',
  senderAddress: 'Dirección del remitente',
  origins: 'Orígenes permitidos',
  originsHint: 'Uno por línea, como https://www.ejemplo.es. El chat solo se abre en estos sitios.',
  snippet: 'Código para pegar antes de </body>',
  cspLines: 'Líneas de Content-Security-Policy, si su sitio la envía',
  copy: 'Copiar',
  copied: 'Copiado',
  secret: 'Secreto de verificación de identidad',
  secretHint: 'Su sitio firma con él los tokens de identidad. El nuevo secreto se muestra una sola vez; el anterior sigue valiendo durante el periodo de gracia.',
  graceHours: 'Periodo de gracia (horas)',
  rotate: 'Crear un secreto nuevo',
  newSecret: 'Copie este secreto ahora: no se volverá a mostrar.',
  previousValid: (u) => `El secreto anterior vale hasta ${u}.`,
  prechat: 'Formulario previo',
  prechatOn: 'Hacer estas preguntas antes del primer mensaje',
  field: {name: 'Nombre', email: 'Correo', phone: 'Teléfono', topic: 'Tema'},
  mode: {off: 'No se pide', optional: 'Opcional', required: 'Obligatorio'},
  topics: 'Temas',
  topicsHint: 'Uno por línea; vacío para un tema libre.',
  consent: 'Aviso de confidencialidad',
  consentOn: 'El visitante debe aceptar el aviso antes de su primer mensaje',
  consentText: (l) => `Aviso (${l})`,
  consentVersion: (v) => (v ? `Versión actual: ${v}. Cambiar el texto crea una versión nueva que los visitantes vuelven a aceptar.` : 'Aún no publicado.'),
  hoursOn: 'Tener horario (fuera de él se indica cuándo abren y se pide un correo)',
  hoursZone: (z) => `Las horas están en la zona del despacho, ${z}.`,
  day: 'Día',
  opens: 'Abre',
  closes: 'Cierra',
  addSpan: 'Añadir franja',
  remove: 'Quitar',
  closedDates: 'Días cerrados',
  closedDatesHint: 'Uno por línea, como 2030-12-25.',
  days: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
  retentionDays: 'Borrar las conversaciones cerradas tras (días)',
  askEmail: 'Pedir un correo en el chat',
  askEmailAfter: 'Si ningún abogado ha respondido en (minutos)',
  askEmailBeforeScheduling: 'También cuando un abogado abre «Programar consulta» para un visitante sin correo confirmado',
  askEmailHint: 'Una tarjeta en la conversación pide el correo al visitante y lo confirma con un código de 6 cifras, para que la respuesta y las invitaciones le lleguen. Vacío para pedirlo solo cuando un abogado pulse «Pedir su correo en el chat».',
  retentionHint: 'Se borran con sus mensajes, documentos, consultas y correos guardados. Vacío para conservarlo todo.',
  documentTypes: 'Documentos que visitantes y abogados pueden enviar',
  documentTypesHint: 'El tipo se lee del contenido de cada archivo, nunca de su nombre. Programas, archivos comprimidos, páginas web y SVG se rechazan siempre.',
  lastRun: (w, c) => `Última ejecución ${w}: ${c}.`,
  neverRun: 'La limpieza diaria aún no se ha ejecutado.',
  name: 'Nombre',
  email: 'Correo',
  role: 'Rol',
  roles: {owner: 'Propietario', lawyer: 'Abogado'},
  status: 'Estado',
  active: 'Activo',
  invited: 'Invitado',
  deactivated: 'Desactivado',
  deactivate: 'Desactivar',
  reactivate: 'Reactivar',
  confirmDeactivate: (n) => `¿Desactivar a ${n}? Sus consolas abiertas se cierran al instante.`,
  invite: 'Enviar invitación',
  inviteSent: (e) => `Invitación enviada a ${e}. El enlace vale una vez, durante 72 horas.`,
  when: 'Cuándo',
  who: 'Quién',
  what: 'Qué',
  meetingLink: 'Enlace personal de reunión',
  emailLang: 'Idioma de mis correos (invitaciones, recordatorios)',
  langNames: {en: 'English', fr: 'Français', es: 'Español'},
  avatar: 'Foto',
  loadFailed: 'No se pudieron cargar los ajustes.',
};

export const SETTINGS_TABLES = {en, fr, es} satisfies Record<string, SettingsStrings>;
