import type {ErrorBody, ErrorCode} from '../protocol/errors.js';
import {ZodError} from 'zod';

/** A business error with a stable code; transports map it to an HTTP status or an ack. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ErrorBody, 'retryAfter' | 'issues' | 'reason'> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_member: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

type Issue = {path: PropertyKey[]; message: string};

/** The one wording of validation problems: `path: message`, unless the message names its field. */
export function issueLines(issues: readonly Issue[]): string[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    return !path || i.message.includes(path) ? i.message : `${path}: ${i.message}`;
  });
}

/** A schema refused the input: `bad_request` with every problem listed. */
export function invalidInput(err: {issues: readonly Issue[]}, what = 'invalid input'): AppError {
  const issues = err.issues.map((i) => ({path: i.path.map(String).join('.'), message: i.message}));
  return new AppError('bad_request', `${what}: ${issueLines(err.issues).join('; ')}`, {issues});
}

/** Database errors that mean "try again shortly", not "your request was wrong". */
function isDatabaseUnavailable(err: unknown): boolean {
  const name = (err as {name?: string})?.name ?? '';
  return /^Mongo(Network|ServerSelection|NotConnected|PoolCleared|Topology)/.test(name) || name === 'MongooseServerSelectionError'
    || /buffering timed out|Client must be connected|connection .* closed/i.test((err as Error)?.message ?? '');
}

/**
 * Turns any thrown value into the error body a client may see. Only AppErrors and validation
 * errors carry their message; anything else becomes a generic `internal` (or `unavailable`).
 */
export function toErrorBody(err: unknown): {body: ErrorBody; expected: boolean} {
  if (err instanceof AppError) return {body: {code: err.code, message: err.message, ...err.extra}, expected: err.code !== 'internal'};
  if (err instanceof ZodError) return toErrorBody(invalidInput(err));
  if (isDatabaseUnavailable(err)) return {body: {code: 'unavailable', message: 'the service is briefly unavailable, retry shortly', retryAfter: 2}, expected: false};
  return {body: {code: 'internal', message: 'unexpected server error'}, expected: false};
}
