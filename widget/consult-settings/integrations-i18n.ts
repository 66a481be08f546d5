// Strings of the owner's Integrations panel (API keys and webhooks), in every console language.
import type {WebhookEvent} from '../../protocol/integrations.js';

export interface IntegrationsStrings {
  intro: string;
  docs: string;
  keys: string;
  keysIntro: string;
  keyName: string;
  scope: string;
  scopeRead: string;
  scopeWrite: string;
  createKey: string;
  noKeys: string;
  revoke: string;
  confirmRevoke: string;
  revoked: string;
  lastUsed: (when: string) => string;
  neverUsed: string;
  secretOnce: string;
  webhooks: string;
  webhooksIntro: string;
  url: string;
  events: string;
  event: Record<WebhookEvent, string>;
  addEndpoint: string;
  noEndpoints: string;
  remove: string;
  confirmRemove: string;
  disabled: string;
  deliveries: string;
  hideDeliveries: string;
  noDeliveries: string;
  status: Record<'pending' | 'sent' | 'failed', string>;
  attempts: (n: number) => string;
  resend: string;
  signingSecretOnce: string;
  failed: (why: string) => string;
}

const en: IntegrationsStrings = {
  intro: 'Connect your case-management system: API keys for its calls, webhooks for our events.',
  docs: 'API reference',
  keys: 'API keys', keysIntro: 'Send a key as “Authorization: Bearer …”. It acts as you, without owner rights.',
  keyName: 'Name', scope: 'Access', scopeRead: 'Read only', scopeWrite: 'Read and write', createKey: 'Create key',
  noKeys: 'No API keys yet.', revoke: 'Revoke', confirmRevoke: 'Confirm revoke', revoked: 'Revoked',
  lastUsed: (w) => `last used ${w}`, neverUsed: 'never used',
  secretOnce: 'Copy this key now: it will not be shown again.',
  webhooks: 'Webhooks', webhooksIntro: 'We POST each event, signed (Standard Webhooks), and retry for a day.',
  url: 'Endpoint URL', events: 'Events',
  event: {
    'conversation.created': 'Conversation started', 'message.created': 'New message', 'conversation.closed': 'Conversation closed',
    'consultation.scheduled': 'Consultation scheduled', 'consultation.rescheduled': 'Consultation moved',
    'consultation.cancelled': 'Consultation cancelled', 'document.shared': 'Document shared',
  },
  addEndpoint: 'Add endpoint', noEndpoints: 'No webhook endpoints yet.', remove: 'Delete', confirmRemove: 'Confirm delete',
  disabled: 'Disabled', deliveries: 'Recent deliveries', hideDeliveries: 'Hide deliveries', noDeliveries: 'No deliveries yet.',
  status: {pending: 'Retrying', sent: 'Delivered', failed: 'Failed'}, attempts: (n) => (n === 1 ? '1 attempt' : `${n} attempts`),
  resend: 'Resend', signingSecretOnce: 'Signing secret, shown once: verify each delivery with it.',
  failed: (why) => `That did not work: ${why}`,
};

const fr: IntegrationsStrings = {
  intro: 'Reliez votre logiciel de gestion de dossiers : des clés d’API pour ses appels, des webhooks pour nos événements.',
  docs: 'Référence de l’API',
  keys: 'Clés d’API', keysIntro: 'Envoyez une clé en « Authorization: Bearer … ». Elle agit en votre nom, sans les droits de propriétaire.',
  keyName: 'Nom', scope: 'Accès', scopeRead: 'Lecture seule', scopeWrite: 'Lecture et écriture', createKey: 'Créer la clé',
  noKeys: 'Aucune clé d’API.', revoke: 'Révoquer', confirmRevoke: 'Confirmer la révocation', revoked: 'Révoquée',
  lastUsed: (w) => `utilisée ${w}`, neverUsed: 'jamais utilisée',
  secretOnce: 'Copiez cette clé maintenant : elle ne sera plus affichée.',
  webhooks: 'Webhooks', webhooksIntro: 'Nous envoyons chaque événement en POST, signé (Standard Webhooks), et réessayons pendant une journée.',
  url: 'URL du point d’accès', events: 'Événements',
  event: {
    'conversation.created': 'Conversation ouverte', 'message.created': 'Nouveau message', 'conversation.closed': 'Conversation close',
    'consultation.scheduled': 'Consultation planifiée', 'consultation.rescheduled': 'Consultation déplacée',
    'consultation.cancelled': 'Consultation annulée', 'document.shared': 'Document partagé',
  },
  addEndpoint: 'Ajouter', noEndpoints: 'Aucun webhook.', remove: 'Supprimer', confirmRemove: 'Confirmer la suppression',
  disabled: 'Désactivé', deliveries: 'Envois récents', hideDeliveries: 'Masquer les envois', noDeliveries: 'Aucun envoi.',
  status: {pending: 'Nouvel essai', sent: 'Livré', failed: 'Échec'}, attempts: (n) => (n <= 1 ? `${n} essai` : `${n} essais`),
  resend: 'Renvoyer', signingSecretOnce: 'Secret de signature, affiché une seule fois : vérifiez chaque envoi avec lui.',
  failed: (why) => `Cela n’a pas fonctionné : ${why}`,
};

const es: IntegrationsStrings = {
  intro: 'Conecte su sistema de gestión de casos: claves de API para sus llamadas, webhooks para nuestros eventos.',
  docs: 'Referencia de la API',
  keys: 'Claves de API', keysIntro: 'Envíe la clave como «Authorization: Bearer …». Actúa en su nombre, sin permisos de propietario.',
  keyName: 'Nombre', scope: 'Acceso', scopeRead: 'Solo lectura', scopeWrite: 'Lectura y escritura', createKey: 'Crear clave',
  noKeys: 'Aún no hay claves de API.', revoke: 'Revocar', confirmRevoke: 'Confirmar revocación', revoked: 'Revocada',
  lastUsed: (w) => `último uso ${w}`, neverUsed: 'sin usar',
  secretOnce: 'Copie esta clave ahora: no se volverá a mostrar.',
  webhooks: 'Webhooks', webhooksIntro: 'Enviamos cada evento por POST, firmado (Standard Webhooks), y reintentamos durante un día.',
  url: 'URL del destino', events: 'Eventos',
  event: {
    'conversation.created': 'Conversación iniciada', 'message.created': 'Mensaje nuevo', 'conversation.closed': 'Conversación cerrada',
    'consultation.scheduled': 'Consulta programada', 'consultation.rescheduled': 'Consulta movida',
    'consultation.cancelled': 'Consulta cancelada', 'document.shared': 'Documento compartido',
  },
  addEndpoint: 'Añadir destino', noEndpoints: 'Aún no hay webhooks.', remove: 'Eliminar', confirmRemove: 'Confirmar eliminación',
  disabled: 'Desactivado', deliveries: 'Envíos recientes', hideDeliveries: 'Ocultar envíos', noDeliveries: 'Aún no hay envíos.',
  status: {pending: 'Reintentando', sent: 'Entregado', failed: 'Fallido'}, attempts: (n) => (n === 1 ? '1 intento' : `${n} intentos`),
  resend: 'Reenviar', signingSecretOnce: 'Secreto de firma, se muestra una vez: verifique cada envío con él.',
  failed: (why) => `No ha funcionado: ${why}`,
};

export const INTEGRATIONS_TABLES = {en, fr, es} satisfies Record<string, IntegrationsStrings>;
