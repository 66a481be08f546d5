import type {SocketPrincipal} from '../../protocol/events.js';
import {AppError} from '../errors.js';

/** Integrations are managed by the firm's owner, signed in (never through an API key). */
export function assertOwner(p: SocketPrincipal): void {
  if (p.kind !== 'lawyer' || p.role !== 'owner' || p.apiKey) throw new AppError('forbidden', 'only the firm owner, signed in, can manage integrations');
}
