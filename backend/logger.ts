import {pino, type Logger} from 'pino';
import type {Config} from './config.js';

/** Structured JSON logs. Secrets and message bodies are redacted wherever they might appear. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: {pid: process.pid},
    redact: {
      paths: ['*.password', '*.token', '*.secret', '*.visitorSecret', '*.identityToken', '*.body', 'req.headers.authorization', 'headers.authorization', '*.apiKey'],
      censor: '[redacted]',
    },
  });
}
export type {Logger};
