// The Redis connection used when REDIS_URL is set (several backend processes behind one
// load balancer), and a small helper to run Lua scripts by SHA.
import {createHash} from 'node:crypto';
import {createClient} from 'redis';
import type {Logger} from '../logger.js';

export type RedisClient = ReturnType<typeof createClient>;

export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = createClient({url, socket: {reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000)}});
  // An unhandled 'error' would crash the process; the client reconnects by itself.
  client.on('error', (err) => logger.warn({err}, 'redis connection error'));
  await client.connect();
  return client;
}

export type LuaScript = (keys: string[], args: (string | number)[]) => Promise<unknown>;

/** EVALSHA with a fallback to EVAL (which also loads the script) on NOSCRIPT. */
export function luaScript(client: RedisClient, source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (keys, args) => {
    const options = {keys, arguments: args.map(String)};
    try {
      return await client.evalSha(sha, options);
    } catch (err) {
      if (!String((err as Error)?.message).startsWith('NOSCRIPT')) throw err;
      return client.eval(source, options);
    }
  };
}
