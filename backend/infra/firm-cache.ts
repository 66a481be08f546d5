// Firms are read on every session and socket handshake; keep them for a few seconds.
import {Types} from 'mongoose';
import type {Firm, Models} from '../models/index.js';

export interface FirmCache {
  bySiteKey(siteKey: string): Promise<Firm | null>;
  byId(id: string): Promise<Firm | null>;
}

export function createFirmCache(models: Models, ttlMs = 5_000, now: () => number = Date.now): FirmCache {
  const entries = new Map<string, {firm: Firm | null; at: number}>();
  async function cached(key: string, load: () => Promise<Firm | null>): Promise<Firm | null> {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.firm;
    const firm = await load();
    if (entries.size > 10_000) entries.clear();
    entries.set(key, {firm, at: now()});
    return firm;
  }
  return {
    bySiteKey: (siteKey) => cached(`k:${siteKey}`, () => models.Firm.findOne({siteKey: String(siteKey)}).lean<Firm>()),
    byId: (id) => (Types.ObjectId.isValid(id) ? cached(`i:${id}`, () => models.Firm.findById(id).lean<Firm>()) : Promise.resolve(null)),
  };
}
