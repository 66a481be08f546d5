// Who is online: a participant is online while any of their sockets is connected (several tabs
// count once). Going offline stamps lastSeenAt. In memory for one process; in Redis across
// processes (createRedisPresenceStore).
import {randomUUID} from 'node:crypto';
import type {ParticipantKey} from '../../protocol/chat.js';
import type {Logger} from '../logger.js';
import {luaScript, type RedisClient} from './redis.js';

export interface PresenceStore {
  /** Resolves true when this socket made the participant come online. */
  connect(key: ParticipantKey, socketId: string, firmId: string): Promise<boolean>;
  /** Resolves true when this was the participant's last socket anywhere. */
  disconnect(key: ParticipantKey, socketId: string): Promise<boolean>;
  isOnline(key: ParticipantKey): Promise<boolean>;
  /** Participants whose last sockets were on a process that died (never called in memory). */
  onExpired(listener: (key: ParticipantKey, firmId: string) => void): void;
  /** Stops tracking; sockets still connected here expire like a dead process's. */
  close(): Promise<void>;
}

export function createPresenceStore(): PresenceStore {
  const sockets = new Map<ParticipantKey, Set<string>>();
  return {
    async connect(key, socketId) {
      let set = sockets.get(key);
      const wasOffline = !set || set.size === 0;
      if (!set) sockets.set(key, (set = new Set()));
      set.add(socketId);
      return wasOffline;
    },
    async disconnect(key, socketId) {
      const set = sockets.get(key);
      if (!set || !set.delete(socketId)) return false;
      if (set.size > 0) return false;
      sockets.delete(key);
      return true;
    },
    async isOnline(key) {
      return (sockets.get(key)?.size ?? 0) > 0;
    },
    onExpired() {},
    async close() {},
  };
}

// Redis layout (P = prefix):
//   P:hb:<proc>   heartbeat of a process, expires after the TTL when the process stops beating
//   P:procs       set of processes that registered
//   P:own:<proc>  hash participant key → firm id of the participants with sockets on <proc>
//   P:on:<key>    set of processes holding sockets of participant <key>
// A participant is online while some process in P:on:<key> has a live heartbeat. A process
// that dies keeps its participants online until its heartbeat expires, so a client that
// reconnects to another process within the TTL never shows as offline.
const LIVE_FN = `
local function live(prefix, onKey, except)
  for _, q in ipairs(redis.call('SMEMBERS', onKey)) do
    if q ~= except and redis.call('EXISTS', prefix .. ':hb:' .. q) == 1 then return true end
  end
  return false
end
`;

// ARGV: prefix, proc, key, firm → 1 if the participant was online elsewhere already.
const CONNECT = `${LIVE_FN}
local prefix, proc, key, firm = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local onKey = prefix .. ':on:' .. key
local was = live(prefix, onKey, proc)
-- Forget processes that died: their sweep must not announce this participant offline.
for _, q in ipairs(redis.call('SMEMBERS', onKey)) do
  if redis.call('EXISTS', prefix .. ':hb:' .. q) == 0 then redis.call('SREM', onKey, q) end
end
redis.call('SADD', onKey, proc)
redis.call('HSET', prefix .. ':own:' .. proc, key, firm)
if was then return 1 else return 0 end
`;

// ARGV: prefix, proc, key → 1 if the participant is now offline everywhere.
const DISCONNECT = `${LIVE_FN}
local prefix, proc, key = ARGV[1], ARGV[2], ARGV[3]
local onKey = prefix .. ':on:' .. key
redis.call('SREM', onKey, proc)
redis.call('HDEL', prefix .. ':own:' .. proc, key)
if live(prefix, onKey, nil) then return 0 end
-- Only dead processes are left: we announce offline now, so their sweep must not.
redis.call('DEL', onKey)
return 1
`;

// ARGV: prefix, key1, key2, … → 1/0 per key.
const ONLINE = `${LIVE_FN}
local out = {}
for i = 2, #ARGV do out[#out + 1] = live(ARGV[1], ARGV[1] .. ':on:' .. ARGV[i], nil) and 1 or 0 end
return out
`;

// ARGV: prefix, proc. Removes processes whose heartbeat expired; returns [key, firm, …] of the
// participants that went offline with them. Atomic, so exactly one process announces each.
const SWEEP = `${LIVE_FN}
local prefix, me = ARGV[1], ARGV[2]
local out = {}
for _, p in ipairs(redis.call('SMEMBERS', prefix .. ':procs')) do
  if p ~= me and redis.call('EXISTS', prefix .. ':hb:' .. p) == 0 then
    redis.call('SREM', prefix .. ':procs', p)
    local own = redis.call('HGETALL', prefix .. ':own:' .. p)
    for i = 1, #own, 2 do
      local onKey = prefix .. ':on:' .. own[i]
      if redis.call('SREM', onKey, p) == 1 and not live(prefix, onKey, nil) then
        redis.call('DEL', onKey)
        out[#out + 1] = own[i]
        out[#out + 1] = own[i + 1]
      end
    end
    redis.call('DEL', prefix .. ':own:' .. p)
  end
end
return out
`;

// ARGV: prefix, proc, ttl → 1 if this process had been swept (its heartbeat lapsed).
const BEAT = `
local prefix, proc, ttl = ARGV[1], ARGV[2], ARGV[3]
redis.call('SET', prefix .. ':hb:' .. proc, '1', 'PX', ttl)
return redis.call('SADD', prefix .. ':procs', proc)
`;

export interface RedisPresenceOptions {
  redis: RedisClient;
  logger: Logger;
  /** Heartbeat TTL: how long a dead process's participants stay online. */
  ttlMs: number;
  prefix?: string;
}

export function createRedisPresenceStore(opts: RedisPresenceOptions): PresenceStore {
  const {redis, logger, ttlMs} = opts;
  const prefix = opts.prefix ?? 'cc:presence';
  const proc = randomUUID();
  const scripts = {connect: luaScript(redis, CONNECT), disconnect: luaScript(redis, DISCONNECT), online: luaScript(redis, ONLINE), sweep: luaScript(redis, SWEEP), beat: luaScript(redis, BEAT)};
  const local = new Map<ParticipantKey, {firmId: string; sockets: Set<string>}>();
  const listeners: ((key: ParticipantKey, firmId: string) => void)[] = [];
  let closed = false;

  async function beat(): Promise<void> {
    const rejoined = (await scripts.beat([], [prefix, proc, ttlMs])) === 1;
    // Our heartbeat lapsed (Redis unreachable for a while) and another process swept us: register again.
    if (rejoined && local.size > 0) {
      logger.warn('presence heartbeat had lapsed; registering local sockets again');
      for (const [key, entry] of local) await scripts.connect([], [prefix, proc, key, entry.firmId]);
    }
    const gone = (await scripts.sweep([], [prefix, proc])) as string[];
    for (let i = 0; i < gone.length; i += 2) for (const l of listeners) l(gone[i] as ParticipantKey, gone[i + 1]);
  }

  // Registered before the first socket is counted (connect waits for it).
  const registered = scripts.beat([], [prefix, proc, ttlMs]).catch((err) => logger.warn({err}, 'presence registration failed'));
  const timer = setInterval(() => void beat().catch((err) => logger.warn({err}, 'presence heartbeat failed')), Math.max(250, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    async connect(key, socketId, firmId) {
      if (closed) return false;
      let entry = local.get(key);
      if (!entry) local.set(key, (entry = {firmId, sockets: new Set()}));
      entry.sockets.add(socketId);
      if (entry.sockets.size > 1) return false;
      await registered;
      return (await scripts.connect([], [prefix, proc, key, firmId])) === 0;
    },
    async disconnect(key, socketId) {
      // While closing, keep our entries: they expire with the heartbeat, so clients moving to
      // another process never flap offline.
      if (closed) return false;
      const entry = local.get(key);
      if (!entry || !entry.sockets.delete(socketId) || entry.sockets.size > 0) return false;
      local.delete(key);
      return (await scripts.disconnect([], [prefix, proc, key])) === 1;
    },
    async isOnline(key) {
      if ((local.get(key)?.sockets.size ?? 0) > 0) return true;
      const [online] = (await scripts.online([], [prefix, key])) as number[];
      return online === 1;
    },
    onExpired(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      clearInterval(timer);
    },
  };
}
