// What the documents part reads from the element it works in (<consult-chat> or the console),
// by the members that element already has: the part builds everything else itself, so the
// tag's own script carries nothing for documents but the elements' names.
import {LitElement} from 'lit';
import type {MessageDto} from '../../../protocol/chat.js';

export interface DocumentsHost {
  /** The backend origin. */
  readonly backend: string;
  /** The conversation on screen: its token, id and message store. */
  readonly shown?: {side: {token(): string | undefined}; conversation?: {id: string}; store: {applyLive(m: MessageDto): void}};
  readonly l10n: {lang: string};
  stickToBottom: boolean;
  requestUpdate(): void;
}

export const langOf = (host: DocumentsHost | undefined) => host?.l10n.lang ?? 'en';

/**
 * The part's elements: they work for `host` when it is set (tests), else for the element whose
 * shadow root holds them, so the tag's script need not pass anything down.
 */
export class DocumentsElement extends LitElement {
  host?: DocumentsHost;

  protected get owner(): DocumentsHost | undefined {
    return this.host ?? ((this.getRootNode() as ShadowRoot).host as unknown as DocumentsHost | undefined);
  }
}

/** A finished upload's stored message goes into the list at once (it also arrives live). */
export function delivered(host: DocumentsHost, message: MessageDto): void {
  host.shown?.store.applyLive(message);
  host.stickToBottom = true;
  host.requestUpdate();
}

/** Formats a byte count for people: "840 KB", "2.4 MB". */
export function sizeLabel(bytes: number, lang: string): string {
  if (bytes < 1024) return `${new Intl.NumberFormat(lang).format(bytes)} B`;
  const [value, unit] = bytes < 1048576 ? [bytes / 1024, 'kilobyte'] : [bytes / 1048576, 'megabyte'];
  return new Intl.NumberFormat(lang, {style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0}).format(value);
}

/** A signed, short-lived link for one document (`inline` for an image preview). */
export async function documentLink(host: DocumentsHost, id: string, inline = false): Promise<string> {
  const res = await fetch(`${host.backend}/api/v1/attachments/${id}/link${inline ? '?inline=1' : ''}`, {headers: {authorization: `Bearer ${host.shown?.side.token() ?? ''}`}, credentials: 'omit'});
  if (!res.ok) throw new Error(`link refused (${res.status})`);
  return ((await res.json()) as {url: string}).url;
}
