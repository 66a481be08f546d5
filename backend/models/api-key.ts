// Firm API keys for server-to-server calls. Only a hash of the secret is stored; the secret is
// shown once at creation.
import {Schema, type Types} from 'mongoose';
import {wireShape} from './shared.js';

export const API_KEY_SCOPES = ['read', 'read-write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  _id: Types.ObjectId;
  firmId: Types.ObjectId;
  name: string;
  scope: ApiKeyScope;
  /** SHA-256 of the whole key (hex); keys are 256 random bits, so no slow hash is needed. */
  hash: string;
  /** The first characters of the key, to recognise it in a list. */
  prefix: string;
  /** The owner who created it; calls made with the key act as this lawyer. */
  createdBy: Types.ObjectId;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export const apiKeySchema = new Schema<ApiKey>(
  {
    firmId: {type: Schema.Types.ObjectId, required: true},
    name: {type: String, required: true, maxlength: 100},
    scope: {type: String, enum: API_KEY_SCOPES, required: true},
    hash: {type: String, required: true},
    prefix: {type: String, required: true},
    createdBy: {type: Schema.Types.ObjectId, required: true},
    lastUsedAt: {type: Date, default: null},
    revokedAt: {type: Date, default: null},
  },
  {collection: 'api_keys', timestamps: {createdAt: true, updatedAt: false}},
);
apiKeySchema.index({hash: 1}, {unique: true});
apiKeySchema.index({firmId: 1, createdAt: -1});
wireShape(apiKeySchema, ['hash']);
