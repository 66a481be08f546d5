// Configuration is read from the environment once, validated, and frozen. A bad value stops
// the process at start with a message naming the variable.
import {randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import {dataRoot} from './paths.js';

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.string().url().optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default(dataRoot),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set to run several processes: Socket.IO events, presence, rate limits and locks go through Redis. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  /** How long a dead process's sockets keep their participants online (heartbeat TTL). */
  PRESENCE_TTL_MS: z.coerce.number().int().min(1_000).max(300_000).default(15_000),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: optionalUrl,
  MAIL_FROM: z.string().min(3).default('Consult Chat <consult@localhost>'),
  /** Multiplies every rate limit (benchmarks raise it; 1 in production). */
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
  /** Extra origins allowed to open the lawyer console (the backend's own origin always is). */
  CONSOLE_ORIGINS: z.string().default('').transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Readonly<Omit<Env, 'JWT_SECRET' | 'PUBLIC_URL'>> {
  readonly PUBLIC_URL: string;
  readonly JWT_SECRET: string;
}

export class ConfigError extends Error {}

/** Development secrets are generated once and kept under the data folder. */
export function devSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'secrets.json');
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, {recursive: true});
    writeFileSync(file, JSON.stringify(secrets, null, 2), {mode: 0o600});
  }
  return secrets[name];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) throw new ConfigError('invalid configuration:\n  JWT_SECRET: required in production');
  return Object.freeze({
    ...e,
    PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    JWT_SECRET: e.JWT_SECRET ?? devSecret(e.DATA_DIR, 'jwt'),
  });
}
