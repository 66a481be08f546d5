// One line per operation for the API reference. Typed by the operations table, so a new
// operation without a summary does not compile.
import type {OperationName} from '../operations/table.js';

export const SUMMARIES: Record<OperationName, string> = {
  'session:widget': 'Start or resume a visitor session (widget)',
  'session:login': 'Sign a lawyer in',
  'session:me': 'Who the token belongs to',
  'conversation:list': 'List conversations',
  'conversation:open': 'Open (or resume) the applicant’s conversation',
  'conversation:join': 'Get one conversation',
  'conversation:claim': 'Claim a conversation',
  'conversation:assign': 'Assign a conversation to a lawyer',
  'conversation:close': 'Close a conversation',
  'conversation:reopen': 'Reopen a conversation',
  'conversation:transcript': 'Download the transcript as plain text',
  'lawyer:list': 'List the firm’s lawyers',
  'applicant:erase': 'Erase an applicant and their data (firm owner)',
  'message:send': 'Send a message',
  'message:history': 'Messages before a seq (with `before`)',
  'message:sync': 'Messages after a seq (with `after`)',
  'message:delete': 'Delete a message',
  'receipt:read': 'Move the read cursor',
  'receipt:delivered': 'Move the delivered cursor',
  'consultation:providers': 'Video providers the lawyer may use',
  'consultation:list': 'Consultations of a conversation',
  'consultation:schedule': 'Schedule a video consultation',
  'consultation:reschedule': 'Reschedule a consultation',
  'consultation:cancel': 'Cancel a consultation',
  'apiKey:list': 'List the firm’s API keys (owner)',
  'apiKey:create': 'Create an API key; its secret is in this answer only (owner)',
  'apiKey:revoke': 'Revoke an API key, at once (owner)',
};
