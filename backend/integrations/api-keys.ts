// Firm API keys: created, listed and revoked by the owner; checked on every REST call that
// carries one. The lookup reads the database on each call (by the hash's unique index), so a
// revocation holds at once on every process, with nothing cached to expire.
import {Types} from 'mongoose';
import type {SocketPrincipal} from '../../protocol/events.js';
import {API_KEY_PREFIX, type ApiKeyDto, type CreatedApiKey} from '../../protocol/integrations.js';
import type {Valid} from '../../protocol/schemas.js';
import {randomToken, sha256} from '../auth/passwords.js';
import {AppError} from '../errors.js';
import type {ApiKey, Models} from '../models/index.js';
import {iso} from '../models/shared.js';
import {assertOwner} from './owner.js';

/** lastUsedAt is written at most this often per key and process. */
const TOUCH_EVERY_MS = 60_000;

export function apiKeyDto(k: ApiKey): ApiKeyDto {
  return {id: String(k._id), name: k.name, scope: k.scope, prefix: k.prefix, createdAt: iso(k.createdAt)!, lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt)};
}

export const isApiKey = (token: unknown): token is string => typeof token === 'string' && token.startsWith(API_KEY_PREFIX);

export function createApiKeyService(models: Pick<Models, 'ApiKey' | 'Lawyer'>) {
  const {ApiKey} = models;
  const touched = new Map<string, number>();

  return {
    async create(p: SocketPrincipal, input: Valid<'createApiKey'>): Promise<CreatedApiKey> {
      assertOwner(p);
      const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
      const key = await ApiKey.create({
        firmId: new Types.ObjectId(p.firmId), name: input.name, scope: input.scope,
        hash: sha256(secret), prefix: secret.slice(0, API_KEY_PREFIX.length + 6), createdBy: new Types.ObjectId(p.id),
      });
      return {key: apiKeyDto(key.toObject()), secret};
    },

    async list(p: SocketPrincipal): Promise<{keys: ApiKeyDto[]}> {
      assertOwner(p);
      const keys = await ApiKey.find({firmId: new Types.ObjectId(p.firmId)}).sort({createdAt: -1}).limit(200).lean<ApiKey[]>();
      return {keys: keys.map(apiKeyDto)};
    },

    async revoke(p: SocketPrincipal, id: string): Promise<ApiKeyDto> {
      assertOwner(p);
      const key = await ApiKey.findById(id).lean<ApiKey>();
      if (!key || String(key.firmId) !== p.firmId) throw new AppError('not_found', 'no such API key');
      if (!key.revokedAt) await ApiKey.updateOne({_id: key._id}, {$set: {revokedAt: new Date()}});
      return apiKeyDto({...key, revokedAt: key.revokedAt ?? new Date()});
    },

    /** The principal a key acts as: its creator, as a lawyer (never with owner powers). */
    async authenticate(token: string): Promise<SocketPrincipal> {
      const key = token.length <= 200 ? await ApiKey.findOne({hash: sha256(token)}).lean<ApiKey>() : null;
      if (!key) throw new AppError('unauthorized', 'the API key is invalid');
      if (key.revokedAt) throw new AppError('unauthorized', 'this API key has been revoked');
      const lawyer = await models.Lawyer.findById(key.createdBy).select({name: 1}).lean<{name: string}>();
      if (!lawyer) throw new AppError('unauthorized', 'the lawyer who created this API key no longer exists');
      const id = String(key._id);
      if (Date.now() - (touched.get(id) ?? 0) > TOUCH_EVERY_MS) {
        touched.set(id, Date.now());
        void ApiKey.updateOne({_id: key._id}, {$set: {lastUsedAt: new Date()}}).catch(() => {});
      }
      return {kind: 'lawyer', id: String(key.createdBy), firmId: String(key.firmId), name: lawyer.name, role: 'lawyer', apiKey: {id, scope: key.scope}};
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
