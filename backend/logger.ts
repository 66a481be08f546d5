import {pino, type Logger, type DestinationStream} from 'pino';
import type {Config} from './config.js';

/** Structured JSON logs. Secrets and message bodies are redacted wherever they might appear. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.LOG_LEVEL,
    base: {pid: process.pid},
    redact: {
      paths: ['*.password', '*.token', '*.secret', '*.visitorSecret', '*.identityToken', '*.body', 'req.headers.authorization', 'headers.authorization', '*.apiKey'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type {Logger};
