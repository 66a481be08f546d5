// Configuration is read from the environment once, validated, and frozen. A bad value stops
// the process at start with a message naming the variable.
import {createPrivateKey, randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import {issueLines} from './errors.js';
import {ATTACHMENT_TYPE_IDS, type AttachmentType} from '../protocol/attachments.js';
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
  /** Longest wait between two attempts at sending an email. */
  MAIL_RETRY_MAX_SECONDS: z.coerce.number().min(1).max(86_400).default(900),
  /** Bearer token for GET /metrics; unset, /metrics is not served. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Longest wait between two attempts at delivering a webhook. */
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce.number().min(1).max(86_400).default(900),
  /** A delivery still failing this long after the event disables its endpoint (the owner is emailed). */
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce.number().min(1).max(7 * 86_400).default(86_400),
  /** An unread message triggers an email to its recipient after this long. */
  NOTIFY_AFTER_SECONDS: z.coerce.number().min(1).max(86_400).default(180),
  /** At most one such email per recipient and conversation in this window. */
  NOTIFY_WINDOW_MINUTES: z.coerce.number().min(1).max(10_080).default(30),
  /** Multiplies every rate limit (benchmarks raise it; 1 in production). */
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
  /** Extra origins allowed to open the lawyer console (the backend's own origin always is). */
  CONSOLE_ORIGINS: z.string().default('').transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  // Meeting providers: Jitsi needs nothing; Google Meet and Zoom are offered only when configured.
  JITSI_BASE_URL: z.string().url().default('https://meet.jit.si'),
  GOOGLE_OAUTH_BASE_URL: z.string().url().default('https://oauth2.googleapis.com'),
  GOOGLE_API_BASE_URL: z.string().url().default('https://www.googleapis.com'),
  GOOGLE_CALENDAR_ID: z.string().min(1).default('primary'),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_REFRESH_TOKEN: z.string().min(1).optional(),
  GOOGLE_SERVICE_ACCOUNT_EMAIL: z.string().email().optional(),
  GOOGLE_SERVICE_ACCOUNT_KEY: z.string().min(1).optional(),
  GOOGLE_IMPERSONATE: z.string().email().optional(),
  ZOOM_OAUTH_BASE_URL: z.string().url().default('https://zoom.us'),
  ZOOM_API_BASE_URL: z.string().url().default('https://api.zoom.us'),
  ZOOM_ACCOUNT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
  /** Documents: the largest file, and what one conversation may hold in all. */
  ATTACHMENT_MAX_MB: z.coerce.number().positive().max(1024).default(25),
  ATTACHMENT_CONVERSATION_MAX_MB: z.coerce.number().positive().max(100_000).default(250),
  ATTACHMENT_CONVERSATION_MAX_FILES: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Accepted document types (a subset of the defaults); each firm may narrow it further. */
  ATTACHMENT_TYPES: z.string().default(ATTACHMENT_TYPE_IDS.join(',')).transform((s, ctx) => {
    const list = s.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
    const unknown = list.filter((t) => !(ATTACHMENT_TYPE_IDS as string[]).includes(t));
    if (unknown.length || !list.length) ctx.addIssue({code: 'custom', message: `must be a comma-separated list of ${ATTACHMENT_TYPE_IDS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`});
    return list as AttachmentType[];
  }),
  /** Extra hosts (comma-separated) accepted for lawyers' personal meeting links. */
  MEETING_LINK_HOSTS: z.string().regex(/^[a-z0-9.*,\s-]+$/i, 'must be a comma-separated list of host names').optional(),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Readonly<Omit<Env, 'JWT_SECRET' | 'PUBLIC_URL'>> {
  readonly PUBLIC_URL: string;
  /** PUBLIC_URL was not given: it follows the port actually bound (PORT=0 in tests). */
  readonly PUBLIC_URL_DERIVED: boolean;
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
    throw new ConfigError(`invalid configuration:\n${issueLines(parsed.error.issues).map((l) => `  ${l}`).join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) throw new ConfigError('invalid configuration:\n  JWT_SECRET: required in production');
  const problems = providerProblems(e);
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return Object.freeze({
    ...e,
    PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    PUBLIC_URL_DERIVED: !e.PUBLIC_URL,
    JWT_SECRET: e.JWT_SECRET ?? devSecret(e.DATA_DIR, 'jwt'),
  });
}

/** A half-configured provider is a mistake worth stopping for, not a provider to hide. */
function providerProblems(e: Env): string[] {
  const problems: string[] = [];
  const group = (names: (keyof Env)[], what: string) => {
    const set = names.filter((n) => e[n] !== undefined);
    if (set.length > 0 && set.length < names.length) {
      problems.push(`${names.filter((n) => e[n] === undefined).join(', ')}: required with ${set.join(', ')} (${what})`);
    }
  };
  group(['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'GOOGLE_REFRESH_TOKEN'], 'Google OAuth refresh token');
  group(['GOOGLE_SERVICE_ACCOUNT_EMAIL', 'GOOGLE_SERVICE_ACCOUNT_KEY', 'GOOGLE_IMPERSONATE'], 'Google service account with domain-wide delegation');
  group(['ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'], 'Zoom Server-to-Server OAuth');
  if (e.GOOGLE_SERVICE_ACCOUNT_KEY) {
    try {
      createPrivateKey(googlePrivateKey(e.GOOGLE_SERVICE_ACCOUNT_KEY));
    } catch {
      problems.push('GOOGLE_SERVICE_ACCOUNT_KEY: not a PEM private key (use the private_key field of the JSON key file)');
    }
  }
  return problems;
}

/** Environment files often carry the PEM with literal "\\n"; turn them back into newlines. */
export function googlePrivateKey(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}
