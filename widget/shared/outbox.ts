// Messages the visitor wrote that the server has not acknowledged yet. Kept in localStorage so a
// reload or a network cut loses nothing; each entry keeps its clientId until acknowledged, so a
// resend after an unseen ack is deduplicated by the server.
import {isRetryable, type ErrorBody} from '../../protocol/errors.js';
import {RequestError, sleep} from './http.js';
import {readJson, removeKey, writeJson} from './storage.js';

export interface OutboxEntry {
  clientId: string;
  body: string;
  createdAt: string;
  /** Set when the server refused it for good; the visitor may retry or delete it. */
  failed?: Pick<ErrorBody, 'code' | 'message'>;
}

export class Outbox {
  private items: OutboxEntry[];

  constructor(private storage: Storage | undefined, private key: string) {
    this.items = read(storage, key);
  }

  get entries(): readonly OutboxEntry[] {
    return this.items;
  }

  /** The next entry to send: the oldest that has not failed for good. */
  next(): OutboxEntry | undefined {
    return this.items.find((e) => !e.failed);
  }

  add(body: string, clientId = uuid()): OutboxEntry {
    const entry = {clientId, body, createdAt: new Date().toISOString()};
    this.items = [...this.items, entry];
    this.save();
    return entry;
  }

  remove(clientId: string): void {
    this.items = this.items.filter((e) => e.clientId !== clientId);
    this.save();
  }

  fail(clientId: string, failed: OutboxEntry['failed']): void {
    this.items = this.items.map((e) => (e.clientId === clientId ? {...e, failed} : e));
    this.save();
  }

  retry(clientId: string): void {
    this.items = this.items.map((e) => (e.clientId === clientId ? {clientId: e.clientId, body: e.body, createdAt: e.createdAt} : e));
    this.save();
  }

  /** Storage full or blocked (private mode): the queue still lives in memory for this page. */
  private save(): void {
    if (this.items.length) writeJson(this.key, this.items, this.storage);
    else removeKey(this.key, this.storage);
  }
}

export interface Delivery<T> {
  send(entry: OutboxEntry): Promise<T>;
  /** The server's acknowledgement of one entry. */
  acked(result: T): void;
  /** False once the connection that began the delivery is gone. */
  current(): boolean;
  changed(): void;
}

/**
 * Sends the entries one at a time, in order, each with its own clientId until acknowledged.
 * Transient failures wait and retry; a refusal marks the entry failed and moves on. Stops as soon
 * as `current()` turns false (the connection dropped: the next one resends).
 */
export async function deliver<T>(outbox: Outbox, to: Delivery<T>): Promise<void> {
  const {current} = to;
  for (let attempt = 0, entry = outbox.next(); entry && current(); entry = outbox.next()) {
    try {
      // Shown as acknowledged and dropped from the queue in one step, so no render sees both.
      to.acked(await to.send(entry));
      outbox.remove(entry.clientId);
      attempt = 0;
    } catch (err) {
      const body = err instanceof RequestError ? err.body : {code: 'unavailable' as const, message: 'timeout'};
      if (!current()) return;
      if (isRetryable(body.code) || body.code === 'token_expired' || body.code === 'unauthorized') {
        await sleep(body.retryAfter ? body.retryAfter * 1000 : Math.min(15_000, 500 * 2 ** attempt++));
      } else {
        outbox.fail(entry.clientId, {code: body.code, message: body.message});
      }
    }
    to.changed();
  }
}

function read(storage: Storage | undefined, key: string): OutboxEntry[] {
  const parsed = readJson(key, storage);
  return Array.isArray(parsed) ? parsed.filter((e): e is OutboxEntry => typeof e?.clientId === 'string' && typeof e?.body === 'string') : [];
}

/** RFC 4122 v4; crypto.randomUUID is missing on plain-http pages, getRandomValues is not. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
