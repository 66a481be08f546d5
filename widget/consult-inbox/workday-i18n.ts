// Strings of the lawyer's working-day tools: notes, canned replies, the visitor panel, toasts.
export interface WorkStrings {
  reply: string;
  note: string;
  notePlaceholder: string;
  noteLabel: string;
  mentioned: (who: string, applicant: string) => string;
  deleteMessage: string;
  confirmDelete: string;
  replies: string;
  noReplies: string;
  manageReplies: string;
  shortcut: string;
  replyBody: string;
  replyHint: string;
  shared: string;
  personal: string;
  add: string;
  remove: string;
  done: string;
  visitor: string;
  startedOn: string;
  currentPage: string;
  referrer: string;
  localTime: string;
  language: string;
  identity: string;
  verified: string;
  unverified: string;
  email: string;
  none: string;
  pastConversations: string;
  consultations: string;
  thisConversation: string;
  toastFrom: (name: string) => string;
  sound: string;
  openToast: string;
  dismiss: string;
}

const en: WorkStrings = {
  reply: 'Reply',
  note: 'Internal note',
  notePlaceholder: 'Internal note: only your colleagues see it. @name notifies them.',
  noteLabel: 'Internal note',
  mentioned: (who, applicant) => `${who} mentioned you (${applicant})`,
  deleteMessage: 'Delete',
  confirmDelete: 'Delete this message for everyone?',
  replies: 'Saved replies',
  noReplies: 'No saved reply matches.',
  manageReplies: 'Saved replies',
  shortcut: 'Shortcut',
  replyBody: 'Text',
  replyHint: 'Type / in the reply box to insert one. {applicant.name} and {lawyer.name} are filled in.',
  shared: 'Firm-wide',
  personal: 'Mine',
  add: 'Add',
  remove: 'Remove',
  done: 'Done',
  visitor: 'Visitor',
  startedOn: 'Chat started on',
  currentPage: 'Current page',
  referrer: 'Came from',
  localTime: 'Local time',
  language: 'Language',
  identity: 'Identity',
  verified: 'Verified by the site',
  unverified: 'Not verified',
  email: 'Email',
  none: '—',
  pastConversations: 'Conversations',
  consultations: 'Consultations',
  thisConversation: 'this one',
  toastFrom: (name) => `New message from ${name}`,
  sound: 'Sound',
  openToast: 'Open',
  dismiss: 'Dismiss',
};

const fr: WorkStrings = {
  reply: 'Réponse',
  note: 'Note interne',
  notePlaceholder: 'Note interne : seuls vos collègues la voient. @nom les prévient.',
  noteLabel: 'Note interne',
  mentioned: (who, applicant) => `${who} vous a mentionné (${applicant})`,
  deleteMessage: 'Supprimer',
  confirmDelete: 'Supprimer ce message pour tout le monde ?',
  replies: 'Réponses enregistrées',
  noReplies: 'Aucune réponse enregistrée ne correspond.',
  manageReplies: 'Réponses enregistrées',
  shortcut: 'Raccourci',
  replyBody: 'Texte',
  replyHint: 'Tapez / dans la zone de réponse pour en insérer une. {applicant.name} et {lawyer.name} sont remplis.',
  shared: 'Tout le cabinet',
  personal: 'Les miennes',
  add: 'Ajouter',
  remove: 'Retirer',
  done: 'Terminé',
  visitor: 'Visiteur',
  startedOn: 'Conversation commencée sur',
  currentPage: 'Page actuelle',
  referrer: 'Venu de',
  localTime: 'Heure locale',
  language: 'Langue',
  identity: 'Identité',
  verified: 'Vérifiée par le site',
  unverified: 'Non vérifiée',
  email: 'E-mail',
  none: '—',
  pastConversations: 'Conversations',
  consultations: 'Consultations',
  thisConversation: 'celle-ci',
  toastFrom: (name) => `Nouveau message de ${name}`,
  sound: 'Son',
  openToast: 'Ouvrir',
  dismiss: 'Fermer',
};

const es: WorkStrings = {
  reply: 'Responder',
  note: 'Nota interna',
  notePlaceholder: 'Nota interna: solo la ven sus colegas. @nombre les avisa.',
  noteLabel: 'Nota interna',
  mentioned: (who, applicant) => `${who} le ha mencionado (${applicant})`,
  deleteMessage: 'Eliminar',
  confirmDelete: '¿Eliminar este mensaje para todos?',
  replies: 'Respuestas guardadas',
  noReplies: 'Ninguna respuesta guardada coincide.',
  manageReplies: 'Respuestas guardadas',
  shortcut: 'Atajo',
  replyBody: 'Texto',
  replyHint: 'Escriba / en el cuadro de respuesta para insertar una. {applicant.name} y {lawyer.name} se completan solos.',
  shared: 'Todo el despacho',
  personal: 'Mías',
  add: 'Añadir',
  remove: 'Quitar',
  done: 'Listo',
  visitor: 'Visitante',
  startedOn: 'Chat iniciado en',
  currentPage: 'Página actual',
  referrer: 'Procedencia',
  localTime: 'Hora local',
  language: 'Idioma',
  identity: 'Identidad',
  verified: 'Verificado por el sitio',
  unverified: 'No verificado',
  email: 'Correo electrónico',
  none: '—',
  pastConversations: 'Conversaciones',
  consultations: 'Consultas',
  thisConversation: 'esta',
  toastFrom: (name) => `Nuevo mensaje de ${name}`,
  sound: 'Sonido',
  openToast: 'Abrir',
  dismiss: 'Descartar',
};

export const WORK_TABLES = {en, fr, es};
