// Documents in the conversation: what a file card shows, which types are accepted, and why a
// file is refused (a stable reason the clients translate).

/** Accepted document types, decided from the file's content; `exts` are the names it may carry. */
export const ATTACHMENT_TYPES = {
  pdf: {mime: 'application/pdf', exts: ['pdf']},
  jpeg: {mime: 'image/jpeg', exts: ['jpg', 'jpeg', 'jfif']},
  png: {mime: 'image/png', exts: ['png']},
  webp: {mime: 'image/webp', exts: ['webp']},
  heic: {mime: 'image/heic', exts: ['heic', 'heif']},
  docx: {mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx']},
  odt: {mime: 'application/vnd.oasis.opendocument.text', exts: ['odt']},
  txt: {mime: 'text/plain', exts: ['txt', 'text']},
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_IDS = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];

/** Defaults; the server's configuration may change them (the widget learns them on refusal). */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
export const ATTACHMENT_NAME_MAX = 180;
export const ATTACHMENT_CAPTION_MAX = 1000;

/** Browsers preview these inline (the signed link may ask for `inline`). */
export const PREVIEWABLE: readonly AttachmentType[] = ['jpeg', 'png', 'webp'];

export interface AttachmentDto {
  id: string;
  /** Sanitised file name, with the extension of its detected type. */
  name: string;
  size: number;
  sha256: string;
  type: AttachmentType;
  mime: string;
}

/** Why an upload was refused; sent as `error.reason` with the error. */
export type AttachmentRefusal =
  | 'too_large' | 'empty' | 'type_not_accepted' | 'type_mismatch' | 'executable' | 'archive' | 'markup'
  | 'conversation_full' | 'no_file' | 'malformed';

/** GET /attachments/:id/link. */
export interface AttachmentLink {
  url: string;
  expiresAt: string;
}
