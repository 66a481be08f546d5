// What the console and integrators see of API keys and webhooks.

export const API_KEY_PREFIX = 'ck_';

export interface ApiKeyDto {
  id: string;
  name: string;
  scope: 'read' | 'read-write';
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** POST /api-keys: the secret is in this answer only. */
export interface CreatedApiKey {
  key: ApiKeyDto;
  secret: string;
}

/** Events a webhook endpoint can subscribe to. `message.created` never carries internal notes. */
export const WEBHOOK_EVENTS = [
  'conversation.created', 'message.created', 'conversation.closed', 'consultation.scheduled',
  'consultation.rescheduled', 'consultation.cancelled', 'document.shared',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEndpointDto {
  id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  /** False once disabled (by the owner, or after a day of failed deliveries). */
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
}

/** POST /webhooks: the signing secret (whsec_…) is in this answer only. */
export interface CreatedWebhookEndpoint {
  endpoint: WebhookEndpointDto;
  secret: string;
}

export interface WebhookDeliveryDto {
  id: string;
  /** The `webhook-id` header receivers deduplicate on. */
  webhookId: string;
  endpointId: string;
  event: WebhookEvent;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
