// What the documents part needs from the element it works in (<consult-chat> or the console):
// where to send, with which token, in which conversation, and where a sent message goes.
import type {MessageDto} from '../../../protocol/chat.js';

export interface DocumentsHost {
  server(): string;
  token(): string | undefined;
  conversationId(): string | undefined;
  /** The stored message of a finished upload, for the list (it also arrives live). */
  delivered(message: MessageDto): void;
  lang(): string;
}

/** Formats a byte count for people: "840 KB", "2.4 MB". */
export function sizeLabel(bytes: number, lang: string): string {
  if (bytes < 1024) return `${new Intl.NumberFormat(lang).format(bytes)} B`;
  const [value, unit] = bytes < 1048576 ? [bytes / 1024, 'kilobyte'] : [bytes / 1048576, 'megabyte'];
  return new Intl.NumberFormat(lang, {style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0}).format(value);
}

/** A signed, short-lived link for one document (`inline` for an image preview). */
export async function documentLink(host: DocumentsHost, id: string, inline = false): Promise<string> {
  const res = await fetch(`${host.server()}/api/v1/attachments/${id}/link${inline ? '?inline=1' : ''}`, {headers: {authorization: `Bearer ${host.token() ?? ''}`}, credentials: 'omit'});
  if (!res.ok) throw new Error(`link refused (${res.status})`);
  return ((await res.json()) as {url: string}).url;
}
