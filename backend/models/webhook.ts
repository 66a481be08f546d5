// Webhook endpoints a firm registers, and one delivery job per (event, endpoint). Deliveries
// carry the outbox's lease fields and are sent by the same worker as emails (mail/worker.ts);
// claims go to the shared `outbox_claims` collection (ids are unique across collections).
import {Schema, type Connection, type Model, type Types} from 'mongoose';
import {WEBHOOK_EVENTS, type WebhookEvent} from '../../protocol/integrations.js';
import {bind} from './shared.js';
import {jobStatePaths, type JobState} from './outbox.js';

export interface WebhookEndpoint {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  /** `whsec_` + base64 of 32 random bytes; needed in clear to sign. */
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
}

export const webhookEndpointSchema = new Schema<WebhookEndpoint>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    url: {type: String, required: true, maxlength: 2048},
    events: {type: [String], enum: WEBHOOK_EVENTS, required: true},
    description: {type: String, default: null, maxlength: 200},
    secret: {type: String, required: true},
    enabled: {type: Boolean, default: true},
    disabledReason: {type: String, default: null},
    createdBy: {type: Schema.Types.ObjectId, required: true},
  },
  {collection: 'webhook_endpoints', timestamps: {createdAt: true, updatedAt: false}},
);
webhookEndpointSchema.index({firmId: 1, createdAt: -1});

export interface WebhookPayload {
  endpointId: string;
  url: string;
  /** The exact bytes signed and sent. */
  body: string;
}

export interface WebhookDelivery extends JobState<'pending' | 'sent' | 'failed'> {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  endpointId: Types.ObjectId;
  /** The conversation the event is about: erasing its applicant erases the delivery. */
  conversationId: Types.ObjectId | null;
  event: WebhookEvent;
  payload: WebhookPayload;
  /** The `webhook-id` header: the same on every attempt and resend. */
  idempotencyKey: string;
}

export const webhookDeliverySchema = new Schema<WebhookDelivery>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    endpointId: {type: Schema.Types.ObjectId, required: true},
    conversationId: {type: Schema.Types.ObjectId, default: null},
    event: {type: String, enum: WEBHOOK_EVENTS, required: true},
    payload: {endpointId: {type: String, required: true}, url: {type: String, required: true}, body: {type: String, required: true}},
    idempotencyKey: {type: String, required: true},
    ...jobStatePaths(['pending', 'sent', 'failed'] as const),
  },
  {collection: 'webhook_deliveries', timestamps: true},
);
webhookDeliverySchema.index({idempotencyKey: 1}, {unique: true});
// The worker's claim query, and the console's recent deliveries of one endpoint.
webhookDeliverySchema.index({status: 1, nextAttemptAt: 1});
webhookDeliverySchema.index({endpointId: 1, createdAt: -1});
webhookDeliverySchema.index({status: 1, createdAt: 1});
webhookDeliverySchema.index({conversationId: 1});

export const webhookEndpointModel = (conn: Connection): Model<WebhookEndpoint> => bind(conn, 'WebhookEndpoint', webhookEndpointSchema);
export const webhookDeliveryModel = (conn: Connection): Model<WebhookDelivery> => bind(conn, 'WebhookDelivery', webhookDeliverySchema);
