/** Stable error codes shared by REST responses and socket acknowledgements. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'token_expired',
  'forbidden',
  'origin_not_allowed',
  'not_member',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Seconds to wait before retrying, set with `rate_limited` and `unavailable`. */
  retryAfter?: number;
  /** Field-level problems for `bad_request`. */
  issues?: {path: string; message: string}[];
  /** A refused upload: why, for the client to say in its user's language (protocol/attachments.ts). */
  reason?: string;
}

/** The answer to every socket event that takes an acknowledgement. */
export type Ack<T> = {ok: true; data: T} | {ok: false; error: ErrorBody};

/** Errors a client may retry unchanged (the server or a dependency was briefly away). */
export function isRetryable(code: ErrorCode): boolean {
  return code === 'unavailable' || code === 'rate_limited' || code === 'internal';
}
