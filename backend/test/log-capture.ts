// A real pino logger whose lines are kept in memory, so tests can read what would be logged.
import type {Logger} from 'pino';
import {createLogger} from '../logger.js';
import {Writable} from 'node:stream';

export function capturingLogger(level: 'debug' | 'info' = 'debug'): {logger: Logger; lines: Record<string, unknown>[]; text: () => string} {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      raw.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({LOG_LEVEL: level}, stream);
  return {
    logger,
    get lines() {
      return raw.flatMap((r) => r.split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    },
    text: () => raw.join(''),
  };
}
